import { Controller, Get } from '@nestjs/common';
import { ServiceUnavailable } from 'nestjs-restflow';
import { DataSource } from 'typeorm';

/** The body of `GET /api/health`. */
export interface HealthStatus {
  status: 'ok';
  /** TypeORM's driver type: `sqljs`, `postgres` or `mysql`. */
  database: string;
}

/** Liveness and database reachability, for load balancers and start-up scripts. */
@Controller('api/health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * 200 `{ "status": "ok", "database": "<driver>" }` once the database answers a query; 503
   * `service_unavailable` when it does not.
   */
  @Get()
  async check(): Promise<HealthStatus> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      throw new ServiceUnavailable({ message: 'The database is not reachable.', cause: error });
    }
    return { status: 'ok', database: this.dataSource.options.type };
  }
}
