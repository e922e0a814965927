import { CacheKeyField, type KeyFieldOptions } from './cache-key-field';

/**
 * A fixed `name:value` pair in every key: environment labels, feature-flag stamps, a manual
 * "bump to invalidate" counter.
 *
 * @example
 * ```ts
 * class ReportKey extends KeyConstructor {
 *   env = new ConstantKeyField('env', 'production', { partition: true });
 * }
 * ```
 * @publicApi
 */
export class ConstantKeyField extends CacheKeyField {
  constructor(
    readonly name: string,
    readonly value: string | number | boolean | null,
    options: KeyFieldOptions = {},
  ) {
    super(options);
  }

  payload(): Readonly<Record<string, unknown>> {
    return { [this.name]: this.value };
  }

  override canResolve(): boolean {
    return true;
  }
}
