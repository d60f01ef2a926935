/**
 * Large exports stream (spec §A7, engineering guide): 50,000 declarations go out page by
 * page with bounded memory, the pages are read only as the client reads, other requests
 * are answered meanwhile, and on a database file the export reads through its own
 * read-only connection while the app keeps writing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import type SQLite from 'better-sqlite3';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { ManualClock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { MemoryMailer } from '../mail/mailer.ts';
import { Browser, createTestApp, type TestApp } from '../testing/test-app.ts';
import { account, association } from '../memberships/testing.ts';
import { addCatalog, insertDeclaration } from '../statistics/declaration-rows.fixtures.ts';

// A full collection before each measure, so the heap counts what is alive, not garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const ROWS = 50_000;
const DESCRIPTION = 'Accueil du public, tenue du stand et rangement du matériel. '.repeat(4); // ~ 240 characters

/** Inserts `n` validated declarations in one transaction straight through better-sqlite3 (fast). */
function bulkInsert(sqlite: SQLite.Database, associationId: string, authorId: string, categoryId: string, n: number): void {
  const declaration = sqlite.prepare(
    `INSERT INTO declarations (id, association_id, author_type, author_account_id, category_id, title, description, date, duration_minutes,
       distance_hundredths, status, validation_id, created_at, updated_at)
     VALUES (?, ?, 'account', ?, ?, ?, ?, ?, ?, 0, 'validated', ?, ?, ?)`,
  );
  const validation = sqlite.prepare(
    `INSERT INTO validations (id, declaration_id, validated_by_label, validated_at, validated_minutes) VALUES (?, ?, 'Validation automatique', ?, ?)`,
  );
  // uuid's v7() costs ~ 13 µs here: ordered ids of our own, and the dates computed once.
  const prefix = newId().slice(0, 18);
  const dates = Array.from({ length: 1500 }, (_, d) => new Date(Date.UTC(2021, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  sqlite.pragma('foreign_keys = OFF'); // consistent by construction, and a third faster
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = `${prefix}d${String(i).padStart(17, '0')}`;
      const vid = `${prefix}v${String(i).padStart(17, '0')}`;
      const date = dates[i % 1500]!;
      const at = `${date}T10:00:00.000Z`;
      declaration.run(id, associationId, authorId, categoryId, `Action n° ${i}`, DESCRIPTION, date, 30 + (i % 300), vid, at, at);
      validation.run(vid, id, at, 30 + (i % 300));
    }
  })();
  sqlite.pragma('foreign_keys = ON');
}

async function setup(t: TestApp, rows = ROWS) {
  const manager = await account(t, 'gestion@exemple.fr');
  const a = await association(t, 'Grande asso', { creatorId: manager.id });
  const cat = await addCatalog(t.db, a.id, { categories: 1, levels: 0, projects: 0 });
  bulkInsert(t.database.sqlite, a.id, manager.id, cat.categories[0]!, rows);
  return { manager, a, cat };
}

describe('streamed exports', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it(`sends ${ROWS.toLocaleString('en')} rows page by page, with bounded memory, reading only as the client reads`, async () => {
    const t = await createTestApp();
    const { manager, a, cat } = await setup(t);
    const res = await manager.browser.request('GET', `/api/v1/associations/${a.id}/declarations/export?format=csv`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let bytes = 0;
    let lines = 0;
    let tail = '';
    const decoder = new TextDecoder();
    const read = async () => {
      const { value, done } = await reader.read();
      if (done) return false;
      bytes += value.length;
      const text = tail + decoder.decode(value, { stream: true });
      const parts = text.split('\r\n');
      tail = parts.pop()!;
      lines += parts.length;
      return true;
    };
    for (let i = 0; i < 3; i++) await read();
    // The client paused: a declaration older than all others (so last in the file) is
    // recorded now, and another request is answered. Had the export read every row at
    // the start, the new one would be missing.
    await insertDeclaration(t.db, { associationId: a.id, author: { type: 'account', id: manager.id }, categoryId: cat.categories[0]!, status: 'validated', title: 'Écrite pendant l’export', date: '2000-01-01', durationMinutes: 5 });
    expect((await manager.browser.request('GET', '/api/v1/me')).status).toBe(200);
    let chunks = 3;
    while (await read()) {
      if (++chunks % 5 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    expect(lines).toBe(ROWS + 2); // header + rows + the one written meanwhile
    expect(tail).toBe('');
    expect(decoder.decode().length).toBe(0);
    expect(bytes).toBeGreaterThan(15_000_000);
    // Holding every row would take more than the file itself (~ 17 MB); one page is ~ 0.4 MB.
    expect(peak).toBeLessThan(8 * 2 ** 20);
    expect(chunks).toBeGreaterThanOrEqual(ROWS / 1000);
  }, 60_000);

  it('on a database file, reads through a read-only connection while the app keeps writing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bv-export-'));
    dirs.push(dir);
    const file = path.join(dir, 'test.sqlite');
    const database = openDatabase(file);
    await migrateToLatest(database.db);
    const config = loadConfig({ BV_ENV: 'test', BV_ORIGIN: 'http://localhost:3000', BV_DATA_DIR: dir });
    const clock = new ManualClock();
    const mailer = new MemoryMailer();
    const built = createApp({ config: { ...config, secret: 's'.repeat(40) }, db: database.db, mailer, clock, databaseFile: file });
    const t: TestApp = { ...built, db: database.db, database, clock, mailer, config };
    const { manager, a, cat } = await setup(t, 5000);
    const res = await manager.browser.request('GET', `/api/v1/associations/${a.id}/declarations/export?format=ods`);
    const reader = res.body!.getReader();
    let bytes = (await reader.read()).value!.length;
    bytes += (await reader.read()).value!.length;
    // The export's read transaction stays open between pages only on its own connection:
    // the app writes without waiting.
    const started = performance.now();
    await insertDeclaration(t.db, { associationId: a.id, author: { type: 'account', id: manager.id }, categoryId: cat.categories[0]!, status: 'validated', title: 'Pendant', date: '2026-01-01', durationMinutes: 5 });
    expect(performance.now() - started).toBeLessThan(1000);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.length;
    }
    expect(bytes).toBeGreaterThan(50_000);
    // A download abandoned half-way closes its connection (no error, no leak).
    const again = await manager.browser.request('GET', `/api/v1/associations/${a.id}/declarations/export?format=json`);
    const r2 = again.body!.getReader();
    await r2.read();
    await r2.cancel();
    expect((await new Browser(t).request('GET', '/health')).status).toBe(200);
    await database.close();
  }, 60_000);
});
