import { CanActivate, createParamDecorator, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { CSRF_HEADER, SESSION_COOKIE } from '@openmsg/core';
import { constantTimeEqual } from '@openmsg/core';
import type { FastifyRequest } from 'fastify';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { SessionsService } from './sessions.service';

export interface AuthenticatedAccount {
  id: string;
  addressId: string;
  displayName: string;
  allowReplies: boolean;
  createdAt: Date;
}

export type AuthenticatedRequest = FastifyRequest & { account?: AuthenticatedAccount; sessionId?: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Lets a request through with `Authorization: Bearer <personal access token>` (scripts) or a session
 * cookie (the browser). A cookie alone never changes anything: state-changing requests must also
 * echo the session's CSRF token in a header, which another site cannot read or send.
 */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const account = await this.tokens.authenticate(header.slice('Bearer '.length).trim());
      if (!account) throw unauthorized();
      request.account = account;
      return true;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    const session = cookie ? await this.sessions.authenticate(cookie) : null;
    if (!session) throw unauthorized();
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !constantTimeEqual(sent, session.csrfToken)) {
        throw new ForbiddenException({ error: 'csrf_failed', message: 'missing or wrong CSRF token: reload the page' });
      }
    }
    request.account = session.account;
    request.sessionId = session.id;
    return true;
  }
}

function unauthorized() {
  return new UnauthorizedException({ error: 'unauthenticated', message: 'sign in or send a valid access token' });
}

export const CurrentAccount = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedAccount => {
  const account = context.switchToHttp().getRequest<AuthenticatedRequest>().account;
  if (!account) throw unauthorized();
  return account;
});

/** The browser session behind the request; undefined for a personal access token. */
export const CurrentSessionId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => context.switchToHttp().getRequest<AuthenticatedRequest>().sessionId,
);
