import type {
  DataSource,
  EntityManager,
  EntityMetadata,
  ObjectLiteral,
  QueryBuilder,
  QueryRunner,
} from 'typeorm';

/**
 * The TypeORM objects that belong to a data source. The two supported TypeORM lines name that
 * link differently: 1.x calls it `dataSource` (and keeps `connection` as a deprecated alias),
 * 0.3 has `connection` only.
 */
export type DataSourceHolder =
  EntityManager | EntityMetadata | QueryRunner | QueryBuilder<ObjectLiteral>;

/**
 * The data source of a query builder, entity manager, entity metadata or query runner, on
 * TypeORM 1.x (`holder.dataSource`) and 0.3 (`holder.connection`) alike. The one place where the
 * library bridges that difference: read a TypeORM object's data source through this function,
 * never through either property directly.
 *
 * @example
 * ```ts
 * const driver = dataSourceOf(query).options.type; // 'postgres', 'sqljs', ...
 * const repository = dataSourceOf(metadata).getRepository(metadata.target);
 * ```
 * @internal
 */
export function dataSourceOf(holder: DataSourceHolder): DataSource {
  const linked = holder as { dataSource?: DataSource; connection?: DataSource };
  const dataSource = linked.dataSource ?? linked.connection;
  if (!dataSource) {
    throw new TypeError(
      `${holder.constructor.name} has neither dataSource (TypeORM 1.x) nor connection (TypeORM 0.3).`,
    );
  }
  return dataSource;
}

/**
 * TypeORM's relation metadata, as found in `EntityMetadata.relations`. TypeORM 1.x exports the
 * class from its root, 0.3 does not; the library names the type through `EntityMetadata` so its
 * declarations type-check on both lines.
 *
 * @example
 * ```ts
 * const owner: RelationMetadata | undefined = metadata.findRelationWithPropertyPath('author');
 * ```
 * @internal
 */
export type RelationMetadata = EntityMetadata['relations'][number];
