/** Runs work in one transaction. Callers must not do network I/O inside (SQLite has one connection). */
import type { Db } from '../db/database.ts';

export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(trx));
}
