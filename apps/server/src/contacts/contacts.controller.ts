import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { type ConnectRequest, connectRequestSchema, type UpdateContactRequest, updateContactRequestSchema } from '@openmsg/core';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount } from '../auth/api-auth.guard';
import { ApiJsonBody } from '../common/api-json-body';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ContactsService } from './contacts.service';

@Controller('api/v1/contacts')
@UseGuards(ApiAuthGuard)
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  async list(@CurrentAccount() account: AuthenticatedAccount) {
    return { items: await this.contacts.list(account.id) };
  }

  /** Connect: address + the pass code its owner gave you. */
  @Post()
  @ApiJsonBody(connectRequestSchema)
  connect(@CurrentAccount() account: AuthenticatedAccount, @Body(new ZodValidationPipe(connectRequestSchema)) body: ConnectRequest) {
    return this.contacts.connect(account, body.address, body.passCode);
  }

  @Get(':id')
  get(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.contacts.get(account.id, id);
  }

  @Patch(':id')
  @ApiJsonBody(updateContactRequestSchema)
  update(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string, @Body(new ZodValidationPipe(updateContactRequestSchema)) body: UpdateContactRequest) {
    return this.contacts.update(account.id, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.contacts.delete(account.id, id);
  }
}
