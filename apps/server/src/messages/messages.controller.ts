import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { searchQuerySchema, sendMessageRequestSchema } from '@openmsg/core';
import type { z } from 'zod';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount } from '../auth/api-auth.guard';
import { ApiJsonBody } from '../common/api-json-body';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { MessagesService } from './messages.service';

@Controller('api/v1/messages')
@UseGuards(ApiAuthGuard)
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  /** Queues the message and answers at once; its state changes as delivery proceeds. */
  @Post()
  @ApiJsonBody(sendMessageRequestSchema)
  send(@CurrentAccount() account: AuthenticatedAccount, @Body(new ZodValidationPipe(sendMessageRequestSchema)) body: z.output<typeof sendMessageRequestSchema>) {
    return this.messages.send(account.id, body.to, body.text);
  }

  @Get('search')
  search(@CurrentAccount() account: AuthenticatedAccount, @Query(new ZodValidationPipe(searchQuerySchema)) query: z.output<typeof searchQuerySchema>) {
    return this.messages.search(account.id, query.q, query.limit, query.cursor);
  }

  @Get(':id')
  get(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.messages.get(account.id, id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.messages.retry(account.id, id);
  }

  /** Deletes this user's copy. A message still queued is not sent. */
  @Delete(':id')
  @HttpCode(204)
  delete(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.messages.delete(account.id, id);
  }
}
