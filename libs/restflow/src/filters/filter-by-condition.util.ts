import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

/** SQL with its own named parameters. */
export interface SqlCondition {
  readonly sql: string;
  readonly parameters: Record<string, unknown>;
}

/**
 * What TypeORM's query builders do with `Brackets` inside `where()`, used to write a `Brackets`
 * as SQL text. Not part of TypeORM's typings (protected), stable across 0.3 and 1.x.
 */
interface BracketsRenderer {
  getWhereCondition(where: Brackets): unknown;
  createWhereConditionExpression(condition: unknown, alwaysWrap: boolean): string;
}

/** TypeORM's own placeholder syntax (`:name`, `:...name`), as its drivers read it. */
const PLACEHOLDER = /:(\.\.\.)?([A-Za-z0-9_.]+)/g;

/**
 * The condition a `filterBy` function or a filter method returned, as SQL whose parameters are
 * renamed under `prefix` (so that `x` and `x!` in one request, or two filter sets on one query,
 * never share a parameter name), negated as Django's `exclude()` when `negate` is set: "not
 * true", so a row where the condition is NULL (a NULL column) is kept. `Brackets` are rendered on
 * a clone of the query, so their parameters are renamed as well.
 *
 * @internal
 */
export function filterByCondition(
  result: unknown,
  query: SelectQueryBuilder<ObjectLiteral>,
  prefix: string,
  negate: boolean,
  where: string,
): SqlCondition {
  let condition: SqlCondition;
  if (result instanceof Brackets) {
    condition = renderBrackets(query, result);
  } else {
    const candidate = result as { sql?: unknown; parameters?: unknown } | null;
    if (typeof candidate?.sql !== 'string') {
      throw new RestflowConfigError(
        where,
        `The filterBy function (or method) of ${where} returned something else than Brackets ` +
          'or { sql, parameters }.',
      );
    }
    condition = {
      sql: candidate.sql,
      parameters: (candidate.parameters ?? {}) as Record<string, unknown>,
    };
  }
  const renamed = renameParameters(condition, prefix);
  return negate
    ? { sql: `CASE WHEN (${renamed.sql}) THEN 1 ELSE 0 END = 0`, parameters: renamed.parameters }
    : renamed;
}

/** `brackets` as SQL text with the parameters its callback set, the query left untouched. */
function renderBrackets(
  query: SelectQueryBuilder<ObjectLiteral>,
  brackets: Brackets,
): SqlCondition {
  const scratch = query.clone();
  const parameters: Record<string, unknown> = {};
  scratch.expressionMap.parameters = parameters;
  (scratch as unknown as { parentQueryBuilder: unknown }).parentQueryBuilder = undefined;
  const renderer = scratch as unknown as BracketsRenderer;
  const sql = renderer.createWhereConditionExpression(renderer.getWhereCondition(brackets), true);
  return { sql, parameters };
}

/** Every placeholder of a parameter of `condition` renamed to `<prefix>_<name>`. */
function renameParameters(condition: SqlCondition, prefix: string): SqlCondition {
  const own = new Set(Object.keys(condition.parameters));
  const sql = condition.sql.replace(PLACEHOLDER, (full, spread: string | undefined, key: string) =>
    own.has(key) ? `:${spread ?? ''}${prefix}_${key}` : full,
  );
  const parameters: Record<string, unknown> = {};
  for (const [key, parameter] of Object.entries(condition.parameters)) {
    parameters[`${prefix}_${key}`] = parameter;
  }
  return { sql, parameters };
}
