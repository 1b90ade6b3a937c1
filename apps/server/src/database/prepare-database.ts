import { applyMigrations, explainOpenError } from '@openmsg/db';
import { mkdirSync } from 'node:fs';
import type { AppConfig } from '../config/app-config';

/**
 * Creates the data directory and applies pending migrations: the first time a process opens the
 * database, so a failure to open it says which file or host (not "unable to open database file").
 */
export async function prepareDatabase(config: AppConfig): Promise<string[]> {
  try {
    mkdirSync(config.dataDir, { recursive: true });
  } catch (error) {
    throw new Error(
      `cannot create the data directory ${config.dataDir} (OPENMSG_DATA_DIR): ${(error as Error).message}`,
      { cause: error },
    );
  }
  try {
    return await applyMigrations(config.databaseUrl);
  } catch (error) {
    throw explainOpenError(error, config.databaseUrl);
  }
}
