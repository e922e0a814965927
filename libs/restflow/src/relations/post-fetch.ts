import type {
  EntityManager,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
  QueryRunner,
  SelectQueryBuilder,
} from 'typeorm';
import { dataSourceOf } from '../core/typeorm-compat.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';

type ColumnMetadata = EntityMetadata['columns'][number];

/** Where a counting PostFetch keeps each group's count on its (internal) row: no property name. */
const COUNT_KEY = '\u0000count';

/**
 * Options of a {@link PostFetch}: drf-restflow's `PostFetch(queryset, to_attr, values,
 * limit, order_by, **queries)`.
 *
 * @example
 * ```ts
 * const options: PostFetchOptions = {
 *   source: Review,
 *   toAttr: 'latestReview',
 *   values: ['id', 'rating', 'comment'],
 *   orderBy: ['-createdAt'],
 *   limit: 1,
 *   on: { productId: 'id' },
 * };
 * ```
 * @publicApi
 */
export interface PostFetchOptions {
  /**
   * The related rows: an entity class, or a function returning a fresh query builder over them
   * (to narrow them: `(manager) => manager.createQueryBuilder(Review, 'review').where(...)`).
   */
  source:
    EntityTarget<ObjectLiteral> | ((manager: EntityManager) => SelectQueryBuilder<ObjectLiteral>);
  /** The attribute each base row gets. */
  toAttr: string;
  /** The column properties each attached row has (the join properties are always added). @default every column */
  values?: readonly string[];
  /** Order of the related rows per base row: column properties, `-` for descending. */
  orderBy?: readonly string[];
  /**
   * `1`: the first related row (a plain object) or `null`; `n > 1`: a list of up to `n` rows
   * (the first `n` of each base row, by a window function in the one query); `null`: every row.
   * @default 1
   */
  limit?: number | null;
  /** The join: related property (a column, or a to-one relation) to base property (`{ productId: 'id' }`). */
  on: Readonly<Record<string, string>>;
  /**
   * Attach the number of related rows instead of the rows: one grouped
   * `SELECT <join>, COUNT(*) ... GROUP BY <join>` per call, and each base row gets a number (`0`
   * when nothing matches). drf-restflow's `values_dict={"n": Count("id")}`, as a plain count.
   * `values`, `orderBy` and `limit` do not apply.
   * @default false
   */
  count?: boolean;
}

/** Resolved once per entity: the columns of `values`, `orderBy` and `on`. */
interface PostFetchColumns {
  values: { name: string; column: ColumnMetadata }[];
  joins: { name: string; column: ColumnMetadata; base: string }[];
  order: { column: ColumnMetadata; direction: 'ASC' | 'DESC' }[];
}

/**
 * Attaches related rows to a list of base rows after it was read (a page of products, each with
 * its latest review): drf-restflow's `PostFetch`. One query per call, whatever the number of base
 * rows: `WHERE <join> IN (...)`, and with a `limit` above 1 a `ROW_NUMBER()` window (PostgreSQL,
 * MariaDB, SQLite) keeps the first `limit` rows of each base row. Each base row (an entity or a
 * plain object) gets `toAttr`: with `limit: 1` the first row or `null`, otherwise a list (`[]`
 * when nothing matches, or when the base row's own join value is `null`). The attached rows are
 * plain objects of `values` and the join properties, converted as TypeORM reads the columns.
 * With `count: true` each base row gets the number of its related rows instead (`0` for none),
 * from one grouped `COUNT(*)` query.
 *
 * Use it through `paginatedResponse(request, query, { postFetches })`, the `postFetches` key of
 * `@ActionConfig()`, or `@PostFetches()` on a handler. The response serializer must show
 * `toAttr` (a JSON field, or a nested serializer with `readOnly`).
 *
 * @example
 * ```ts
 * export const latestReview = new PostFetch({
 *   source: Review,
 *   toAttr: 'latestReview',
 *   values: ['id', 'rating', 'comment'],
 *   orderBy: ['-createdAt'],
 *   limit: 1,
 *   on: { productId: 'id' },
 * });
 *
 * export const reviewCount = new PostFetch({
 *   source: Review,
 *   toAttr: 'reviewCount',
 *   count: true,
 *   on: { productId: 'id' },
 * });
 *
 * @ActionConfig({ postFetches: [latestReview, reviewCount] })
 * override list(request: RestflowRequest) { return super.list(request); }
 * ```
 * @publicApi
 */
export class PostFetch {
  /** The attribute each base row gets. */
  readonly toAttr: string;
  /** How many rows each base row gets (`null`: all). */
  readonly limit: number | null;
  /** Whether each base row gets the number of its related rows instead (`count: true`). */
  readonly count: boolean;
  private readonly options: PostFetchOptions;
  private readonly resolved = new WeakMap<EntityMetadata, PostFetchColumns>();

  constructor(options: PostFetchOptions) {
    const where = `PostFetch(${String(options.toAttr)})`;
    if (typeof options.toAttr !== 'string' || options.toAttr === '') {
      throw new RestflowConfigError(
        'PostFetch.toAttr',
        'A PostFetch needs `toAttr`, the attribute it sets on each row. Fix: pass e.g. `toAttr: "latestReview"`.',
      );
    }
    const limit = options.limit === undefined ? 1 : options.limit;
    if (limit !== null && (!Number.isSafeInteger(limit) || limit < 1)) {
      throw new RestflowConfigError(
        `${where}.limit`,
        `${where}: \`limit\` is ${String(limit)}. Fix: a whole number of 1 or more, or null for every row.`,
      );
    }
    if (!options.on || Object.keys(options.on).length === 0) {
      throw new RestflowConfigError(
        `${where}.on`,
        `${where} has no join. Fix: pass \`on: { <related property>: <base property> }\`, e.g. \`on: { productId: 'id' }\`.`,
      );
    }
    if (options.count === true) {
      const stray = (['values', 'orderBy', 'limit'] as const).filter(
        (option) => options[option] !== undefined,
      );
      if (stray.length > 0) {
        throw new RestflowConfigError(
          `${where}.${stray[0]!}`,
          `${where} counts rows (\`count: true\`), so \`${stray.join('`, `')}\` does not apply. Fix: remove it, or drop \`count\` to attach the rows.`,
        );
      }
    }
    this.options = { ...options, values: options.values ? [...options.values] : undefined };
    this.toAttr = options.toAttr;
    this.limit = limit;
    this.count = options.count === true;
  }

  /** What a base row without related rows gets: `0` when counting, `null` with `limit: 1`, else `[]`. */
  private emptyValue(): 0 | null | never[] {
    if (this.count) return 0;
    return this.limit === 1 ? null : [];
  }

  /**
   * Reads the related rows of `items` in one query and sets `toAttr` on each. Returns the items.
   *
   * @throws {RestflowConfigError} when `values`, `orderBy` or `on` name no column of the related entity.
   */
  async fetch<TItem extends object>(
    manager: EntityManager,
    items: Iterable<TItem>,
  ): Promise<TItem[]> {
    const list = [...items];
    if (list.length === 0) return list;
    const query = this.sourceQuery(manager);
    const metadata = query.expressionMap.mainAlias!.metadata;
    const columns = this.columnsOf(metadata);
    const keysByJoin = columns.joins.map(() => new Set<unknown>());
    const joinValues = list.map((item) => {
      const values = columns.joins.map(({ base }) => readAttr(item, base));
      if (values.some((value) => value === null || value === undefined)) return undefined;
      values.forEach((value, index) => keysByJoin[index]!.add(value));
      return values;
    });
    if (keysByJoin.every((keys) => keys.size === 0)) {
      for (const item of list) writeAttr(item, this.toAttr, this.emptyValue());
      return list;
    }
    const rows = await this.readRows(query, columns, keysByJoin);
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const row of rows) {
      const joinKey = columns.joins.map(({ name }) => row[name]);
      if (joinKey.some((value) => value === null || value === undefined)) continue;
      const key = tupleKey(joinKey);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(row);
    }
    list.forEach((item, index) => {
      const values = joinValues[index];
      const group = values ? (groups.get(tupleKey(values)) ?? []) : [];
      if (this.count) {
        writeAttr(item, this.toAttr, group.length === 0 ? 0 : Number(group[0]![COUNT_KEY]));
        return;
      }
      writeAttr(
        item,
        this.toAttr,
        this.limit === 1
          ? (group[0] ?? null)
          : this.limit === null
            ? group
            : group.slice(0, this.limit),
      );
    });
    return list;
  }

  private sourceQuery(manager: EntityManager): SelectQueryBuilder<ObjectLiteral> {
    const { source } = this.options;
    const isFactory =
      typeof source === 'function' &&
      !dataSourceOf(manager).hasMetadata(source as EntityTarget<ObjectLiteral>);
    const query = isFactory
      ? (source as (manager: EntityManager) => SelectQueryBuilder<ObjectLiteral>)(manager)
      : manager.createQueryBuilder(source as EntityTarget<ObjectLiteral>, 'rf_post_fetch');
    if (!query.expressionMap.mainAlias?.hasMetadata) {
      throw new RestflowConfigError(
        `PostFetch(${this.toAttr}).source`,
        `PostFetch(${this.toAttr}).source is not an entity of the data source, nor a function returning a query builder over one. Fix: pass the entity class.`,
      );
    }
    return query;
  }

  private columnsOf(metadata: EntityMetadata): PostFetchColumns {
    let columns = this.resolved.get(metadata);
    if (columns) return columns;
    const where = `PostFetch(${this.toAttr})`;
    const columnOf = (name: string, option: string): ColumnMetadata => {
      const found = metadata.findColumnsWithPropertyPath(name);
      if (found.length !== 1) {
        throw new RestflowConfigError(
          `${where}.${option}`,
          `${where}.${option} names \`${name}\`, which is ${found.length > 1 ? 'a relation with a composite key' : 'not a column'} of ${metadata.name}. ` +
            `Fix: name one of ${metadata.columns.map((column) => column.propertyPath).join(', ')}.`,
        );
      }
      return found[0]!;
    };
    const joins = Object.entries(this.options.on).map(([name, base]) => ({
      name,
      column: columnOf(name, 'on'),
      base,
    }));
    const valueNames = this.count
      ? []
      : (this.options.values ??
        metadata.columns.filter((column) => !column.relationMetadata).map((c) => c.propertyPath));
    const values = valueNames
      .filter((name) => !joins.some((join) => join.name === name))
      .map((name) => ({ name, column: columnOf(name, 'values') }));
    const order = (this.options.orderBy ?? []).map((entry) => {
      const descending = entry.startsWith('-');
      return {
        column: columnOf(descending ? entry.slice(1) : entry, 'orderBy'),
        direction: descending ? ('DESC' as const) : ('ASC' as const),
      };
    });
    if (order.length === 0) {
      // A stable order: the primary key.
      for (const column of metadata.primaryColumns) order.push({ column, direction: 'ASC' });
    }
    columns = { values, joins, order };
    this.resolved.set(metadata, columns);
    return columns;
  }

  private async readRows(
    query: SelectQueryBuilder<ObjectLiteral>,
    columns: PostFetchColumns,
    keysByJoin: Set<unknown>[],
  ): Promise<Record<string, unknown>[]> {
    const alias = query.escape(query.alias);
    const sql = (column: ColumnMetadata): string => `${alias}.${query.escape(column.databaseName)}`;
    const selected = [...columns.joins, ...columns.values];
    query.select(sql(selected[0]!.column), 'rf_v0');
    selected
      .slice(1)
      .forEach(({ column }, index) => query.addSelect(sql(column), `rf_v${index + 1}`));
    columns.joins.forEach(({ column }, index) => {
      query.andWhere(`${sql(column)} IN (:...rfPostFetch${index})`, {
        [`rfPostFetch${index}`]: [...keysByJoin[index]!],
      });
    });
    const orderSql = columns.order
      .map(({ column, direction }) => `${sql(column)} ${direction}`)
      .join(', ');
    let raw: Record<string, unknown>[];
    if (this.count) {
      query.orderBy();
      query.addSelect('COUNT(*)', 'rf_count');
      query.groupBy(sql(columns.joins[0]!.column));
      for (const { column } of columns.joins.slice(1)) query.addGroupBy(sql(column));
      raw = await query.getRawMany();
    } else if (this.limit === null) {
      query.orderBy();
      for (const { column, direction } of columns.order) query.addOrderBy(sql(column), direction);
      raw = await query.getRawMany();
    } else {
      // The first `limit` rows of each base row, numbered by a window over its join values.
      const partition = columns.joins.map(({ column }) => sql(column)).join(', ');
      query.orderBy();
      query.addSelect(
        `ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY ${orderSql})`,
        'rf_rn',
      );
      // Rendered in parentheses, as a sub-query.
      query.expressionMap.subQuery = true;
      const runner = (query as unknown as { queryRunner?: QueryRunner }).queryRunner;
      const outer = dataSourceOf(query)
        .createQueryBuilder(runner)
        .select('*')
        .from(() => query, 'rf_ranked')
        .where('rf_ranked.rf_rn <= :rfPostFetchLimit', { rfPostFetchLimit: this.limit })
        .orderBy('rf_ranked.rf_rn', 'ASC');
      raw = await outer.getRawMany();
    }
    const driver = dataSourceOf(query).driver;
    return raw.map((row) => {
      const attached: Record<string, unknown> = {};
      selected.forEach(({ name, column }, index) => {
        const value = row[`rf_v${index}`];
        attached[name] =
          value === null || value === undefined ? null : driver.prepareHydratedValue(value, column);
      });
      if (this.count) attached[COUNT_KEY] = row.rf_count;
      return attached;
    });
  }
}

function readAttr(item: object, name: string): unknown {
  return (item as Record<string, unknown>)[name];
}

function writeAttr(item: object, name: string, value: unknown): void {
  Object.defineProperty(item, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Join values compare as strings: a bigint key is a string on PostgreSQL. */
function tupleKey(values: readonly unknown[]): string {
  return values.map((value) => String(value)).join('\u0000');
}
