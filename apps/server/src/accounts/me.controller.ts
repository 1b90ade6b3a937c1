import { Controller } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import { type AuthenticatedAccount, CurrentAccount } from '../http/api-auth.guard';
import { ApiRoute, RouteBody, type RouteBodyOf } from '../http/api-route';
import { AccountsService } from './accounts.service';

@Controller()
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @ApiRoute(apiRoutes.me)
  me(@CurrentAccount() account: AuthenticatedAccount) {
    return this.accounts.view(account);
  }

  /** The display name reaches contacts with the next message sent to them (the protocol carries it). */
  @ApiRoute(apiRoutes.updateMe)
  async update(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.updateMe>,
  ) {
    return this.accounts.view(await this.accounts.update(account.id, body));
  }
}
