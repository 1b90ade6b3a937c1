import { Controller } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import { type AuthenticatedAccount, CurrentAccount, CurrentSessionId } from '../http/api-auth.guard';
import { ApiRoute, RouteBody, type RouteBodyOf, RouteParams, type RouteParamsOf } from '../http/api-route';
import { PushService } from './push.service';

@Controller()
export class PushController {
  constructor(private readonly push: PushService) {}

  @ApiRoute(apiRoutes.pushKey)
  key() {
    return this.push.key();
  }

  @ApiRoute(apiRoutes.pushSubscribe)
  subscribe(
    @CurrentAccount() account: AuthenticatedAccount,
    @CurrentSessionId() sessionId: string | undefined,
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.pushSubscribe>,
  ) {
    return this.push.subscribe(account.id, sessionId ?? null, body);
  }

  @ApiRoute(apiRoutes.pushUnsubscribe)
  unsubscribe(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.pushUnsubscribe>,
  ) {
    return this.push.unsubscribe(account.id, body.endpoint);
  }

  @ApiRoute(apiRoutes.pushSubscriptions)
  list(@CurrentAccount() account: AuthenticatedAccount) {
    return this.push.list(account.id);
  }

  @ApiRoute(apiRoutes.muteConversation)
  mute(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { conversationId }: RouteParamsOf<typeof apiRoutes.muteConversation>,
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.muteConversation>,
  ) {
    return this.push.mute(account.id, conversationId, body.muted);
  }
}
