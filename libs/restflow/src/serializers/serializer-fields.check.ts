import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { bootedControllers } from '../core/controller-actions.util';
import type { Serializer, SerializerClass } from './serializer';
import { nestedSerializerClassOf, serializerClassesOf } from './view-serializers.util';

const SERIALIZER_KEYS = ['serializerClass', 'requestSerializerClass', 'responseSerializerClass'];

/**
 * Builds the fields of `serializerClass` and of every serializer nested in it, with
 * `dataSource` in their context, so that whatever cannot be mapped throws now: a relation that
 * cannot be a key or a key list, a column type without a field, a writable nested field that the
 * serializer does not write, an option that does not apply. Classes whose fields depend on the
 * request (`static cacheFields = false`) are left to their first use.
 *
 * @throws {RestflowConfigError} naming the field and the fix.
 * @example
 * ```ts
 * assertSerializerFields(ArticleSerializer, dataSource);
 * ```
 * @internal
 */
export function assertSerializerFields(
  serializerClass: SerializerClass,
  dataSource: DataSource,
  checked = new Set<unknown>(),
): void {
  if (checked.has(serializerClass)) return;
  checked.add(serializerClass);
  if ((serializerClass as unknown as typeof Serializer).cacheFields === false) return;
  const serializer = new serializerClass({ context: { dataSource } });
  for (const field of serializer.fields.values()) {
    const nested = nestedSerializerClassOf(field);
    if (nested) assertSerializerFields(nested, dataSource, checked);
  }
}

/**
 * Builds, at boot, the fields of every serializer class a controller uses (`serializerClass`,
 * `requestSerializerClass`, `responseSerializerClass`, on the class and in each action's
 * `ActionConfig`), and of the serializers nested in them, with the view's `dataSource`. A
 * relation, column or nested field that cannot be mapped rejects `app.init()` with a
 * `RestflowConfigError` naming the field and the fix, instead of a 500 on the first request.
 * Views without an initialised data source and request-scoped controllers are skipped.
 * Registered by `RestflowModule`.
 *
 * @example
 * ```ts
 * await app.init();
 * // RestflowConfigError: ArticleSerializer.tags is a writable nested serializer field, and
 * // ArticleSerializer does not implement create() and update() to write it. ...
 * ```
 * @publicApi
 */
@Injectable()
export class SerializerFieldsCheck implements OnApplicationBootstrap {
  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const checked = new Set<unknown>();
    for (const { view } of bootedControllers(this.discovery)) {
      const dataSource = (view as { dataSource?: Partial<DataSource> }).dataSource;
      if (!dataSource?.isInitialized || typeof dataSource.getMetadata !== 'function') continue;
      for (const serializerClass of serializerClassesOf(view, SERIALIZER_KEYS)) {
        assertSerializerFields(serializerClass, dataSource as DataSource, checked);
      }
    }
  }
}
