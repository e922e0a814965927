import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { ServiceUnavailable } from 'nestjs-restflow';
import { DataSource } from 'typeorm';

/** The body of `GET /api/health`. */
export interface HealthStatus {
  status: 'ok';
  /** TypeORM's driver type: `sqljs`, `postgres` or `mysql`. */
  database: string;
}

/**
 * How long the health check waits for the database, in milliseconds: shorter than the query
 * timeout, because load balancers probe with short timeouts of their own.
 */
export const HEALTH_BUDGET_MS = 2_000;

/** Liveness and database reachability, for load balancers and start-up scripts. */
@Controller('api/health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * 200 `{ "status": "ok", "database": "<driver>" }` once the database answers a query; 503
   * `service_unavailable` when it fails or does not answer within {@link HEALTH_BUDGET_MS}.
   */
  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiOkResponse({
    description: 'The app is up and the database answers.',
    schema: {
      type: 'object',
      required: ['status', 'database'],
      properties: {
        status: { type: 'string', enum: ['ok'] },
        database: { type: 'string', description: "TypeORM's driver type", example: 'sqljs' },
      },
    },
  })
  @ApiServiceUnavailableResponse({
    description: 'The database does not answer: `service_unavailable`.',
    schema: { $ref: '#/components/schemas/ErrorEnvelope' },
  })
  async check(): Promise<HealthStatus> {
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`No answer within ${HEALTH_BUDGET_MS} ms.`)),
        HEALTH_BUDGET_MS,
      );
    });
    try {
      // The query goes on after the budget ends, until the driver's own query timeout.
      await Promise.race([this.dataSource.query('SELECT 1'), budget]);
    } catch (error) {
      throw new ServiceUnavailable({ message: 'The database is not available.', cause: error });
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: this.dataSource.options.type };
  }
}
