import { stringOption, type OptionRule } from './option-rules';

/**
 * Settings of the error envelope and the exception filter.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ exceptions: { nonFieldErrorsKey: 'errors' } });
 * ```
 * @publicApi
 */
export interface ExceptionsOptions {
  /**
   * Key of `details` that holds messages about the whole object rather than one field
   * (DRF's `NON_FIELD_ERRORS_KEY`).
   * @default 'non_field_errors'
   */
  nonFieldErrorsKey?: string;
}

/**
 * Defaults and validation rules of the `exceptions` section of `RestflowModule.forRoot()` (the
 * error envelope is ground floor, so its section lives here; every other section is owned by its
 * subsystem and composed in `restflow.module-options.ts`).
 *
 * @internal
 */
export const EXCEPTIONS_OPTION_RULES = {
  nonFieldErrorsKey: stringOption({
    default: 'non_field_errors',
    pattern: /^[A-Za-z_][\w-]*$/,
    expected: 'an identifier such as "non_field_errors"',
    fix: 'use letters, digits, "_" or "-", starting with a letter or "_".',
  }),
} as const satisfies Record<keyof ExceptionsOptions, OptionRule<unknown>>;
