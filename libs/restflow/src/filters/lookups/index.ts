export { buildLookup } from './build.lookup';
export { datePartSql } from './date-part.util';
export { escapeLike, LIKE_ESCAPE } from './like-pattern.util';
export { assertLookupDialect, lookupNeedsPostgres } from './lookup-dialect.util';
export {
  ARRAY_LOOKUPS,
  LOOKUP_COMPARISONS,
  LOOKUP_TRANSFORMS,
  POSTGRES_LOOKUPS,
  TEXT_LOOKUPS,
} from './lookup.types';
export type {
  ArrayLookup,
  BuildLookupOptions,
  LookupArrayItem,
  LookupColumnType,
  LookupComparison,
  LookupCondition,
  LookupName,
  LookupScalarType,
  LookupTransform,
  PostgresLookup,
} from './lookup.types';
export { sqlDialect, sqlDialectOf, type SqlDialect } from './sql-dialect.util';
