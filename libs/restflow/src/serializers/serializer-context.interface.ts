import type { DataSource, EntityManager } from 'typeorm';

/**
 * What a serializer knows about the request it serves. Views and the serializer pipe fill it;
 * nested serializers share their parent's context.
 *
 * @example
 * ```ts
 * new ProductSerializer({ data: body, context: { request, dataSource } });
 * ```
 * @publicApi
 */
export interface SerializerContext {
  /** The HTTP request (Express or Fastify). */
  request?: unknown;
  /** The controller handling the request. */
  view?: unknown;
  /** The TypeORM data source `ModelSerializer` reads metadata from and writes through. */
  dataSource?: DataSource;
  /**
   * The transaction `ModelSerializer.save()` writes through; views set it so that a
   * `performCreate`/`performUpdate` hook and the write succeed or fail together.
   */
  manager?: EntityManager;
  /** Key of object-level messages in `errors`. @default 'non_field_errors' */
  nonFieldErrorsKey?: string;
  /** Anything else the app passes along. */
  [key: string]: unknown;
}
