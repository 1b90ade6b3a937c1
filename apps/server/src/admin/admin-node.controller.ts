import { Controller } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import {
  ApiRoute,
  RouteBody,
  type RouteBodyOf,
  RouteParams,
  type RouteParamsOf,
  RouteQuery,
  type RouteQueryOf,
} from '../http/api-route';
import { AdminDeliveryService } from './admin-delivery.service';
import { AdminInvitationsService } from './admin-invitations.service';
import { AdminNodeService } from './admin-node.service';
import { CurrentAdmin } from './admin-role.authorizer';
import type { AdminActor } from './audit-log.service';
import { StorageUsageService } from './storage-usage.service';

/** The node as a whole: overview, invitations, the delivery queue and failing peers, storage, check-self. */
@Controller()
export class AdminNodeController {
  constructor(
    private readonly node: AdminNodeService,
    private readonly invitations: AdminInvitationsService,
    private readonly delivery: AdminDeliveryService,
    private readonly storage: StorageUsageService,
  ) {}

  @ApiRoute(apiRoutes.adminOverview)
  overview() {
    return this.node.overview();
  }

  @ApiRoute(apiRoutes.adminInvitations)
  async listInvitations() {
    return { items: await this.invitations.list() };
  }

  @ApiRoute(apiRoutes.adminCreateInvitation)
  createInvitation(
    @CurrentAdmin() admin: AdminActor,
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.adminCreateInvitation>,
  ) {
    return this.invitations.create(admin, body.note, body.days);
  }

  @ApiRoute(apiRoutes.adminRevokeInvitation)
  revokeInvitation(
    @CurrentAdmin() admin: AdminActor,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.adminRevokeInvitation>,
  ) {
    return this.invitations.revoke(admin, id);
  }

  @ApiRoute(apiRoutes.adminDeliveryQueue)
  async deliveryQueue() {
    return { items: await this.delivery.queueByDomain() };
  }

  @ApiRoute(apiRoutes.adminRetryDomain)
  retryDomain(
    @CurrentAdmin() admin: AdminActor,
    @RouteParams() { domain }: RouteParamsOf<typeof apiRoutes.adminRetryDomain>,
  ) {
    return this.delivery.retryDomain(admin, domain);
  }

  @ApiRoute(apiRoutes.adminFailingPeers)
  async failingPeers() {
    return { items: await this.delivery.failingPeers() };
  }

  @ApiRoute(apiRoutes.adminStorage)
  storageUsage(@RouteQuery() query: RouteQueryOf<typeof apiRoutes.adminStorage>) {
    return this.storage.usage(query.limit);
  }

  @ApiRoute(apiRoutes.adminCheckSelf)
  checkSelf(@CurrentAdmin() admin: AdminActor, @RouteBody() body: RouteBodyOf<typeof apiRoutes.adminCheckSelf>) {
    return this.node.checkSelf(admin, body.timeoutSeconds);
  }
}
