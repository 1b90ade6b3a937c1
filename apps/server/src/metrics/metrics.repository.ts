import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class MetricsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Outgoing messages not yet delivered or failed (the `(state, nextAttemptAt)` index counts them). */
  queueDepth(): Promise<number> {
    return this.prisma.message.count({ where: { state: { in: ['queued', 'sending'] } } });
  }

  failureCodeOf(messageId: string): Promise<string | null> {
    return this.prisma.message.findUnique({ where: { id: messageId }, select: { failureCode: true } }).then((row) => row?.failureCode ?? null);
  }
}
