import type { DirectSql, Sql } from '@openmsg/db';
import type { StorageFaultMonitor } from './storage-fault-monitor';

/**
 * DirectSql whose every statement tells the monitor whether the storage works: the storage fault it
 * failed with, or that it succeeded (the per-message writes all pass here, so the end of a fault is
 * seen as soon as messages are saved again).
 */
export function observedDirectSql(direct: DirectSql, monitor: StorageFaultMonitor): DirectSql {
  async function watch<R>(write: boolean, run: () => Promise<R>): Promise<R> {
    try {
      const result = await run();
      monitor.succeeded(write);
      return result;
    } catch (error) {
      monitor.faultOf(error);
      throw error;
    }
  }
  return {
    query: <Row>(statement: Sql) => watch(false, () => direct.query<Row>(statement)),
    execute: (statement) => watch(true, () => direct.execute(statement)),
    executeReturning: <Row>(statement: Sql) => watch(true, () => direct.executeReturning<Row>(statement)),
    transaction: (statements, options) => watch(true, () => direct.transaction(statements, options)),
    writeTogether: (statements, options) => watch(true, () => direct.writeTogether(statements, options)),
    refreshPlannerStatistics: () => watch(false, () => direct.refreshPlannerStatistics()),
    databaseSizeBytes: () => watch(false, () => direct.databaseSizeBytes()),
  };
}
