import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { KeyedCache } from '../core/keyed-cache.util';
import { dataSourceOf } from '../core/typeorm-compat.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { Serializer } from '../serializers/serializer';
import type { PostFetch } from './post-fetch';
import { joinToOneRelations } from './relation-joins';
import { loadRelations, loadToManyRelations } from './relation-loader';
import { isEmptyPlan, relationPlanOf, type RelationPlan } from './relation-plan';

/**
 * Joins into `query` the to-one relations `serializer` shows, and returns the plan that
 * {@link loadShownToMany} finishes once the rows are read (or `undefined` when the query has no
 * entity or the serializer shows no relation). What the generic views do to every list and
 * detail query.
 *
 * @internal
 */
export function joinShownRelations(
  serializer: Serializer,
  query: SelectQueryBuilder<ObjectLiteral>,
): RelationPlan | undefined {
  const metadata = query.expressionMap.mainAlias?.hasMetadata
    ? query.expressionMap.mainAlias.metadata
    : undefined;
  if (!metadata) return undefined;
  const plan = relationPlanOf(serializer, metadata);
  if (isEmptyPlan(plan)) return undefined;
  joinToOneRelations(query, plan);
  return plan;
}

/** Loads the to-many relations of `plan` onto rows read by `query`. @internal */
export async function loadShownToMany(
  plan: RelationPlan | undefined,
  query: SelectQueryBuilder<ObjectLiteral>,
  rows: readonly ObjectLiteral[],
): Promise<void> {
  if (!plan || rows.length === 0) return;
  await loadToManyRelations(managerOf(query), plan, rows);
}

/**
 * Reads every relation `serializer` shows onto `rows` that were not read through a joined query
 * (a row just created or updated). @internal
 */
export async function loadShownRelations(
  serializer: Serializer,
  manager: EntityManager,
  rows: readonly ObjectLiteral[],
): Promise<void> {
  const [first] = rows;
  if (!first || !dataSourceOf(manager).hasMetadata(first.constructor)) return;
  const plan = relationPlanOf(serializer, dataSourceOf(manager).getMetadata(first.constructor));
  await loadRelations(manager, plan, rows);
}

function managerOf(query: SelectQueryBuilder<ObjectLiteral>): EntityManager {
  // A query of a transaction reads through it (its runner is protected in TypeORM's types).
  const runner = (query as unknown as { queryRunner?: { manager: EntityManager } }).queryRunner;
  return runner?.manager ?? dataSourceOf(query).manager;
}

/**
 * Runs each `PostFetch` over rows read by `query` (one query each). A `toAttr` that `serializer`
 * does not show would be fetched and then left out of the response: that is refused.
 *
 * @throws {RestflowConfigError} naming the attribute and the fix.
 * @internal
 */
export async function runPostFetches(
  serializer: Serializer,
  query: SelectQueryBuilder<ObjectLiteral> | EntityManager,
  rows: readonly ObjectLiteral[],
  postFetches: readonly PostFetch[],
): Promise<void> {
  if (postFetches.length === 0) return;
  const manager = 'expressionMap' in query ? managerOf(query) : query;
  for (const postFetch of postFetches) {
    assertShown(serializer, postFetch);
    await postFetch.fetch(manager, rows);
  }
}

/** Per serializer class with fields built once (`cacheFields`): the PostFetches it shows. */
const SHOWN = new KeyedCache<object, PostFetch, true>();

function assertShown(serializer: Serializer, postFetch: PostFetch): void {
  // The fields of a `cacheFields` class are the same for every instance: checked once (a
  // failed check throws, and is not kept).
  const serializerClass = serializer.constructor as { cacheFields?: boolean };
  if (serializerClass.cacheFields === false) {
    checkShown(serializer, postFetch);
  } else {
    SHOWN.get(serializerClass, postFetch, () => checkShown(serializer, postFetch));
  }
}

function checkShown(serializer: Serializer, postFetch: PostFetch): true {
  for (const field of serializer.fields.values()) {
    if (!field.writeOnly && field.sourceAttrs[0] === postFetch.toAttr) return true;
  }
  const name = serializer.constructor.name;
  throw new RestflowConfigError(
    `${name}.${postFetch.toAttr}`,
    `PostFetch(${postFetch.toAttr}) attaches \`${postFetch.toAttr}\`, which ${name} does not show. ` +
      `Fix: declare it on ${name}, e.g. \`@Field({ type: 'json', readOnly: true }) ${postFetch.toAttr}!: unknown;\` ` +
      'or a nested serializer with `readOnly: true`.',
  );
}
