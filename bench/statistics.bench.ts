/**
 * Association statistics latency at 10,000 and at 1,000,000 declarations (500
 * associations, 10,000 volunteers, 5 years), for the largest association, through the
 * whole stack (app.request(): session, permission, JSON). Requirement (issue 4):
 * p95 at 1,000,000 ≤ 2 × p95 at 10,000. Also shown: the same figures when each read
 * first folds in a change just written, and what recomputing from the declarations on
 * every request would cost (why totals are kept).
 */
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { MemoryMailer } from '../src/mail/mailer.ts';
import { generate } from './dataset.ts';
import { percentile, samples } from './lib.ts';

const TODAY = '2026-11-27';
const RUNS = 400;

interface Figures {
  total: number[];
  year: number[];
  afterWrite: number[];
  naive: number[];
  largest: number;
}

const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(2).padStart(7)} ms   p95 ${percentile(xs, 95).toFixed(2).padStart(7)} ms`;

async function measure(dir: string, declarations: number): Promise<Figures> {
  const file = path.join(dir, `statistics-${declarations}.sqlite`);
  const data = await generate({ file, declarations, associations: 500, volunteers: 10_000, years: 5, today: TODAY });
  const { largest } = data;
  console.log(
    `${declarations.toLocaleString('en')} declarations generated in ${(data.generateMs / 1000).toFixed(1)} s, totals rebuilt in ${(data.rebuildMs / 1000).toFixed(1)} s; ` +
      `largest association: ${largest.declarations.toLocaleString('en')} declarations, ${largest.members} members`,
  );
  const config = loadConfig({ BV_ENV: 'test', BV_ORIGIN: 'http://localhost:3000', BV_DATA_DIR: dir });
  const { app, services } = createApp({
    config: { ...config, secret: 'b'.repeat(40) }, db: data.database.db, mailer: new MemoryMailer(), clock: new ManualClock(`${TODAY}T12:00:00Z`), databaseFile: file,
  });
  const { token } = await services.sessions.open(data.managerId, 'bench');
  const headers = { Cookie: `bv_session=${token}` };
  const url = `/api/v1/associations/${largest.id}/statistics`;
  const get = async (query = '') => {
    const res = await app.request(`${url}${query}`, { headers });
    if (res.status !== 200) throw new Error(`statistics: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { totals: { declarations: number } };
    if (body.totals.declarations <= 0) throw new Error('statistics: nothing counted');
  };
  const total = await samples(RUNS, 200, () => get());
  const year = await samples(RUNS, 200, () => get('?year=2025'));
  // A change to fold in before each read: one of the association's validated declarations edited.
  const ids = (data.database.sqlite.prepare(`SELECT id FROM declarations WHERE association_id = ? AND status = 'validated' LIMIT 1000`).all(largest.id) as { id: string }[]).map((r) => r.id);
  const touch = data.database.sqlite.prepare('UPDATE declarations SET distance_hundredths = distance_hundredths + 1 WHERE id = ?');
  const afterWrite = await samples(RUNS, 200, async (i) => {
    touch.run(ids[i % ids.length]);
    await get();
  });
  // Recomputing the same tables from the declarations on every request.
  const naiveQueries = ['d.category_id', 'd.level_id', 'd.project_id', "substr(d.date, 1, 7)", "'all'"].map((key) =>
    data.database.sqlite.prepare(`
      SELECT ${key} AS k, COUNT(*) AS entries, SUM(COALESCE(v.validated_minutes, d.duration_minutes)) AS minutes, SUM(d.distance_hundredths) AS distance,
             COUNT(DISTINCT COALESCE(d.author_account_id, d.author_anonymous_id)) AS members
      FROM declarations d LEFT JOIN validations v ON v.id = d.validation_id
      WHERE d.association_id = ? AND d.status = 'validated' GROUP BY k`),
  );
  const naive = await samples(declarations > 100_000 ? 10 : 100, 2, async () => {
    for (const q of naiveQueries) q.all(largest.id);
  });
  // A backlog: 10,000 declarations changed since the last read, folded in by the next one.
  const backlog = Math.min(10_000, Math.floor(declarations / 2));
  data.database.sqlite.prepare(`UPDATE declarations SET distance_hundredths = distance_hundredths + 1 WHERE rowid IN (SELECT rowid FROM declarations ORDER BY rowid DESC LIMIT ?)`).run(backlog);
  const foldStarted = performance.now();
  await get();
  const fold = performance.now() - foldStarted;
  console.log(`  statistics, Total           ${fmt(total)}   (${RUNS} requests)`);
  console.log(`  statistics, one year        ${fmt(year)}`);
  console.log(`  after a write to fold in    ${fmt(afterWrite)}`);
  console.log(`  recomputed from the rows    ${fmt(naive)}   (SQL only, the baseline totals avoid)`);
  console.log(`  first read after ${backlog.toLocaleString('en')} declarations changed: ${fold.toFixed(0)} ms (${Math.round(backlog / (fold / 1000)).toLocaleString('en')} folded per second)`);
  await data.database.close();
  return { total, year, afterWrite, naive, largest: largest.declarations };
}

export async function statisticsBench(dir: string): Promise<void> {
  const small = await measure(dir, 10_000);
  const big = await measure(dir, 1_000_000);
  const ratio = (k: 'total' | 'year' | 'afterWrite' | 'naive') => (percentile(big[k], 95) / percentile(small[k], 95)).toFixed(2);
  console.log(
    `ratio p95 at 1,000,000 / p95 at 10,000 (largest association ${small.largest.toLocaleString('en')} → ${big.largest.toLocaleString('en')} declarations): ` +
      `Total ${ratio('total')}×, one year ${ratio('year')}×, after a write ${ratio('afterWrite')}× (requirement ≤ 2×); recomputing instead: ${ratio('naive')}×`,
  );
}
