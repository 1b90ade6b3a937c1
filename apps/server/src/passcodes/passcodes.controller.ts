import { Controller } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import { type AuthenticatedAccount, CurrentAccount } from '../http/api-auth.guard';
import { ApiRoute, RouteBody, type RouteBodyOf, RouteParams, type RouteParamsOf } from '../http/api-route';
import { PassCodesService } from './passcodes.service';

@Controller()
export class PassCodesController {
  constructor(private readonly passCodes: PassCodesService) {}

  @ApiRoute(apiRoutes.createPassCode)
  create(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.createPassCode>,
  ) {
    return this.passCodes.create(account, body.note || null);
  }

  @ApiRoute(apiRoutes.listPassCodes)
  list(@CurrentAccount() account: AuthenticatedAccount) {
    return this.passCodes.listOpen(account);
  }

  @ApiRoute(apiRoutes.revokePassCode)
  revoke(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.revokePassCode>,
  ) {
    return this.passCodes.revoke(account.id, id);
  }
}
