import { Controller } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import { ApiRoute, RouteParams, type RouteParamsOf, RouteQuery, type RouteQueryOf } from '../http/api-route';
import { AdminAccountsService } from './admin-accounts.service';
import { CurrentAdmin } from './admin-role.authorizer';
import type { AdminActor } from './audit-log.service';

@Controller()
export class AdminAccountsController {
  constructor(private readonly accounts: AdminAccountsService) {}

  @ApiRoute(apiRoutes.adminAccounts)
  search(@RouteQuery() query: RouteQueryOf<typeof apiRoutes.adminAccounts>) {
    return this.accounts.search(query.q, query.limit, query.cursor);
  }

  @ApiRoute(apiRoutes.adminDisableAccount)
  disable(
    @CurrentAdmin() admin: AdminActor,
    @RouteParams() { addressId }: RouteParamsOf<typeof apiRoutes.adminDisableAccount>,
  ) {
    return this.accounts.disable(admin, addressId);
  }

  @ApiRoute(apiRoutes.adminEnableAccount)
  enable(
    @CurrentAdmin() admin: AdminActor,
    @RouteParams() { addressId }: RouteParamsOf<typeof apiRoutes.adminEnableAccount>,
  ) {
    return this.accounts.enable(admin, addressId);
  }

  @ApiRoute(apiRoutes.adminResetPassword)
  resetPassword(
    @CurrentAdmin() admin: AdminActor,
    @RouteParams() { addressId }: RouteParamsOf<typeof apiRoutes.adminResetPassword>,
  ) {
    return this.accounts.resetPassword(admin, addressId);
  }

  @ApiRoute(apiRoutes.adminDeleteAccount)
  delete(
    @CurrentAdmin() admin: AdminActor,
    @RouteParams() { addressId }: RouteParamsOf<typeof apiRoutes.adminDeleteAccount>,
  ) {
    return this.accounts.delete(admin, addressId);
  }
}
