import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { unwrapCodePointText } from '../core/code-point-order.util';
import { RestflowConfigError } from '../exceptions/restflow-config.error';
import { keysetQuery, positionAfter, resolveKeyset } from '../pagination/keyset';
import type { CursorPosition } from '../pagination/cursor-position.util';

/**
 * Options of {@link iterateQuery}.
 *
 * @example
 * ```ts
 * iterateQuery(query, { ordering: '-createdAt', batchSize: 1000 });
 * ```
 * @publicApi
 */
export interface IterateQueryOptions<TEntity, TItem = TEntity> {
  /**
   * The ordering, as `CursorPagination.ordering` takes it: the property path of one NOT NULL
   * column, `-` in front for descending; the primary key breaks ties in the same direction.
   * @default the query's own ORDER BY when it is one column of the entity (a tie-breaking
   * primary key may follow; ties are then broken in the column's direction), else the primary
   * key, ascending
   */
  ordering?: string;
  /** Rows per query (1 to 10000). Memory holds one batch at a time. @default 500 */
  batchSize?: number;
  /** Stops the iteration before the next batch once aborted. */
  signal?: AbortSignal;
  /**
   * Turns each batch of rows into the items yielded (a serializer's representation per row,
   * relations loaded for the whole batch, ...). @default the rows themselves
   */
  mapBatch?: (rows: TEntity[]) => TItem[] | Promise<TItem[]>;
}

const DEFAULT_BATCH_SIZE = 500;
const MAX_BATCH_SIZE = 10_000;

/**
 * Iterates every row of a TypeORM query in bounded batches by keyset ("seek") pagination, the
 * way `CursorPagination` pages: each batch is one query for the rows after the last row of the
 * previous batch (`WHERE (value, pk) > (:last) ORDER BY value, pk LIMIT batchSize`), with the
 * query's own conditions kept. Memory holds one batch, no connection is held between batches,
 * and the cost of a batch does not grow with its depth (given an index on the ordering column
 * and the key), on every dialect. The query's LIMIT is replaced; so is its ORDER BY, which
 * gives the ordering when `ordering` is not set (an ORDER BY the keyset cannot follow, such as
 * two columns, is refused rather than dropped).
 *
 * Rows are not read in one snapshot: a row inserted or changed during the iteration appears
 * once if its position is still ahead, and is not seen if it is behind. Stop early with
 * `break` (or a client that disconnects from a streaming response): the iteration ends after
 * the batch in flight.
 *
 * @throws {RestflowConfigError} (at the first batch) when the ordering cannot be used: see
 * `CursorPagination.ordering`.
 * @example
 * ```ts
 * const query = dataSource.getRepository(Product).createQueryBuilder('product')
 *   .where('product.inStock = :yes', { yes: true });
 * for await (const product of iterateQuery(query, { batchSize: 1000 })) {
 *   await write(product);
 * }
 * // Or stream it: return new NDJSONResponse(iterateQuery(query));
 * ```
 * @publicApi
 */
export async function* iterateQuery<TEntity extends ObjectLiteral, TItem = TEntity>(
  query: SelectQueryBuilder<TEntity>,
  options: IterateQueryOptions<TEntity, TItem> = {},
): AsyncGenerator<TItem, void, undefined> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new RestflowConfigError(
      'iterateQuery.batchSize',
      `iterateQuery batchSize is ${String(batchSize)}. Fix: use a whole number from 1 to ` +
        `${MAX_BATCH_SIZE}.`,
    );
  }
  const ordering = options.ordering ?? orderingOf(query);
  const keyset = resolveKeyset(query, ordering, 'iterateQuery');
  let position: CursorPosition | null = null;
  for (;;) {
    if (options.signal?.aborted) return;
    const rows = await keysetQuery(query, keyset, position, batchSize).getMany();
    const last = rows[rows.length - 1];
    if (last === undefined) return;
    // Computed before mapping: a mapper may change or drop the ordering values of the rows.
    position = positionAfter(keyset, last, 'iterateQuery');
    const items = options.mapBatch ? await options.mapBatch(rows) : (rows as unknown as TItem[]);
    yield* items;
    if (rows.length < batchSize) return;
  }
}

/**
 * The keyset ordering the query's ORDER BY asks for: its one column (`-` for descending), the
 * primary key ascending when there is none.
 *
 * @throws {RestflowConfigError} for an ORDER BY of anything else.
 */
function orderingOf(query: SelectQueryBuilder<ObjectLiteral>): string | undefined {
  const alias = query.expressionMap.mainAlias;
  if (alias === undefined || !alias.hasMetadata) return undefined;
  const metadata = alias.metadata;
  const primary = metadata.primaryColumns.length === 1 ? metadata.primaryColumns[0] : undefined;
  const orderBys = Object.entries(query.expressionMap.orderBys);
  if (orderBys.length === 0) return primary?.propertyPath;
  const paths = orderBys.map(([sql, order]) => {
    const direction = typeof order === 'string' ? order : order.order;
    // A text column is ordered in code-point order (`"a"."name" COLLATE "C"`, ...).
    const [owner, ...rest] = unwrapCodePointText(sql).replace(/["`]/g, '').split('.');
    const column =
      owner === alias.name && rest.length > 0
        ? (metadata.findColumnWithPropertyPath(rest.join('.')) ??
          metadata.findColumnWithDatabaseName(rest.join('.')))
        : undefined;
    return column ? `${direction === 'DESC' ? '-' : ''}${column.propertyPath}` : undefined;
  });
  const [first, second] = paths;
  const tieBreaker =
    second !== undefined &&
    primary !== undefined &&
    second.replace(/^-/, '') === primary.propertyPath;
  if (first === undefined || paths.length > 2 || (paths.length === 2 && !tieBreaker)) {
    throw new RestflowConfigError(
      'iterateQuery.ordering',
      `iterateQuery reads in keyset order, which follows one column of ${metadata.name} (the ` +
        `primary key breaking ties); the query is ordered by ${orderBys.map(([sql]) => sql).join(', ')}. ` +
        'Fix: order the query by one column, or pass `ordering`.',
    );
  }
  return first;
}
