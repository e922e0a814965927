import { DataSource } from 'typeorm';
import { SERVICE_URLS, type DatabaseName } from './databases';

/**
 * Global setup of `npm run test:services`: finds which servers answer and tells the suites
 * through RESTFLOW_TEST_DATABASES. Under CI=true a missing server fails the run; elsewhere it is
 * reported and left out, so a laptop without MariaDB can still run the PostgreSQL half.
 */
export default async function servicesGlobalSetup(): Promise<void> {
  const available: DatabaseName[] = [];
  const missing: string[] = [];
  for (const name of ['postgres', 'mariadb'] as const) {
    const source = new DataSource({
      type: name === 'postgres' ? 'postgres' : 'mysql',
      url: SERVICE_URLS[name],
      connectTimeout: 3000,
    } as never);
    try {
      await source.initialize();
      await source.query('SELECT 1');
      available.push(name);
    } catch (error) {
      missing.push(`${name} at ${SERVICE_URLS[name]}: ${(error as Error).message}`);
    } finally {
      if (source.isInitialized) {
        await source.destroy();
      }
    }
  }
  if (missing.length > 0) {
    const report = `Services not reachable:\n  ${missing.join('\n  ')}`;
    if (process.env.CI === 'true' || available.length === 0) {
      throw new Error(`${report}\nnpm run test:services needs them (see README, "Development").`);
    }
    console.warn(`${report}\nRunning the services suites without them.`);
  }
  process.env.RESTFLOW_TEST_DATABASES = available.join(',');
}
