/** Where every contender reads: the bench's own PostgreSQL database (bench/seed.ts fills it). */
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { PoolConfig } from 'pg';
import { ENTITIES } from './entities';

/** The pg pool settings of every contender: a small pool, as eight contenders share one server. */
export function poolConfig(): PoolConfig {
  return {
    host: process.env.BENCH_PG_HOST ?? '127.0.0.1',
    port: Number(process.env.BENCH_PG_PORT ?? 5432),
    user: process.env.BENCH_PG_USER ?? 'postgres',
    database: process.env.BENCH_PG_DATABASE ?? 'bench_restflow',
    max: 6,
    idleTimeoutMillis: 5000,
  };
}

/** The same pool through TypeORM, for the Nest contenders. */
export function typeOrmOptions(): TypeOrmModuleOptions {
  const pool = poolConfig();
  return {
    type: 'postgres',
    host: pool.host,
    port: pool.port,
    username: pool.user,
    database: pool.database,
    entities: ENTITIES,
    synchronize: false,
    logging: process.env.BENCH_SQL_LOG === '1',
    extra: { max: pool.max, idleTimeoutMillis: pool.idleTimeoutMillis },
  };
}
