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
  role: string;
}

/** Who sent a request: the account, and for a browser session its id and the CSRF token it must echo. */
export interface RequestIdentity {
  account: AuthenticatedAccount;
  session?: { id: string; csrfToken: string };
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
    const identity = await this.identify(request);
    if (!identity) throw unauthorized();
    if (!csrfHolds(request, identity)) throw new ApiException('csrf_failed');
    request.account = identity.account;
    request.sessionId = identity.session?.id;
    return true;
  }

  /** The account behind the request's access token or session cookie, without the CSRF check; null if neither is valid. */
  async identify(request: FastifyRequest): Promise<RequestIdentity | null> {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const account = await this.tokens.authenticate(header.slice('Bearer '.length).trim());
      return account ? { account } : null;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    const session = cookie ? await this.sessions.authenticate(cookie) : null;
    return session ? { account: session.account, session: { id: session.id, csrfToken: session.csrfToken } } : null;
  }
}

/** A session's state-changing request must echo its CSRF token in a header; safe methods and access tokens need none. */
export function csrfHolds(request: FastifyRequest, identity: RequestIdentity): boolean {
  if (!identity.session || SAFE_METHODS.has(request.method)) return true;
  const sent = request.headers[CSRF_HEADER];
  return typeof sent === 'string' && constantTimeEqual(sent, identity.session.csrfToken);
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
