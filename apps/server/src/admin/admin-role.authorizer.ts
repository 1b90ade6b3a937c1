import { createParamDecorator, type ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { AdminAuthorizer, type AuthenticatedRequest, csrfHolds, RequestAuthenticator } from '../http/api-auth.guard';
import { ApiException } from '../http/api-error';
import type { AdminActor } from './audit-log.service';

type AdminRequest = AuthenticatedRequest & { adminActor?: AdminActor };

/**
 * The guard of every admin route (`admin: true` in the route contract). The role is read with the
 * account on every request (sessions and tokens load it), so a revoked admin loses the console at
 * once. Anyone but an active admin, signed in or not, gets the same 404 as a path that does not
 * exist: the console is not there for them. CSRF holds as on every other state-changing route.
 */
@Injectable()
export class AdminRoleAuthorizer extends AdminAuthorizer {
  constructor(
    private readonly authenticator: RequestAuthenticator,
    private readonly accounts: AccountsService,
  ) {
    super();
  }

  async authorize(request: AdminRequest): Promise<void> {
    const identity = await this.authenticator.identify(request);
    if (identity?.account.role !== 'admin') throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
    if (!csrfHolds(request, identity)) throw new ApiException('csrf_failed');
    request.account = identity.account;
    request.sessionId = identity.session?.id;
    request.adminActor = { id: identity.account.id, name: this.accounts.addressOf(identity.account) };
  }
}

/** The admin behind a request that passed the AdminRoleAuthorizer, as the audit log names them. */
export const CurrentAdmin = createParamDecorator((_data: unknown, context: ExecutionContext): AdminActor => {
  const actor = context.switchToHttp().getRequest<AdminRequest>().adminActor;
  if (!actor) throw new Error('CurrentAdmin outside an admin route');
  return actor;
});
