import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { type CreatePassCodeRequest, createPassCodeRequestSchema } from '@openmsg/core';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount } from '../auth/api-auth.guard';
import { ApiJsonBody } from '../common/api-json-body';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { PassCodesService } from './passcodes.service';

@Controller('api/v1/passcodes')
@UseGuards(ApiAuthGuard)
export class PassCodesController {
  constructor(private readonly passCodes: PassCodesService) {}

  @Post()
  @ApiJsonBody(createPassCodeRequestSchema)
  create(@CurrentAccount() account: AuthenticatedAccount, @Body(new ZodValidationPipe(createPassCodeRequestSchema)) body: CreatePassCodeRequest) {
    return this.passCodes.create(account, body.note || null);
  }

  @Get()
  list(@CurrentAccount() account: AuthenticatedAccount) {
    return this.passCodes.listOpen(account);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.passCodes.revoke(account.id, id);
  }
}
