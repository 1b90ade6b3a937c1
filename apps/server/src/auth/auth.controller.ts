import { Controller, Inject, Req, Res } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService } from '../accounts/accounts.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiRoute, RouteBody, type RouteBodyOf } from '../http/api-route';
import { CurrentAccount, CurrentSessionId, type AuthenticatedAccount } from '../http/api-auth.guard';
import { AuthService } from './auth.service';
import { clearSessionCookies, setSessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';

@Controller()
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
  ) {}

  @ApiRoute(apiRoutes.register)
  async register(
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.register>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { account, session } = await this.auth.register(body, request.ip, userAgentOf(request));
    setSessionCookies(reply, session, this.config.accounts.secureCookies);
    return this.accounts.view(account);
  }

  @ApiRoute(apiRoutes.login)
  async login(
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.login>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { account, session } = await this.auth.login(body, request.ip, userAgentOf(request));
    setSessionCookies(reply, session, this.config.accounts.secureCookies);
    return this.accounts.view(account);
  }

  @ApiRoute(apiRoutes.logout)
  async logout(@CurrentSessionId() sessionId: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (sessionId) await this.sessions.end(sessionId);
    clearSessionCookies(reply, this.config.accounts.secureCookies);
  }

  /** Ends every browser session of the account, this one included. Access tokens stay valid. */
  @ApiRoute(apiRoutes.logoutEverywhere)
  async logoutEverywhere(
    @CurrentAccount() account: AuthenticatedAccount,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.sessions.endAll(account.id);
    clearSessionCookies(reply, this.config.accounts.secureCookies);
  }

  /** With the password: deletes everything of the account and signs it out everywhere; the address stays reserved. */
  @ApiRoute(apiRoutes.deleteMe)
  async deleteMe(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.deleteMe>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.auth.deleteAccount(account.id, body.password);
    clearSessionCookies(reply, this.config.accounts.secureCookies);
  }
}

function userAgentOf(request: FastifyRequest): string | null {
  return request.headers['user-agent'] ?? null;
}
