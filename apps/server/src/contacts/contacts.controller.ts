import { Controller } from '@nestjs/common';
import { apiRoutes } from '@openmsg/core';
import { type AuthenticatedAccount, CurrentAccount } from '../http/api-auth.guard';
import {
  ApiRoute,
  RouteBody,
  type RouteBodyOf,
  RouteQuery,
  type RouteQueryOf,
  RouteParams,
  type RouteParamsOf,
} from '../http/api-route';
import { ContactsService } from './contacts.service';

@Controller()
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @ApiRoute(apiRoutes.listContacts)
  async list(@CurrentAccount() account: AuthenticatedAccount) {
    return { items: await this.contacts.list(account.id) };
  }

  @ApiRoute(apiRoutes.searchContacts)
  async search(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteQuery() query: RouteQueryOf<typeof apiRoutes.searchContacts>,
  ) {
    return { items: await this.contacts.search(account.id, query.q, query.limit) };
  }

  /** Connect: address + the pass code its owner gave you. */
  @ApiRoute(apiRoutes.connect)
  connect(@CurrentAccount() account: AuthenticatedAccount, @RouteBody() body: RouteBodyOf<typeof apiRoutes.connect>) {
    return this.contacts.connect(account, body.address, body.passCode);
  }

  @ApiRoute(apiRoutes.getContact)
  get(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.getContact>,
  ) {
    return this.contacts.get(account.id, id);
  }

  @ApiRoute(apiRoutes.updateContact)
  update(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.updateContact>,
    @RouteBody() body: RouteBodyOf<typeof apiRoutes.updateContact>,
  ) {
    return this.contacts.update(account.id, id, body);
  }

  @ApiRoute(apiRoutes.deleteContact)
  delete(
    @CurrentAccount() account: AuthenticatedAccount,
    @RouteParams() { id }: RouteParamsOf<typeof apiRoutes.deleteContact>,
  ) {
    return this.contacts.delete(account.id, id);
  }
}
