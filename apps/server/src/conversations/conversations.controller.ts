import { Controller } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import { type AuthenticatedAccount, CurrentAccount } from '../http/api-auth.guard';
import { ApiRoute, RouteQuery, type RouteQueryOf, RouteParams, type RouteParamsOf } from '../http/api-route';
import { ConversationsService } from './conversations.service';

@Controller()
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @ApiRoute(apiRoutes.listConversations)
  list(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteQuery() query: RouteQueryOf<typeof apiRoutes.listConversations>,
  ) {
    return this.conversations.list(account.id, query.limit, query.cursor);
  }

  @ApiRoute(apiRoutes.getConversation)
  get(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { conversationId }: RouteParamsOf<typeof apiRoutes.getConversation>,
  ) {
    return this.conversations.get(account.id, conversationId);
  }

  @ApiRoute(apiRoutes.conversationMessages)
  thread(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { conversationId }: RouteParamsOf<typeof apiRoutes.conversationMessages>,
    @RouteQuery() query: RouteQueryOf<typeof apiRoutes.conversationMessages>,
  ) {
    return this.conversations.thread(account.id, conversationId, query.limit, query.cursor);
  }

  @ApiRoute(apiRoutes.markConversationRead)
  markRead(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { conversationId }: RouteParamsOf<typeof apiRoutes.markConversationRead>,
  ) {
    return this.conversations.markRead(account.id, conversationId);
  }
}
