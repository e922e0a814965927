import { Controller, Get, Req, type Type } from '@nestjs/common';
import { ApplicationConfig, DiscoveryService } from '@nestjs/core';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { requestOrigin } from '../core/request-origin.util';
import { VIEWSET_METADATA } from './metadata-keys';
import type { RestflowRequest } from '../core/restflow-request.interface';
import type { ViewSetMetadata } from './view.decorator';
import { withClassName } from './view-class.types';

/**
 * A controller that serves the API root at `path` (DRF's `DefaultRouter` root view): an object
 * mapping each viewset's basename to its absolute URL, for every `@ViewSet()` under `path`.
 * Add it to a module's controllers; `RestflowModule` provides what it needs.
 *
 * @example
 * ```ts
 * @Module({ controllers: [ApiRoot('api'), ProductViewSet, CategoryViewSet] })
 * export class CatalogModule {}
 * // GET /api -> {"categories":"http://localhost:3000/api/categories","products":"http://localhost:3000/api/products"}
 * ```
 * @publicApi
 */
export function ApiRoot(path = ''): Type<unknown> {
  const root = normalize(path);

  @Controller(path)
  class ApiRootController {
    private entries: [string, string][] | undefined;

    constructor(
      private readonly discovery: DiscoveryService,
      private readonly config: ApplicationConfig,
    ) {}

    @Get()
    @ApiOperation({ summary: 'API root: the URL of each resource' })
    @ApiOkResponse({
      description: 'Each viewset under this path, by name, with its absolute URL.',
      schema: { type: 'object', additionalProperties: { type: 'string', format: 'uri' } },
    })
    list(@Req() request: RestflowRequest): Record<string, string> {
      // Checked against http.allowedHosts by HostMiddleware, or http.publicBaseUrl.
      const origin = requestOrigin(request);
      return Object.fromEntries(this.viewsets().map(([name, url]) => [name, `${origin}${url}`]));
    }

    /** Found once, on the first request: the app's routes do not change after boot. */
    private viewsets(): [string, string][] {
      if (!this.entries) {
        const prefix = normalize(this.config.getGlobalPrefix());
        this.entries = this.discovery
          .getControllers()
          .map((wrapper) => wrapper.metatype as object | null)
          .map((metatype) =>
            metatype
              ? (Reflect.getMetadata(VIEWSET_METADATA, metatype) as ViewSetMetadata | undefined)
              : undefined,
          )
          .filter((metadata): metadata is ViewSetMetadata => !!metadata)
          .filter(
            ({ prefix: viewsetPath }) =>
              `${normalize(viewsetPath)}/`.startsWith(`${root}/`) || root === '',
          )
          .map(({ basename, prefix: viewsetPath }): [string, string] => [
            basename,
            `${prefix}${normalize(viewsetPath)}`,
          ])
          .sort(([a], [b]) => a.localeCompare(b));
      }
      return this.entries;
    }
  }
  return withClassName(ApiRootController, `ApiRoot(${root || '/'})`);
}

function normalize(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}
