import { Controller } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import { type AuthenticatedAccount, CurrentAccount } from '../http/api-auth.guard';
import {
  ApiRoute,
  RouteBody,
  type RouteBodyOf,
  RouteQuery,
  type RouteQueryOf,
  RouteParams,
  type RouteParamsOf,
} from '../http/api-route';
import { MessagesService } from './messages.service';

@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  /** Queues the message and answers at once; its state changes as delivery proceeds. A clientId sent before answers that message. */
  @ApiRoute(apiRoutes.sendMessage)
  send(@CurrentAccount() account: AuthenticatedAccount, @RouteBody() body: RouteBodyOf<typeof apiRoutes.sendMessage>) {
    return this.messages.send(account.id, body.to, body.text, body.attachments, body.clientId);
  }

  @ApiRoute(apiRoutes.searchMessages)
  search(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteQuery() query: RouteQueryOf<typeof apiRoutes.searchMessages>,
  ) {
    return this.messages.search(account.id, query.q, query.limit, query.cursor);
  }

  @ApiRoute(apiRoutes.getMessage)
  get(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.getMessage>,
  ) {
    return this.messages.get(account.id, id);
  }

  @ApiRoute(apiRoutes.retryMessage)
  retry(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.retryMessage>,
  ) {
    return this.messages.retry(account.id, id);
  }

  /** Deletes this user's copy. A message still queued is not sent. */
  @ApiRoute(apiRoutes.deleteMessage)
  delete(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.deleteMessage>,
  ) {
    return this.messages.delete(account.id, id);
  }
}
