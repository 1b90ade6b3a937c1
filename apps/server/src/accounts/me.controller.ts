import { Controller, Inject, Res } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedAccount, CurrentAccount } from '../auth/api-auth.guard';
import { clearSessionCookies } from '../auth/session-cookies';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiRoute, RouteBody, type RouteBodyOf } from '../http/api-route';
import { AccountsService } from './accounts.service';

@Controller()
export class MeController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
  ) {}

  @ApiRoute(apiRoutes.me)
  me(@CurrentAccount() account: AuthenticatedAccount) {
    return this.accounts.view(account);
  }

  /** The display name reaches contacts with the next message sent to them (the protocol carries it). */
  @ApiRoute(apiRoutes.updateMe)
  async update(@CurrentAccount() account: AuthenticatedAccount, @RouteBody() body: RouteBodyOf<typeof apiRoutes.updateMe>) {
    return this.accounts.view(await this.accounts.update(account.id, body));
  }

  /** With the password: deletes everything of the account and signs it out everywhere; the address stays reserved. */
  @ApiRoute(apiRoutes.deleteMe)
  async delete(@CurrentAccount() account: AuthenticatedAccount, @RouteBody() body: RouteBodyOf<typeof apiRoutes.deleteMe>, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.accounts.deleteWithPassword(account.id, body.password);
    clearSessionCookies(reply, this.config.accounts.secureCookies);
  }
}
