import { Controller, Get } from '@nestjs/common';
import { sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { ApiException } from '../http/api-error';

@Controller()
export class HealthController {
  constructor(private readonly db: DirectSqlService) {}

  /** The process is up. */
  @Get('healthz')
  health() {
    return { status: 'ok' };
  }

  /** The process can serve: its database answers. */
  @Get('readyz')
  async ready() {
    try {
      await this.db.query(sql`SELECT 1`);
      return { status: 'ready' };
    } catch {
      throw new ApiException('service_unavailable', 'the database does not answer');
    }
  }
}
