export { buildLookup } from './build.lookup';
export { datePartSql } from './date-part.util';
export { escapeLike, LIKE_ESCAPE } from './like-pattern.util';
export { LOOKUP_COMPARISONS, LOOKUP_TRANSFORMS, TEXT_LOOKUPS } from './lookup.types';
export type {
  BuildLookupOptions,
  LookupColumnType,
  LookupComparison,
  LookupCondition,
  LookupName,
  LookupTransform,
} from './lookup.types';
export { sqlDialect, type SqlDialect } from './sql-dialect.util';
