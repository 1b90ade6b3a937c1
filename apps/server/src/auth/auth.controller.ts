import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { loginRequestSchema, registerRequestSchema } from '@openmsg/core';
import type { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService } from '../accounts/accounts.service';
import { ApiJsonBody } from '../common/api-json-body';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiAuthGuard, CurrentAccount, CurrentSessionId, type AuthenticatedAccount } from './api-auth.guard';
import { AuthService } from './auth.service';
import { clearSessionCookies, setSessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';

@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
  ) {}

  @Post('register')
  @ApiJsonBody(registerRequestSchema)
  async register(@Body(new ZodValidationPipe(registerRequestSchema)) body: z.output<typeof registerRequestSchema>, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { account, session } = await this.auth.register(body, request.ip, userAgentOf(request));
    setSessionCookies(reply, session, this.config.accounts.secureCookies);
    return this.accounts.view(account);
  }

  @Post('login')
  @ApiJsonBody(loginRequestSchema)
  @HttpCode(200)
  async login(@Body(new ZodValidationPipe(loginRequestSchema)) body: z.output<typeof loginRequestSchema>, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { account, session } = await this.auth.login(body, request.ip, userAgentOf(request));
    setSessionCookies(reply, session, this.config.accounts.secureCookies);
    return this.accounts.view(account);
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(ApiAuthGuard)
  async logout(@CurrentSessionId() sessionId: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (sessionId) await this.sessions.end(sessionId);
    clearSessionCookies(reply, this.config.accounts.secureCookies);
  }

  /** Ends every browser session of the account, this one included. Access tokens stay valid. */
  @Post('logout-everywhere')
  @HttpCode(204)
  @UseGuards(ApiAuthGuard)
  async logoutEverywhere(@CurrentAccount() account: AuthenticatedAccount, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.sessions.endAll(account.id);
    clearSessionCookies(reply, this.config.accounts.secureCookies);
  }
}

function userAgentOf(request: FastifyRequest): string | null {
  return request.headers['user-agent'] ?? null;
}
