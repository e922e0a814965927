/**
 * A tiny declarative schema for `RestflowModule` options: each option has a default, a check,
 * and the words used when the check fails. `resolveRestflowOptions` reads these rules; nothing
 * else validates options.
 */

/** How one option is defaulted and validated. @internal */
export interface OptionRule<T> {
  readonly default: T;
  /** What a valid value looks like, completing "expected …". */
  readonly expected: string;
  /** How to fix a wrong value, completing "Fix: …". */
  readonly fix: string;
  /** The value to keep, or `undefined` when `value` is invalid. */
  accept(value: unknown): T | undefined;
}

/** The rules of one section, by option name. @internal */
export type SectionRules = Readonly<Record<string, OptionRule<unknown>>>;

/** The resolved (defaulted, validated, frozen) values of one section. @internal */
export type ResolvedSection<TRules extends SectionRules> = {
  readonly [K in keyof TRules]: TRules[K] extends OptionRule<infer TValue> ? TValue : never;
};

/** A string matching `pattern`. @internal */
export function stringOption(rule: {
  default: string;
  pattern: RegExp;
  expected: string;
  fix: string;
}): OptionRule<string> {
  return {
    ...rule,
    accept: (value) => (typeof value === 'string' && rule.pattern.test(value) ? value : undefined),
  };
}

/** A non-empty list of distinct strings matching `pattern`; kept as a frozen copy. @internal */
export function stringListOption(rule: {
  default: readonly string[];
  pattern: RegExp;
  expected: string;
  fix: string;
}): OptionRule<readonly string[]> {
  return {
    ...rule,
    default: Object.freeze([...rule.default]),
    accept(value) {
      if (!Array.isArray(value) || value.length === 0) {
        return undefined;
      }
      const valid = value.every((item) => typeof item === 'string' && rule.pattern.test(item));
      return valid ? Object.freeze([...new Set(value as string[])]) : undefined;
    },
  };
}

/** An integer between `min` and `max`. @internal */
export function integerOption(rule: {
  default: number;
  min: number;
  max: number;
  expected: string;
  fix: string;
}): OptionRule<number> {
  return {
    ...rule,
    accept: (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= rule.min && value <= rule.max
        ? value
        : undefined,
  };
}

/** A string matching `pattern`, or `null` to turn the feature off. @internal */
export function nullableStringOption(rule: {
  default: string | null;
  pattern: RegExp;
  expected: string;
  fix: string;
}): OptionRule<string | null> {
  return {
    ...rule,
    accept: (value) =>
      value === null || (typeof value === 'string' && rule.pattern.test(value)) ? value : undefined,
  };
}

/** Whether `value` is a class (a constructor function, not an arrow function). @internal */
export function isClass(value: unknown): value is abstract new (...args: never[]) => unknown {
  return typeof value === 'function' && value.prototype !== undefined;
}

/** A class (constructor function), or `null`. @internal */
export function nullableClassOption<TClass>(rule: {
  default: TClass | null;
  expected: string;
  fix: string;
}): OptionRule<TClass | null> {
  return {
    ...rule,
    accept: (value) => (value === null || isClass(value) ? (value as TClass | null) : undefined),
  };
}

/** A list of classes (possibly empty); kept as a frozen copy. @internal */
export function classListOption<TClass>(rule: {
  expected: string;
  fix: string;
}): OptionRule<readonly TClass[]> {
  return {
    ...rule,
    default: Object.freeze([]),
    accept: (value) =>
      Array.isArray(value) && value.every(isClass)
        ? (Object.freeze([...value]) as readonly TClass[])
        : undefined,
  };
}
