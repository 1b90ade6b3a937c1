import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiException } from './api-error';

export interface AuthenticatedAccount {
  id: string;
  addressId: string;
  displayName: string;
  allowReplies: boolean;
  createdAt: Date;
}

export type AuthenticatedRequest = FastifyRequest & { account?: AuthenticatedAccount; sessionId?: string };

/**
 * Who is asking: the auth module provides it (sessions, personal access tokens). The guard below
 * depends on this port rather than on auth, so every module's controllers, auth's own included, can
 * use the route decorator without an import running back up.
 */
export abstract class RequestAuthenticator {
  /** Sets `request.account` (and `sessionId` for a browser session), or throws an ApiException. */
  abstract authenticate(request: AuthenticatedRequest): Promise<void>;
}

/** Put on every route of the contract that needs a signed-in user (by `@ApiRoute`). */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  constructor(private readonly authenticator: RequestAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.account) return true; // already checked (the guard is on the route and, in older controllers, on the class)
    await this.authenticator.authenticate(request);
    if (!request.account) throw unauthorized();
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
