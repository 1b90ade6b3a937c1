import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { constantTimeEqual, CSRF_HEADER } from '@openmsg/core';
import type { FastifyRequest } from 'fastify';
import { ApiException } from './api-error';

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

/**
 * Who is asking: the auth module provides it (sessions, personal access tokens). The guards depend
 * on this port rather than on auth, so every module's controllers, auth's own included, can use the
 * route decorator without an import running back up.
 */
export abstract class RequestAuthenticator {
  /** The account behind the request's access token or session cookie, without the CSRF check; null if neither is valid. */
  abstract identify(request: FastifyRequest): Promise<RequestIdentity | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A session's state-changing request must echo its CSRF token in a header; safe methods and access tokens need none. */
export function csrfHolds(request: FastifyRequest, identity: RequestIdentity): boolean {
  if (!identity.session || SAFE_METHODS.has(request.method)) return true;
  const sent = request.headers[CSRF_HEADER];
  return typeof sent === 'string' && constantTimeEqual(sent, identity.session.csrfToken);
}

/**
 * Put on every route of the contract that needs a signed-in user (by `@ApiRoute`). A cookie alone
 * never changes anything: state-changing requests must also echo the session's CSRF token in a
 * header, which another site cannot read or send.
 */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(private readonly authenticator: RequestAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.account) return true; // already checked (the guard is on the route and, in older controllers, on the class)
    const identity = await this.authenticator.identify(request);
    if (!identity) throw unauthorized();
    if (!csrfHolds(request, identity)) throw new ApiException('csrf_failed');
    request.account = identity.account;
    request.sessionId = identity.session?.id;
    return true;
  }
}

/**
 * Who may use the admin console's routes (`admin: true` in the contract): the admin module provides
 * it, in the module of its controllers; it throws for anyone else (the console answers them 404).
 */
export abstract class AdminAuthorizer {
  abstract authorize(request: AuthenticatedRequest): Promise<void>;
}

/** Put on every admin route of the contract (by `@ApiRoute`), instead of ApiAuthGuard. */
@Injectable()
export class AdminRouteGuard implements CanActivate {
  constructor(private readonly authorizer: AdminAuthorizer) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.authorizer.authorize(context.switchToHttp().getRequest<AuthenticatedRequest>());
    return true;
  }
}

function unauthorized() {
  return new ApiException('unauthenticated');
}

export const CurrentAccount = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedAccount => {
    const account = context.switchToHttp().getRequest<AuthenticatedRequest>().account;
    if (!account) throw unauthorized();
    return account;
  },
);

/** The browser session behind the request; undefined for a personal access token. */
export const CurrentSessionId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().sessionId,
);
