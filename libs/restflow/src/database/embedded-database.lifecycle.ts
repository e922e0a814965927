import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { flushDurableSqlJs } from './durable-sql-js';
import { serializeTransactions } from './serialize-transactions.util';

/**
 * The embedded databases' safety net, registered by `RestflowModule`:
 *
 * - at module init, {@link serializeTransactions} on every single-session `DataSource` of the
 *   application (sql.js, PGlite), before any request or `onApplicationBootstrap` hook runs;
 * - at application shutdown, a final save of every {@link durableSqlJs} data source. Nest runs
 *   `onApplicationShutdown` after the HTTP server has stopped accepting connections and finished
 *   its in-flight requests, so every acknowledged write is in it. Needs
 *   `app.enableShutdownHooks()` for SIGTERM/SIGINT, or an explicit `app.close()`.
 *
 * @example
 * ```ts
 * const app = await NestFactory.create(AppModule); // imports RestflowModule.forRoot()
 * app.enableShutdownHooks(); // SIGTERM: finish requests, then save the sql.js file, then exit
 * await app.listen(3000);
 * ```
 * @publicApi
 */
@Injectable()
export class EmbeddedDatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DurableSqlJs');

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const dataSource of this.dataSources()) {
      serializeTransactions(dataSource);
      // TypeORM's module destroys the data source in its own onApplicationShutdown, which may run
      // before ours: save first, while the database can still be exported.
      const destroy = dataSource.destroy.bind(dataSource);
      dataSource.destroy = async () => {
        await this.finalSave(dataSource);
        return destroy();
      };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    for (const dataSource of this.dataSources()) {
      await this.finalSave(dataSource);
    }
  }

  private async finalSave(dataSource: DataSource): Promise<void> {
    try {
      await flushDurableSqlJs(dataSource);
    } catch (error) {
      this.logger.error(`The final save of the database failed: ${String(error)}`);
    }
  }

  private dataSources(): Set<DataSource> {
    const found = new Set<DataSource>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.isDependencyTreeStatic() ? wrapper.instance : undefined;
      if (instance instanceof DataSource) {
        found.add(instance);
      }
    }
    return found;
  }
}
