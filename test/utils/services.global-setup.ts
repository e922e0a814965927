import { createClient } from 'redis';
import { DataSource } from 'typeorm';
import { SERVICE_URLS, type DatabaseName } from './databases';

/** The Redis server of the services suite (throttle and cache stores). */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Global setup of `npm run test:services`: finds which servers answer and tells the suites
 * through RESTFLOW_TEST_DATABASES, and RESTFLOW_TEST_REDIS_URL when Redis answers. Under CI=true
 * a missing server fails the run; elsewhere it is reported and left out, so a laptop without
 * MariaDB can still run the PostgreSQL half (and the suites that need Redis fail without it).
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
  const redis = await redisAnswers(REDIS_URL);
  if (redis === true) {
    process.env.RESTFLOW_TEST_REDIS_URL = REDIS_URL;
  } else {
    missing.push(`redis at ${REDIS_URL}: ${redis}`);
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

/** `true` when Redis answers PING at `url`, else the reason it does not. */
async function redisAnswers(url: string): Promise<true | string> {
  const client = createClient({
    url,
    socket: { connectTimeout: 3000, reconnectStrategy: false },
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    return (error as Error).message;
  } finally {
    if (client.isOpen) {
      await client.close();
    }
  }
}
