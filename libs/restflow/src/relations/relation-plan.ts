import type { EntityMetadata } from 'typeorm';
import type { RelationMetadata } from '../core/typeorm-compat.util';
import { KeyedCache } from '../core/keyed-cache.util';
import { dataSourceOf } from '../core/typeorm-compat.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import type { SerializerField } from '../serializers/fields/field';
import { PrimaryKeyRelatedField } from '../serializers/primary-key-related.field';
import type { Serializer, SerializerClass } from '../serializers/serializer';
import { nestedSerializerClassOf } from '../serializers/view-serializers.util';

/**
 * What a response serializer shows of an entity's relations, as a tree: the to-one relations
 * (joined into the query) and the to-many relations (loaded by one batched query each), each
 * with what it shows of its own relations in turn.
 *
 * @example
 * ```ts
 * const plan = relationPlan(ProductSerializer, dataSource.getMetadata(Product));
 * [...plan.toOne.keys()]; // ['category']
 * [...plan.toMany.keys()]; // ['tags']
 * ```
 * @publicApi
 */
export interface RelationPlan {
  /** The entity the plan is for. */
  readonly metadata: EntityMetadata;
  /** Many-to-one and one-to-one relations, by property. */
  readonly toOne: ReadonlyMap<string, RelationPlanNode>;
  /** One-to-many and many-to-many relations, by property. */
  readonly toMany: ReadonlyMap<string, RelationPlanNode>;
}

/** One relation of a {@link RelationPlan} and the plan of the related entity. @publicApi */
export interface RelationPlanNode {
  readonly relation: RelationMetadata;
  readonly plan: RelationPlan;
}

/** Whether a plan loads nothing. @internal */
export function isEmptyPlan(plan: RelationPlan): boolean {
  return plan.toOne.size === 0 && plan.toMany.size === 0;
}

interface MutablePlan extends RelationPlan {
  readonly toOne: Map<string, { relation: RelationMetadata; plan: MutablePlan }>;
  readonly toMany: Map<string, { relation: RelationMetadata; plan: MutablePlan }>;
}

/** Plans per serializer class, then per entity (each data source has its own metadata). */
const PLANS = new KeyedCache<object, EntityMetadata, RelationPlan>();

/**
 * The relations `serializerClass` shows when it represents rows of `metadata`, derived once per
 * serializer class and entity from its fields: every relation a field's `source` walks through
 * (`category`, `category.parent.name`), a nested serializer's own relations, a key list
 * (`tags: [1, 2]`) and a to-one key without a foreign-key property. A source that names no
 * relation (a column, a getter, a `PostFetch` attribute) loads nothing.
 *
 * @throws {RestflowConfigError} when a shown relation cannot be loaded (a composite key).
 * @example
 * ```ts
 * const plan = relationPlan(ProductSerializer, dataSource.getMetadata(Product));
 * ```
 * @publicApi
 */
export function relationPlan(
  serializerClass: SerializerClass,
  metadata: EntityMetadata,
): RelationPlan {
  return PLANS.get(serializerClass, metadata, () =>
    buildPlan(serializerClass, metadata, new Set()),
  );
}

/**
 * The plan of a serializer instance: {@link relationPlan} of its class, or, for a class whose
 * fields depend on the request (`static cacheFields = false`), the plan of this instance's
 * fields.
 *
 * @internal
 */
export function relationPlanOf(serializer: Serializer, metadata: EntityMetadata): RelationPlan {
  const serializerClass = serializer.constructor as SerializerClass;
  if ((serializerClass as unknown as { cacheFields?: boolean }).cacheFields !== false) {
    return relationPlan(serializerClass, metadata);
  }
  const visiting = new Set<unknown>([serializerClass]);
  const plan = emptyPlan(metadata);
  for (const [name, field] of serializer.fields) {
    if (!field.writeOnly) addField(plan, field, `${serializerClass.name}.${name}`, visiting);
  }
  return plan;
}

function emptyPlan(metadata: EntityMetadata): MutablePlan {
  return { metadata, toOne: new Map(), toMany: new Map() };
}

function buildPlan(
  serializerClass: SerializerClass,
  metadata: EntityMetadata,
  visiting: Set<unknown>,
): MutablePlan {
  const plan = emptyPlan(metadata);
  // A serializer nested in itself (a tree of categories) is planned one level deep per use.
  if (visiting.has(serializerClass)) return plan;
  visiting.add(serializerClass);
  const serializer: Serializer = new serializerClass({
    context: { dataSource: dataSourceOf(metadata) },
  });
  for (const [name, field] of serializer.fields) {
    if (field.writeOnly) continue;
    addField(plan, field, `${serializerClass.name}.${name}`, visiting);
  }
  visiting.delete(serializerClass);
  return plan;
}

function addField(
  plan: MutablePlan,
  field: SerializerField,
  where: string,
  visiting: Set<unknown>,
): void {
  let current = plan;
  let last: { relation: RelationMetadata; plan: MutablePlan } | undefined;
  const attrs = field.sourceAttrs;
  for (const [index, attr] of attrs.entries()) {
    const relation = current.metadata.findRelationWithPropertyPath(attr);
    if (!relation) {
      // A column ends the walk; anything else (a getter, an attached attribute) is not ours.
      return;
    }
    const isLast = index === attrs.length - 1;
    if (isLast && !needsRelation(field, relation)) return;
    last = step(current, relation, where);
    current = last.plan;
  }
  const nested = nestedSerializerClassOf(field);
  if (last && nested) {
    const nestedPlan = buildPlan(nested, last.relation.inverseEntityMetadata, visiting);
    merge(last.plan, nestedPlan);
  }
}

/**
 * Whether a field whose source ends on `relation` needs the relation's rows: always, except for a
 * to-one key field (`PrimaryKeyRelatedField`) over a key the row holds itself (an explicit
 * foreign-key property such as `categoryId`).
 */
function needsRelation(field: SerializerField, relation: RelationMetadata): boolean {
  if (relation.isManyToMany || relation.isOneToMany) return true;
  // Only a key field reads the foreign-key property when the relation is not loaded.
  if (nestedSerializerClassOf(field) || !(field instanceof PrimaryKeyRelatedField)) return true;
  const joinColumn = relation.joinColumns[0];
  const hasKeyProperty =
    relation.isOwning &&
    relation.joinColumns.length === 1 &&
    joinColumn !== undefined &&
    joinColumn.propertyPath !== relation.propertyName;
  return !hasKeyProperty;
}

function step(
  plan: MutablePlan,
  relation: RelationMetadata,
  where: string,
): { relation: RelationMetadata; plan: MutablePlan } {
  const toMany = relation.isManyToMany || relation.isOneToMany;
  const map = toMany ? plan.toMany : plan.toOne;
  let node = map.get(relation.propertyName);
  if (!node) {
    if (toMany) assertBatchable(relation, where);
    node = { relation, plan: emptyPlan(relation.inverseEntityMetadata) };
    map.set(relation.propertyName, node);
  }
  return node;
}

function merge(into: MutablePlan, from: MutablePlan): void {
  for (const kind of ['toOne', 'toMany'] as const) {
    for (const [property, node] of from[kind]) {
      const existing = into[kind].get(property);
      if (existing) merge(existing.plan, node.plan);
      else into[kind].set(property, node);
    }
  }
}

/** A to-many relation is loaded by one `IN (...)` over one key column. */
function assertBatchable(relation: RelationMetadata, where: string): void {
  const columns = relation.isOneToMany
    ? (relation.inverseRelation?.joinColumns ?? [])
    : relation.joinColumns;
  const related = relation.inverseEntityMetadata;
  if (columns.length !== 1 || related.primaryColumns.length !== 1) {
    throw new RestflowConfigError(
      where,
      `${where} shows the relation ${relation.entityMetadata.name}.${relation.propertyName}, ` +
        'which cannot be loaded by one batched query: it has a composite key' +
        (relation.isOneToMany && !relation.inverseRelation ? ' or no inverse relation' : '') +
        '. Fix: show it with a SerializerMethodField, or attach it with a PostFetch.',
    );
  }
}
