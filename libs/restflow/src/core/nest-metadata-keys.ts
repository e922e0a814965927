/**
 * The reflection keys under which Nest's own decorators (`@Controller`, `@Get`, `@HttpCode`,
 * `@UseGuards`) store their metadata. Nest does not export them from a public entry point (they
 * live in `@nestjs/common/constants`, a private file whose path differs between Nest 11 and 12),
 * so the library names them here, once; `nest-metadata-keys.spec.ts` checks them against the
 * installed Nest, and the consumer tests run the library on Nest 11 and 12.
 *
 * @example
 * ```ts
 * const path = Reflect.getMetadata(NEST_PATH_METADATA, ProductViewSet) as string;
 * ```
 * @internal
 */
export const NEST_PATH_METADATA = 'path';

/**
 * The key of a route handler's HTTP method (`RequestMethod`), written by `@Get()` and the like.
 *
 * @example
 * ```ts
 * const method = Reflect.getMetadata(NEST_METHOD_METADATA, handler) as RequestMethod;
 * ```
 * @internal
 */
export const NEST_METHOD_METADATA = 'method';

/**
 * The key of a route handler's status code, written by `@HttpCode()`.
 *
 * @example
 * ```ts
 * const status = Reflect.getMetadata(NEST_HTTP_CODE_METADATA, handler) as number | undefined;
 * ```
 * @internal
 */
export const NEST_HTTP_CODE_METADATA = '__httpCode__';

/**
 * The key of the guards of a class or handler, written by `@UseGuards()`.
 *
 * @example
 * ```ts
 * const guards = Reflect.getMetadata(NEST_GUARDS_METADATA, handler) as unknown[] | undefined;
 * ```
 * @internal
 */
export const NEST_GUARDS_METADATA = '__guards__';

/**
 * The key of the interceptors of a class or handler, written by `@UseInterceptors()`.
 *
 * @example
 * ```ts
 * const interceptors = Reflect.getMetadata(NEST_INTERCEPTORS_METADATA, ProductViewSet) as unknown[] | undefined;
 * ```
 * @internal
 */
export const NEST_INTERCEPTORS_METADATA = '__interceptors__';

/**
 * Where TypeScript's `emitDecoratorMetadata` leaves a decorated class's constructor parameter
 * types (what Nest injects by).
 *
 * @internal
 */
export const NEST_PARAMTYPES_METADATA = 'design:paramtypes';

/**
 * Where `@Inject(token)` on a constructor parameter records its token (Nest's
 * `SELF_DECLARED_DEPS_METADATA`).
 *
 * @internal
 */
export const NEST_SELF_DECLARED_DEPS_METADATA = 'self:paramtypes';

/**
 * Where `@Inject()` on a property records it (Nest's `PROPERTY_DEPS_METADATA`).
 *
 * @internal
 */
export const NEST_PROPERTY_DEPS_METADATA = 'self:properties_metadata';
