import { encodeKeyValue, escapeKeyText, sha256Hex } from './key-encoding.util';
import type { KeyCall } from './key-call.interface';

/**
 * Options every key field takes.
 *
 * @example
 * ```ts
 * new ArgsKeyField('userId', { partition: true });
 * new QueryParamsKeyField('*', { hash: true });
 * ```
 * @publicApi
 */
export interface KeyFieldOptions {
  /**
   * Put the field in the key's prefix (its partition) rather than its suffix, so that
   * `deleteByPrefix({ ... })` can drop every entry that shares its value.
   * @default false
   */
  partition?: boolean;
  /** Replace the field's part of the key by its SHA-256 (64 hex characters). @default false */
  hash?: boolean;
  /** Sort list values (arguments that are sets given as arrays). @default false */
  sortLists?: boolean;
}

/**
 * A piece of a cache key: reads values from a call ({@link KeyCall}) and writes them as
 * `name:value` pairs, escaped so that distinct values never give one key.
 *
 * Subclass it for a field of your own: implement `payload()` (and `canResolve()` when the field
 * can be computed from partition values alone, for `deleteByPrefix`).
 *
 * @example
 * ```ts
 * class TenantKeyField extends CacheKeyField {
 *   payload(call: KeyCall) {
 *     return { tenant: call.request?.headers['x-tenant'] };
 *   }
 * }
 * ```
 * @publicApi
 */
export abstract class CacheKeyField {
  readonly partition: boolean;
  readonly hash: boolean;
  readonly sortLists: boolean;

  constructor(options: KeyFieldOptions = {}) {
    this.partition = options.partition ?? false;
    this.hash = options.hash ?? false;
    this.sortLists = options.sortLists ?? false;
  }

  /** The values this field contributes to the key of `call`, by name. */
  abstract payload(call: KeyCall): Readonly<Record<string, unknown>>;

  /**
   * Whether the field can be computed from these named values alone (no request). Used by
   * `deleteByPrefix(values)` to know how much of the partition the values pin down.
   * Override in fields that read arguments.
   */
  canResolve(_args: Readonly<Record<string, unknown>>): boolean {
    return false;
  }

  /**
   * The field's part of the key: its `name:value` pairs ordered by name and joined with `|`,
   * hashed when `hash` is set; empty when the payload is.
   */
  keyPart(call: KeyCall): string {
    const payload = this.payload(call);
    const part = Object.keys(payload)
      .sort()
      .map(
        (name) =>
          `${escapeKeyText(name)}:${encodeKeyValue(payload[name], { sortLists: this.sortLists })}`,
      )
      .join('|');
    return this.hash && part !== '' ? sha256Hex(part) : part;
  }
}
