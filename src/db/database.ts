/**
 * The database connection: Kysely over better-sqlite3 (the embedded default).
 * WAL lets a read-only connection read beside the single writer; foreign keys are off
 * by default in SQLite and must be switched on per connection; the busy timeout makes a
 * second process (e.g. `npm run admin` beside a running server) wait instead of failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/** Opens (and creates) the database file; `:memory:` for unit tests. */
export function openDatabase(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    sqlite,
    async close() {
      await db.destroy();
    },
  };
}

/** Cheap liveness probe for /health. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    const { sql } = await import('kysely');
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
