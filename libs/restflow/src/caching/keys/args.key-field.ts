import { CacheKeyField, type KeyFieldOptions } from './cache-key-field';
import type { KeyCall } from './key-call.interface';
import { resolvePath } from './resolve-path.util';

/**
 * Options of {@link ArgsKeyField}.
 *
 * @example
 * ```ts
 * new ArgsKeyField('user', { path: 'id', partition: true });
 * ```
 * @publicApi
 */
export interface ArgsKeyFieldOptions extends KeyFieldOptions {
  /** Dotted path read off each argument (`'id'` keys a user object by its id). */
  path?: string;
  /** Turns each argument's value into what goes in the key (after `path`). */
  normalizer?: (value: unknown) => unknown;
}

/**
 * Arguments of the cached function, by name: one name, a list of names, or `'*'` for all of
 * them. A named argument that was not passed is keyed as `undefined`.
 *
 * @example
 * ```ts
 * class UserKey extends KeyConstructor {
 *   user = new ArgsKeyField('userId', { partition: true });
 *   page = new ArgsKeyField(['page', 'tags'], { sortLists: true });
 * }
 * ```
 * @publicApi
 */
export class ArgsKeyField extends CacheKeyField {
  readonly names: '*' | readonly string[];
  private readonly options: ArgsKeyFieldOptions;

  constructor(names: string | readonly string[] = '*', options: ArgsKeyFieldOptions = {}) {
    super(options);
    this.names = names === '*' ? '*' : typeof names === 'string' ? [names] : [...names];
    this.options = options;
  }

  payload(call: KeyCall): Readonly<Record<string, unknown>> {
    const names = this.names === '*' ? Object.keys(call.args) : this.names;
    const payload: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of names) {
      let value = resolvePath(call.args[name], this.options.path ?? '');
      if (this.options.normalizer) value = this.options.normalizer(value);
      payload[name] = value;
    }
    return payload;
  }

  override canResolve(args: Readonly<Record<string, unknown>>): boolean {
    return this.names !== '*' && this.names.every((name) => Object.hasOwn(args, name));
  }
}
