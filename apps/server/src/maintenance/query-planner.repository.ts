import { Injectable } from '@nestjs/common';
import { DirectSqlService } from '../database/direct-sql.service';

/**
 * Keeps the planner statistics current (on SQLite; PostgreSQL's autovacuum does this by itself):
 * without them a big table's index choices for the inbox queries get worse.
 */
@Injectable()
export class QueryPlannerRepository {
  constructor(private readonly db: DirectSqlService) {}

  refreshStatistics(): Promise<void> {
    return this.db.refreshPlannerStatistics();
  }
}
