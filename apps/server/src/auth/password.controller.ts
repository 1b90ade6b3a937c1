import { Controller } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import { ApiRoute, RouteBody, type RouteBodyOf } from '../http/api-route';
import { type AuthenticatedAccount, CurrentAccount, CurrentSessionId } from '../http/api-auth.guard';
import { PasswordService } from './password.service';

@Controller()
export class PasswordController {
  constructor(private readonly passwords: PasswordService) {}

  /** Other browser sessions are signed out (the one that asked stays signed in) and every access token is revoked. */
  @ApiRoute(apiRoutes.changePassword)
  async change(
    @CurrentAccount() account: AuthenticatedAccount,
    @CurrentSessionId() sessionId: string | undefined,
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.changePassword>,
  ) {
    return this.passwords.change(account.id, body.currentPassword, body.newPassword, sessionId);
  }
}
