import { Injectable } from '@nestjs/common';
import { tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';

const selectOne = tables.selectNoFrom((eb) => eb.lit(1).as('one'));

@Injectable()
export class HealthRepository {
  constructor(private readonly db: DirectSqlService) {}

  /** Resolves once the database has answered a query; rejects when it does not. */
  async answer(): Promise<void> {
    await this.db.query(selectOne);
  }
}
