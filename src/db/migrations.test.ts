import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';
import { migrateDown, migrateToLatest } from './migrator.ts';

const tables = async (db: ReturnType<typeof openDatabase>['db']) =>
  (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' order by name`.execute(db)).rows.map((r) => r.name);

describe('migrations', () => {
  it('go up, down to nothing and up again', async () => {
    const { db, close } = openDatabase(':memory:');
    const applied = await migrateToLatest(db);
    expect(applied.length).toBeGreaterThan(0);
    expect(await tables(db)).toEqual(expect.arrayContaining(['accounts', 'sessions', 'api_tokens', 'email_tokens', 'avatars']));
    expect(await migrateToLatest(db)).toEqual([]);
    for (let i = 0; i < applied.length; i++) await migrateDown(db);
    expect(await tables(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual(applied);
    await close();
  });

  it('switches on foreign keys and WAL for files', async () => {
    const { sqlite, close } = openDatabase(':memory:');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    await close();
  });
});
