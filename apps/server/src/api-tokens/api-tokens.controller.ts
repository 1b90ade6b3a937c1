import { Controller } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import { type AuthenticatedAccount, CurrentAccount } from '../http/api-auth.guard';
import { ApiRoute, RouteBody, type RouteBodyOf, RouteParams, type RouteParamsOf } from '../http/api-route';
import { ApiTokensService } from './api-tokens.service';

/** Personal access tokens, for scripts and shops sending through the API. */
@Controller()
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @ApiRoute(apiRoutes.listTokens)
  async list(@CurrentAccount() account: AuthenticatedAccount) {
    return { items: await this.tokens.list(account.id) };
  }

  @ApiRoute(apiRoutes.createToken)
  create(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.createToken>,
  ) {
    return this.tokens.create(account.id, body.name);
  }

  @ApiRoute(apiRoutes.revokeToken)
  revoke(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.revokeToken>,
  ) {
    return this.tokens.revoke(account.id, id);
  }
}
