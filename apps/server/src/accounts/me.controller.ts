import { Body, Controller, Get, Patch, UseGuards } from '@nestjs/common';
import { type UpdateProfileRequest, updateProfileRequestSchema } from '@openmsg/core';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount } from '../auth/api-auth.guard';
import { ApiJsonBody } from '../common/api-json-body';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { AccountsService } from './accounts.service';

@Controller('api/v1/me')
@UseGuards(ApiAuthGuard)
export class MeController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  me(@CurrentAccount() account: AuthenticatedAccount) {
    return this.accounts.view(account);
  }

  /** The display name reaches contacts with the next message sent to them (the protocol carries it). */
  @Patch()
  @ApiJsonBody(updateProfileRequestSchema)
  async update(@CurrentAccount() account: AuthenticatedAccount, @Body(new ZodValidationPipe(updateProfileRequestSchema)) body: UpdateProfileRequest) {
    return this.accounts.view(await this.accounts.update(account.id, body));
  }
}
