import type { DataSource } from 'typeorm';
import { DataSource as DataSourceClass } from 'typeorm';
import { testHooks } from './test-hooks.util';
import type { RestflowTestingContext } from './use-restflow-testing-app';

/**
 * Tests with real transactions (DRF's `TransactionTestCase`): the code under test commits for
 * real, so work that runs after a commit (TypeORM subscribers' `afterTransactionCommit`, cache
 * invalidation) happens as in production. After each test, every table of the app's entities
 * is emptied by rebuilding the schema (`dataSource.synchronize(true)`), so the next test starts
 * from an empty database: use it on a test database only. Call it after
 * {@link useRestflowTestingApp}.
 *
 * @param dataSource the data source to reset: by default the app's `DataSource`.
 * @example
 * ```ts
 * const testing = useRestflowTestingApp({ imports: [AppModule] });
 * useRealTransactionTests(testing);
 * ```
 * @publicApi
 */
export function useRealTransactionTests(
  context: RestflowTestingContext,
  dataSource: (app: RestflowTestingContext['app']) => DataSource = (app) =>
    app.get(DataSourceClass),
): void {
  testHooks('useRealTransactionTests').afterEach(async () => {
    await dataSource(context.app).synchronize(true);
  });
}
