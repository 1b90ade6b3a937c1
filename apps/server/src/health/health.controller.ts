import { Controller, Get } from '@nestjs/common';
import { StorageFaultMonitor } from '../database/storage-fault-monitor';
import { ApiException } from '../http/api-error';
import { HealthRepository } from './health.repository';

@Controller()
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    private readonly faults: StorageFaultMonitor,
  ) {}

  /** The process is up (whatever its database does: restarting it would not bring the database back). */
  @Get('healthz')
  health() {
    return { status: 'ok' };
  }

  /** The process can serve: its database answers. Otherwise 503 `database_unavailable` with Retry-After. */
  @Get('readyz')
  async ready() {
    try {
      await this.database.answer();
      return { status: 'ready' };
    } catch (error) {
      const fault = this.faults.faultOf(error);
      throw new ApiException(fault ?? 'database_unavailable', 'the database does not answer');
    }
  }
}
