import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { type ChangePasswordRequest, changePasswordRequestSchema } from '@openmsg/core';
import { ApiJsonBody } from '../common/api-json-body';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount, CurrentSessionId } from './api-auth.guard';
import { PasswordService } from './password.service';

@Controller('api/v1/me/password')
@UseGuards(ApiAuthGuard)
export class PasswordController {
  constructor(private readonly passwords: PasswordService) {}

  /** Other browser sessions are signed out (the one that asked stays signed in) and every access token is revoked. */
  @Post()
  @ApiJsonBody(changePasswordRequestSchema)
  @HttpCode(200)
  async change(
    @CurrentAccount() account: AuthenticatedAccount,
    @CurrentSessionId() sessionId: string | undefined,
    @Body(new ZodValidationPipe(changePasswordRequestSchema)) body: ChangePasswordRequest,
  ) {
    return this.passwords.change(account.id, body.currentPassword, body.newPassword, sessionId);
  }
}
