import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount } from '../api-tokens/api-auth.guard';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { PassCodesService } from './passcodes.service';

const createPassCodeBody = z.object({ note: z.string().trim().max(200).optional() });

@Controller('api/v1/passcodes')
@UseGuards(ApiAuthGuard)
export class PassCodesController {
  constructor(private readonly passCodes: PassCodesService) {}

  @Post()
  create(@CurrentAccount() account: AuthenticatedAccount, @Body(new ZodValidationPipe(createPassCodeBody)) body: z.output<typeof createPassCodeBody>) {
    return this.passCodes.create(account.id, body.note || null);
  }

  @Get()
  async list(@CurrentAccount() account: AuthenticatedAccount) {
    const open = await this.passCodes.listOpen(account.id);
    return { items: open.map(({ id, note, createdAt, expiresAt }) => ({ id, note, createdAt, expiresAt })) };
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.passCodes.revoke(account.id, id);
  }
}
