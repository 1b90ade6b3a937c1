import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { type CreateTokenRequest, createTokenRequestSchema } from '@openmsg/core';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount } from '../auth/api-auth.guard';
import { ApiJsonBody } from '../common/api-json-body';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ApiTokensService } from './api-tokens.service';

/** Personal access tokens, for scripts and shops sending through the API. */
@Controller('api/v1/tokens')
@UseGuards(ApiAuthGuard)
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  async list(@CurrentAccount() account: AuthenticatedAccount) {
    return { items: await this.tokens.list(account.id) };
  }

  @Post()
  @ApiJsonBody(createTokenRequestSchema)
  create(@CurrentAccount() account: AuthenticatedAccount, @Body(new ZodValidationPipe(createTokenRequestSchema)) body: CreateTokenRequest) {
    return this.tokens.create(account.id, body.name);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.tokens.revoke(account.id, id);
  }
}
