import { Controller, Get } from '@nestjs/common';
import { ApiException } from '../http/api-error';
import { HealthRepository } from './health.repository';

@Controller()
export class HealthController {
  constructor(private readonly database: HealthRepository) {}

  /** The process is up. */
  @Get('healthz')
  health() {
    return { status: 'ok' };
  }

  /** The process can serve: its database answers. */
  @Get('readyz')
  async ready() {
    try {
      await this.database.answer();
      return { status: 'ready' };
    } catch {
      throw new ApiException('service_unavailable', 'the database does not answer');
    }
  }
}
