import { Logger } from '@nestjs/common';

/**
 * Tracks whether a store answers, so that an outage is logged once when it starts and once when
 * it ends, never per request.
 *
 * @internal
 */
export class CacheHealth {
  private down = false;
  private readonly logger = new Logger('RestflowCache');

  constructor(private readonly storeName: string) {}

  /** Whether the last operation failed. */
  get isDown(): boolean {
    return this.down;
  }

  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      `The ${this.storeName} cache store is unavailable (${reason}): requests are served uncached until it answers again.`,
    );
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(`The ${this.storeName} cache store answers again: caching resumes.`);
  }
}
