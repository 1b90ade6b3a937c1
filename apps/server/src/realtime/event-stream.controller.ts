import { Controller, Res } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedAccount, CurrentAccount } from '../http/api-auth.guard';
import { ApiRoute } from '../http/api-route';
import { EventStreamsService } from './event-streams.service';

@Controller()
export class EventStreamController {
  constructor(private readonly streams: EventStreamsService) {}

  /** Server-Sent Events: new messages, delivery states, read marks and contact changes of the signed-in user. */
  @ApiRoute(apiRoutes.events)
  stream(@CurrentAccount() account: AuthenticatedAccount, @Res() reply: FastifyReply): void {
    reply.hijack(); // the response is written by hand and stays open
    this.streams.attach(account.id, reply.raw);
  }
}
