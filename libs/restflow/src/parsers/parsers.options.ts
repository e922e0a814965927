import { stringListOption, type OptionRule } from '../config/option-rules';

const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

/**
 * Which request bodies the API accepts.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ parsers: { mediaTypes: ['application/json'] } });
 * ```
 * @publicApi
 */
export interface ParsersOptions {
  /**
   * Media types a request body may have. A body of any other `Content-Type` is answered with
   * 415 `unsupported_media_type` before it is read, identically on Express and Fastify. Each
   * type must also have a body parser in the HTTP adapter (both parse the two defaults).
   * @default ['application/json', 'application/x-www-form-urlencoded']
   */
  mediaTypes?: string[];
}

/**
 * Defaults and validation rules of the `parsers` section of `RestflowModule.forRoot()`.
 *
 * @internal
 */
export const PARSERS_OPTION_RULES = {
  mediaTypes: stringListOption({
    default: ['application/json', 'application/x-www-form-urlencoded'],
    pattern: MEDIA_TYPE,
    expected: 'a non-empty list of media types such as "application/json"',
    fix: 'list at least one "type/subtype" without parameters, e.g. ["application/json"].',
  }),
} as const satisfies Record<keyof ParsersOptions, OptionRule<unknown>>;
