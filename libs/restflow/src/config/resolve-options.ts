import { isPlainObject } from '../core/is-plain-object.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { OptionRule, SectionRules } from './option-rules';

const MODULE = 'RestflowModule';

/**
 * Turns `forRoot` input into resolved options, section by section: fills every default,
 * validates every value against `rules` (one entry per section), freezes the result, then runs
 * `checks` (rules that involve more than one option). Pure; runs once at boot. The sections and
 * checks are composed by the module (`resolveRestflowOptions` in `restflow.module-options.ts`).
 *
 * @throws {RestflowConfigError} naming the first wrong option and how to fix it.
 * @example
 * ```ts
 * resolveOptionSections({ exceptions: {} }, { exceptions: EXCEPTIONS_OPTION_RULES }, []);
 * ```
 * @internal
 */
export function resolveOptionSections<TResolved extends object>(
  input: unknown,
  rules: Readonly<Record<string, SectionRules>>,
  checks: readonly ((options: TResolved) => void)[],
): TResolved {
  const options = input ?? {};
  if (!isPlainObject(options)) {
    throw new RestflowConfigError(
      '',
      `Invalid ${MODULE} options: expected an object, got ${describe(options)}. ` +
        `Fix: pass an object such as { parsers: { mediaTypes: ['application/json'] } }, or nothing.`,
    );
  }
  const sections = Object.keys(rules);
  rejectUnknownKeys(options, sections, '');
  const resolved: Record<string, unknown> = {};
  for (const section of sections) {
    resolved[section] = resolveSection(section, options[section], rules[section]!);
  }
  const result = Object.freeze(resolved) as TResolved;
  for (const check of checks) {
    check(result);
  }
  return result;
}

function resolveSection(section: string, input: unknown, rules: SectionRules): object {
  const values = input ?? {};
  if (!isPlainObject(values)) {
    throw new RestflowConfigError(
      section,
      `Invalid ${MODULE} option "${section}": expected an object, got ${describe(values)}. ` +
        `Fix: pass an object of "${section}" settings, or leave it out.`,
    );
  }
  rejectUnknownKeys(values, Object.keys(rules), section);
  const resolved: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(rules)) {
    resolved[name] = resolveValue(`${section}.${name}`, values[name], rule);
  }
  return Object.freeze(resolved);
}

function resolveValue(path: string, value: unknown, rule: OptionRule<unknown>): unknown {
  if (value === undefined) {
    return rule.default;
  }
  const accepted = rule.accept(value);
  if (accepted === undefined) {
    throw new RestflowConfigError(
      path,
      `Invalid ${MODULE} option "${path}": expected ${rule.expected}, got ${describe(value)}. ` +
        `Fix: ${rule.fix}`,
    );
  }
  return accepted;
}

function rejectUnknownKeys(
  values: Record<string, unknown>,
  known: readonly string[],
  section: string,
): void {
  for (const key of Object.keys(values)) {
    if (known.includes(key)) {
      continue;
    }
    const path = section ? `${section}.${key}` : key;
    const suggestion = closest(key, known);
    const hint = suggestion ? `did you mean "${suggestion}"? ` : '';
    const valid = known.length
      ? `Valid ${section ? `"${section}" options` : 'sections'}: ${known.join(', ')}.`
      : `The "${section}" section has no options in this version.`;
    throw new RestflowConfigError(
      path,
      `Unknown ${MODULE} option "${path}". Fix: ${hint}remove it or use a valid name. ${valid}`,
    );
  }
}

/** The known name within two edits of `name` (case-insensitive), if there is one. */
function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) {
      best = { name: candidate, distance };
    }
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function describe(value: unknown): string {
  if (typeof value === 'function') {
    return 'a function';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value) || isPlainObject(value)) {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  }
  return String(value);
}
