/**
 * Runs the dated migrations of `migrations/` (Kysely 0.29: Migrator lives in
 * `kysely/migration`). The folder is resolved from this file so it works from any cwd.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely/migration';
import type { Db } from './database.ts';

export const migrationFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

export function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
  });
}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error : new Error(String(result.error));
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${cause.message}`, { cause });
  }
  return result;
}

/** Brings the schema to the latest migration; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const result = check(await createMigrator(db).migrateToLatest());
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Undoes the last migration (npm run migrate -- down). */
export async function migrateDown(db: Db): Promise<string[]> {
  const result = check(await createMigrator(db).migrateDown());
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
