import type { Allow as AllowDecorator } from 'class-validator';

/**
 * class-validator's `Allow`, loaded from its own module: the package index loads every validator
 * (`validator`, `libphonenumber-js`: about 11 MB of resident memory) where marking a property
 * known needs this one decorator. Falls back to the index if the package's layout changes.
 */
function loadAllow(): typeof AllowDecorator {
  type Module = { Allow: typeof AllowDecorator };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('class-validator/cjs/decorator/common/Allow') as Module).Allow;
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('class-validator') as Module).Allow;
  }
}

/**
 * Tells a global `ValidationPipe` (class-validator) that `name` is a known property of the class,
 * so that `whitelist` keeps it and `forbidUnknownValues` accepts the class.
 *
 * @example
 * ```ts
 * allowProperty(ProductSerializer.prototype, 'name');
 * ```
 * @internal
 */
export function allowProperty(prototype: object, name: string): void {
  allow()(prototype, name);
}

const allow = loadAllow();
