import type { AuthenticationActionConfig } from './authentication/authentication.action-config';
import type { CacheResponseActionConfig } from './caching/responses/cache-response.action-config';
import type { FilterSetActionConfig } from './filters/filter-set.action-config';
import type { PaginationActionConfig } from './pagination/pagination.action-config';
import type { ParsersActionConfig } from './parsers/parsers.action-config';
import type { PermissionsActionConfig } from './permissions/permissions.action-config';
import type { PostFetchActionConfig } from './relations/post-fetch.action-config';
import type { SerializerActionConfig } from './serializers/serializer.action-config';
import type { ThrottlingActionConfig } from './throttling/throttling.action-config';

/*
 * The composition of `ActionConfigOptions`: `core/` declares the keys every subsystem shares,
 * each subsystem declares its own keys in its `*.action-config.ts`, and this file, at the top of
 * the library beside the module, merges them into the one interface `@ActionConfig()` accepts and
 * `resolveActionConfig()` returns. `core/` imports no subsystem.
 */
declare module './core/action-config.interface' {
  interface ActionConfigOptions
    extends
      SerializerActionConfig,
      PaginationActionConfig,
      FilterSetActionConfig,
      ParsersActionConfig,
      AuthenticationActionConfig,
      PermissionsActionConfig,
      PostFetchActionConfig,
      ThrottlingActionConfig,
      CacheResponseActionConfig {}
}

export type { ActionConfigOptions, QuerysetSource } from './core/action-config.interface';
