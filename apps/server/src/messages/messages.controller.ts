import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { ApiAuthGuard, type AuthenticatedAccount, CurrentAccount } from '../api-tokens/api-auth.guard';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { MessagesService } from './messages.service';

const sendBody = z.object({
  to: z.string().trim().min(1).max(255),
  text: z.string().max(100_000),
});
const threadQuery = z.object({
  with: z.string().trim().min(1).max(255),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(100).optional(),
});

@Controller('api/v1/messages')
@UseGuards(ApiAuthGuard)
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  /** Queues the message and answers at once; its state changes as delivery proceeds. */
  @Post()
  send(@CurrentAccount() account: AuthenticatedAccount, @Body(new ZodValidationPipe(sendBody)) body: z.output<typeof sendBody>) {
    return this.messages.send(account.id, body.to, body.text);
  }

  @Get()
  thread(@CurrentAccount() account: AuthenticatedAccount, @Query(new ZodValidationPipe(threadQuery)) query: z.output<typeof threadQuery>) {
    return this.messages.thread(account.id, query.with, query.limit, query.cursor);
  }

  @Get(':id')
  get(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.messages.get(account.id, id);
  }

  @Post(':id/retry')
  retry(@CurrentAccount() account: AuthenticatedAccount, @Param('id') id: string) {
    return this.messages.retry(account.id, id);
  }
}
