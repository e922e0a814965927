import {
  AUTHENTICATION_OPTION_RULES,
  checkAuthenticationOptions,
  type AuthenticationOptions,
} from './authentication/authentication.options';
import {
  checkJwtOptions,
  JWT_OPTION_RULES,
  type JwtOptions,
} from './authentication/jwt/jwt.options';
import { CACHING_OPTION_RULES, type CachingOptions } from './caching/caching.options';
import { EXCEPTIONS_OPTION_RULES } from './config/exceptions.options';
import type { ResolvedSection, SectionRules } from './config/option-rules';
import { resolveOptionSections } from './config/resolve-options';
import type {
  ResolvedRestflowOptions,
  RestflowModuleOptions,
  RestflowOptionsSection,
} from './config/restflow-options.interface';
import { FILTERS_OPTION_RULES, type FiltersOptions } from './filters/filters.options';
import { HTTP_OPTION_RULES, type HttpOptions } from './http/http.options';
import {
  checkPaginationOptions,
  PAGINATION_OPTION_RULES,
  type PaginationOptions,
} from './pagination/pagination.options';
import { PARSERS_OPTION_RULES, type ParsersOptions } from './parsers/parsers.options';
import {
  PERMISSIONS_OPTION_RULES,
  type PermissionsOptions,
} from './permissions/permissions.options';
import { THROTTLING_OPTION_RULES, type ThrottlingOptions } from './throttling/throttling.options';

/*
 * The composition of `RestflowModule.forRoot()` options. `config/` holds the machinery (rules,
 * resolution, tokens) and the ground-floor `exceptions` section; each subsystem owns its section
 * (its option type, rules and cross-option checks, in its `*.options.ts`); this file, beside the
 * module, puts them together. `config/` imports no subsystem.
 */

/**
 * Defaults and validation rules of every `RestflowModule` option, one entry per section (in
 * the order `resolveRestflowOptions` fills them).
 *
 * @internal
 */
export const RESTFLOW_OPTION_RULES = {
  pagination: PAGINATION_OPTION_RULES,
  filters: FILTERS_OPTION_RULES,
  authentication: AUTHENTICATION_OPTION_RULES,
  permissions: PERMISSIONS_OPTION_RULES,
  throttling: THROTTLING_OPTION_RULES,
  http: HTTP_OPTION_RULES,
  caching: CACHING_OPTION_RULES,
  jwt: JWT_OPTION_RULES,
  exceptions: EXCEPTIONS_OPTION_RULES,
  parsers: PARSERS_OPTION_RULES,
} as const satisfies Record<keyof RestflowModuleOptions, SectionRules>;

type ResolvedSections<TRules extends Readonly<Record<string, SectionRules>>> = {
  readonly [TSection in keyof TRules]: ResolvedSection<TRules[TSection]>;
};

declare module './config/restflow-options.interface' {
  interface RestflowModuleOptions {
    /** Default paginator and page sizes. */
    pagination?: PaginationOptions;
    /** Filter set defaults. */
    filters?: FiltersOptions;
    /** Default authenticator chain and the user provider. */
    authentication?: AuthenticationOptions;
    /** Default permission classes. */
    permissions?: PermissionsOptions;
    /** Default throttles, rates and stores. */
    throttling?: ThrottlingOptions;
    /** Allowed hosts, the public base URL of links, and proxy trust. */
    http?: HttpOptions;
    /** Cache store, default TTL, response-cache headers and invalidation dispatchers. */
    caching?: CachingOptions;
    /** JWT keys, algorithm and lifetimes. */
    jwt?: JwtOptions;
    /** Accepted request body media types. */
    parsers?: ParsersOptions;
  }

  // Declaration merging: the members are the sections' resolved values, read off their rules.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ResolvedRestflowOptions extends ResolvedSections<
    Omit<typeof RESTFLOW_OPTION_RULES, 'exceptions'>
  > {}
}

/** Every section's name, in resolution order. */
export const RESTFLOW_OPTION_SECTIONS = Object.keys(
  RESTFLOW_OPTION_RULES,
) as readonly RestflowOptionsSection[];

/** Rules that involve more than one option, each owned by its subsystem. */
const CROSS_OPTION_CHECKS: readonly ((options: ResolvedRestflowOptions) => void)[] = [
  (options) => checkAuthenticationOptions(options.authentication),
  checkJwtOptions,
  (options) => checkPaginationOptions(options.pagination),
];

/**
 * Turns `forRoot` input into {@link ResolvedRestflowOptions}: fills every default section by
 * section, validates every value, and freezes the result. Pure; runs once at boot.
 *
 * @throws {RestflowConfigError} naming the first wrong option and how to fix it.
 * @example
 * ```ts
 * resolveRestflowOptions({ parsers: { mediaTypes: ['application/json'] } }).parsers.mediaTypes;
 * // ['application/json']
 * ```
 * @publicApi
 */
export function resolveRestflowOptions(input?: unknown): ResolvedRestflowOptions {
  return resolveOptionSections<ResolvedRestflowOptions>(
    input,
    RESTFLOW_OPTION_RULES,
    CROSS_OPTION_CHECKS,
  );
}

export type {
  ResolvedRestflowOptions,
  RestflowModuleOptions,
  RestflowOptionsSection,
} from './config/restflow-options.interface';
