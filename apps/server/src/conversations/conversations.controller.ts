import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { pageQuerySchema } from '@openmsg/core';
import type { z } from 'zod';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount } from '../auth/api-auth.guard';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { ConversationsService } from './conversations.service';

@Controller('api/v1/conversations')
@UseGuards(ApiAuthGuard)
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  list(@CurrentAccount() account: AuthenticatedAccount, @Query(new ZodValidationPipe(pageQuerySchema)) query: z.output<typeof pageQuerySchema>) {
    const { limit, cursor } = query;
    return this.conversations.list(account.id, limit, cursor);
  }

  @Get(':conversationId')
  get(@CurrentAccount() account: AuthenticatedAccount, @Param('conversationId') conversationId: string) {
    return this.conversations.get(account.id, conversationId);
  }

  @Get(':conversationId/messages')
  thread(@CurrentAccount() account: AuthenticatedAccount, @Param('conversationId') conversationId: string, @Query(new ZodValidationPipe(pageQuerySchema)) query: z.output<typeof pageQuerySchema>) {
    const { limit, cursor } = query;
    return this.conversations.thread(account.id, conversationId, limit, cursor);
  }

  @Post(':conversationId/read')
  @HttpCode(200)
  markRead(@CurrentAccount() account: AuthenticatedAccount, @Param('conversationId') conversationId: string) {
    return this.conversations.markRead(account.id, conversationId);
  }
}
