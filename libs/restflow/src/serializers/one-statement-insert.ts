import type { DataSource, EntityMetadata, EntitySubscriberInterface } from 'typeorm';
import { InvalidationSubscriber } from '../caching/invalidation/invalidation.subscriber';
import { isSingleSessionDataSource } from '../database/single-session.util';

/**
 * The subscriber hooks that would see a difference between an INSERT inside a transaction and
 * one on its own: insert hooks may write other rows (which the transaction kept together with
 * the INSERT), and transaction hooks expect the commit of every write.
 */
const INSERT_HOOKS = ['beforeInsert', 'afterInsert'] as const;
const TRANSACTION_HOOKS = [
  'beforeTransactionStart',
  'afterTransactionStart',
  'beforeTransactionCommit',
  'afterTransactionCommit',
  'beforeTransactionRollback',
  'afterTransactionRollback',
] as const;

/** Per data source: whether it is one session shared by every connection (read from its options once). */
const SINGLE_SESSION = new WeakMap<DataSource, boolean>();

/**
 * Whether `save()` of a new `metadata` entity holding `values` (its columns and to-one keys, no
 * to-many list) writes one INSERT and nothing else, so that the statement is atomic on its own
 * and a transaction around it would only cost two round trips (`START TRANSACTION`, `COMMIT`) and
 * a dedicated connection. It is not when something could write a second row or expects a commit:
 *
 * - a relation among `values` other than a to-one key without cascades (TypeORM would write the
 *   related rows, or the children of a list, too);
 * - a tree entity (closure rows), an `@AfterInsert()` listener (throwing after the INSERT must
 *   leave no row);
 * - a subscriber with insert or transaction hooks (it may write in the same transaction, or do
 *   work after the commit), except the library's cache invalidation, which dispatches the jobs of
 *   a write outside a transaction at once, the INSERT being committed already;
 * - a single-session data source (sql.js, PGlite): a transaction of another request may be open
 *   on the session, and the INSERT would join it;
 * - a driver without transactions (there is nothing to leave out).
 *
 * @internal
 */
export function insertIsOneStatement(
  dataSource: DataSource,
  metadata: EntityMetadata,
  values: Readonly<Record<string, unknown>>,
): boolean {
  if (dataSource.driver.transactionSupport === 'none') return false;
  let singleSession = SINGLE_SESSION.get(dataSource);
  if (singleSession === undefined) {
    singleSession = isSingleSessionDataSource(dataSource);
    SINGLE_SESSION.set(dataSource, singleSession);
  }
  if (singleSession) return false;
  if (metadata.treeType !== undefined || metadata.afterInsertListeners.length > 0) return false;
  for (const key of Object.keys(values)) {
    const relation = metadata.findRelationWithPropertyPath(key);
    if (!relation) continue;
    if (!relation.isManyToOne && !relation.isOneToOneOwner) return false;
    if (relation.isCascadeInsert || relation.isCascadeUpdate) return false;
  }
  for (const subscriber of dataSource.subscribers) {
    if (subscriber instanceof InvalidationSubscriber) continue;
    const hooks = subscriber as unknown as Record<string, unknown>;
    if (TRANSACTION_HOOKS.some((hook) => typeof hooks[hook] === 'function')) return false;
    if (
      listensTo(subscriber, metadata.target) &&
      INSERT_HOOKS.some((hook) => typeof hooks[hook] === 'function')
    ) {
      return false;
    }
  }
  return true;
}

/** TypeORM's rule (`Broadcaster.isAllowedSubscriber`) for the entity events a subscriber gets. */
function listensTo(subscriber: EntitySubscriberInterface, target: EntityMetadata['target']) {
  const listened = subscriber.listenTo?.() as unknown;
  return (
    !listened ||
    listened === Object ||
    listened === target ||
    (typeof listened === 'function' &&
      typeof target === 'function' &&
      Object.prototype.isPrototypeOf.call(listened, target))
  );
}
