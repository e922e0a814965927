import type { SerializerClass } from './serializer';

/**
 * The serializer settings of one action (composed into `ActionConfigOptions`).
 *
 * @example
 * ```ts
 * @ActionConfig({ responseSerializerClass: ProductListSerializer })
 * ```
 * @publicApi
 */
export interface SerializerActionConfig {
  /** Serializer for both directions. */
  serializerClass?: SerializerClass;
  /** Serializer of the request body (falls back to `serializerClass`). */
  requestSerializerClass?: SerializerClass;
  /** Serializer of the response (falls back to `serializerClass`). */
  responseSerializerClass?: SerializerClass;
}
