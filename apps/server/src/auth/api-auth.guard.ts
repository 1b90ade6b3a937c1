import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { CSRF_HEADER, SESSION_COOKIE } from '@openmsg/core';
import { constantTimeEqual } from '@openmsg/core';
import type { FastifyRequest } from 'fastify';
import { ApiTokensService } from '../api-tokens/api-tokens.service';
import { SessionsService } from './sessions.service';
import { ApiException } from '../http/api-error';

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
    if (request.account) return true; // already checked (the guard is on the route and, in older controllers, on the class)
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
        throw new ApiException('csrf_failed');
      }
    }
    request.account = session.account;
    request.sessionId = session.id;
    return true;
  }
}

function unauthorized() {
  return new ApiException('unauthenticated');
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
