import type { OptionRule } from '../../config/option-rules';

/**
 * JSON Web Token settings: keys, the pinned algorithm, lifetimes and claims.
 *
 * @example
 * ```ts
 * RestflowModule.forRoot({ jwt: { signingKey: process.env.JWT_KEY } });
 * ```
 * @publicApi
 */
export type JwtOptions = Record<string, never>;

/**
 * Rules of the `jwt` section.
 *
 * @internal
 */
export const JWT_OPTION_RULES: Readonly<Record<string, OptionRule<unknown>>> = {};
