import type { AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { fastifyFrameworkErrors } from 'nestjs-restflow';

/** The HTTP adapters the example app runs on. */
export const HTTP_ADAPTER_NAMES = ['express', 'fastify'] as const;

/** `express` or `fastify`. */
export type HttpAdapterName = (typeof HTTP_ADAPTER_NAMES)[number];

/**
 * Largest request body, in bytes (1 MiB), on both adapters. Fastify's default happens to be the
 * same, Express's is 100 kB: setting it explicitly makes 413 behave identically.
 */
export const BODY_LIMIT = 1_048_576;

/**
 * Checks an adapter name such as the `HTTP_ADAPTER` environment variable.
 *
 * @param value `undefined` or empty means `express`.
 * @throws {Error} naming `HTTP_ADAPTER` and the accepted values for anything else.
 */
export function parseHttpAdapterName(value: string | undefined): HttpAdapterName {
  const name = value?.trim().toLowerCase() || 'express';
  if (!(HTTP_ADAPTER_NAMES as readonly string[]).includes(name)) {
    throw new Error(
      `HTTP_ADAPTER is "${value}", which is not supported. Use one of: ${HTTP_ADAPTER_NAMES.join(', ')}.`,
    );
  }
  return name as HttpAdapterName;
}

/**
 * A fresh HTTP adapter for `NestFactory.create()` or `TestingModule.createNestApplication()`.
 * Fastify takes its body limit here too; `configureApp()` gives both adapters' body parsers theirs.
 *
 * @example
 * ```ts
 * const app = await NestFactory.create(AppModule.forDatabase(url), createHttpAdapter('fastify'));
 * ```
 */
export function createHttpAdapter(
  name: HttpAdapterName = 'express',
  bodyLimit: number = BODY_LIMIT,
): AbstractHttpAdapter {
  // frameworkErrors: the few errors Fastify answers in its router use the envelope too.
  return name === 'fastify'
    ? new FastifyAdapter({
        bodyLimit,
        frameworkErrors: fastifyFrameworkErrors,
        // Express accepts `/api/products/` as `/api/products`; make Fastify do the same.
        routerOptions: { ignoreTrailingSlash: true },
      })
    : new ExpressAdapter();
}
