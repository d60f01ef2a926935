/**
 * Where a long export reads: a second, read-only SQLite connection on the database file
 * when there is one (WAL lets it read beside the writer, and the app's single
 * connection stays free for everyone else — engineering guide), else the main
 * connection (in-memory test databases), where each keyset page is one short query.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

export interface Reader {
  db: Db;
  /** True when reading through its own read-only connection. */
  separate: boolean;
  close(): Promise<void>;
}

export function openReader(main: Db, databaseFile: string | null): Reader {
  if (databaseFile === null) return { db: main, separate: false, close: async () => {} };
  const sqlite = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, separate: true, close: () => db.destroy() };
}
