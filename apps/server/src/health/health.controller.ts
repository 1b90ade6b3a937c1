import { Controller, Get } from '@nestjs/common';
import { sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { StorageFaultMonitor } from '../database/storage-fault-monitor';
import { ApiException } from '../http/api-error';

@Controller()
export class HealthController {
  constructor(
    private readonly db: DirectSqlService,
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
      await this.db.query(sql`SELECT 1`);
      return { status: 'ready' };
    } catch (error) {
      const fault = this.faults.faultOf(error);
      throw new ApiException(fault ?? 'database_unavailable', 'the database does not answer');
    }
  }
}
