import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount } from '../auth/api-auth.guard';
import { EventStreamsService } from './event-streams.service';

@Controller('api/v1/events')
@UseGuards(ApiAuthGuard)
export class EventStreamController {
  constructor(private readonly streams: EventStreamsService) {}

  /** Server-Sent Events: new messages, delivery states, read marks and contact changes of the signed-in user. */
  @Get()
  stream(@CurrentAccount() account: AuthenticatedAccount, @Res() reply: FastifyReply): void {
    reply.hijack(); // the response is written by hand and stays open
    this.streams.attach(account.id, reply.raw);
  }
}
