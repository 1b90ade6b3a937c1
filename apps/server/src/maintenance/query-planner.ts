import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';

/**
 * Keeps SQLite's planner statistics current (PostgreSQL's autovacuum does this by itself): without
 * them a big table's index choices for the inbox queries get worse. `PRAGMA optimize` analyses only
 * the tables that need it, so running it every hour costs next to nothing.
 */
@Injectable()
export class QueryPlanner {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
  ) {}

  async refreshStatistics(): Promise<void> {
    if (this.config.databaseUrl.startsWith('file:')) await this.prisma.$executeRawUnsafe('PRAGMA optimize');
  }
}
