/**
 * Valuation (issue 8): the yearly summary of one association holding 50,000 validated,
 * valued declarations over a year, on a SQLite file, through app.request() as its manager
 * (session, permission, the summary's rows, sums, JSON / CSV / PDF), against a plain
 * `SELECT sum(valuation_cents), count(*)` over the same rows. Then what freezing the value
 * adds to a validation: 1,000 declarations validated one by one through the service, and
 * the bare validation writes (the `validations` insert and the declaration update) with
 * and without `freezeValuation` — the service has no switch to leave the freeze out.
 */
import path from 'node:path';
import os from 'node:os';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { Kysely, SqliteDialect } from 'kysely';
import { openDatabase, type DatabaseHandle, type Db } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { moderationService } from '../src/declarations/declaration-moderation.service.ts';
import { declarationRepository } from '../src/declarations/declaration.repository.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { newId } from '../src/lib/ids.ts';
import { MemoryMailer } from '../src/mail/mailer.ts';
import type { Asker } from '../src/memberships/access.ts';
import { freezeValuation } from '../src/valuation/valuation.freeze.ts';
import { valuationRepository } from '../src/valuation/valuation.repository.ts';
import { valuate, type RateInForce } from '../src/valuation/valuation.rules.ts';
import { PdfDoc } from '../src/pdf/pdf-kit.ts';
import { orderedIds, percentile, prng, samples } from './lib.ts';

const YEAR = 2025;
const VALIDATED = 50_000;
const PENDING_EACH = 1_000;
const WARMUP = 50; // validations of each kind before measuring
const NOW = '2026-11-27T12:00:00.000Z';
/** The association's rates over the year: the SMIC, then the SMIC with employer charges from July. */
const RATES: { from: string; rate: RateInForce }[] = [
  { from: `${YEAR}-01-01`, rate: { method: 'smic', coefficientThousandths: null, rateCents: null, items: new Map() } },
  { from: `${YEAR}-07-01`, rate: { method: 'smic_charged', coefficientThousandths: 1450, rateCents: null, items: new Map() } },
];
const SMIC_CENTS = 1188; // metropole, from 2024-11-01 (seeded by the migration)

const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(2).padStart(8)} ms   p95 ${percentile(xs, 95).toFixed(2).padStart(8)} ms`;
/** What every PDF of the kit costs whatever it holds: DejaVu Sans and Bold embedded and subset, one line. */
async function onePdfLine(): Promise<Uint8Array> {
  const doc = await PdfDoc.create({ title: 'Bench', lang: 'fr-FR', createdAt: new Date(NOW) });
  doc.paragraph('1 234,56 €');
  return doc.save();
}
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

interface Data {
  database: DatabaseHandle;
  associationId: string;
  managerId: string;
  /** Three sets of pending declarations dated in YEAR + 1 (outside the summary's year). */
  pending: [string[], string[], string[]];
}

/** One association, 300 members, 50,000 validated and valued declarations in YEAR; direct inserts in one transaction. */
async function build(file: string): Promise<Data> {
  const database = openDatabase(file);
  await migrateToLatest(database.db);
  const sqlite = database.sqlite;
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF'); // consistent by construction
  const random = prng(8);
  const id = orderedIds();
  const nowMs = Date.parse(NOW);
  const pickIn = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const run = (sql: string, ...args: unknown[]) => sqlite.prepare(sql).run(...args);
  const categories = sqlite.prepare('SELECT id, name, name_key, reference_code, position FROM default_categories ORDER BY position').all() as { id: string; name: string; name_key: string; reference_code: string; position: number }[];
  const levels = sqlite.prepare('SELECT name, name_key, position FROM default_levels ORDER BY position').all() as { name: string; name_key: string; position: number }[];
  const roles = sqlite.prepare('SELECT * FROM default_roles ORDER BY position').all() as Record<string, string | number>[];
  const roleColumns = Object.keys(roles[0]!).filter((k) => k !== 'id');
  const associationId = id(nowMs);
  const managerId = id(nowMs);
  const account = sqlite.prepare(`INSERT INTO accounts (id, email, first_name, last_name, status, created_at, updated_at, activated_at, terms_accepted_at, age_confirmed_at)
    VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)`);
  const membership = sqlite.prepare(`INSERT INTO memberships (id, association_id, account_id, role_id, status, function, created_at, approved_at) VALUES (?, ?, ?, ?, 'active', 'none', ?, ?)`);
  const declaration = sqlite.prepare(`INSERT INTO declarations (id, association_id, author_type, author_account_id, category_id, project_id, level_id,
    title, description, date, duration_minutes, distance_hundredths, status, validation_id, created_at, updated_at)
    VALUES (?, ?, 'account', ?, ?, ?, ?, 'Permanence d’accueil', '', ?, ?, ?, ?, ?, ?, ?)`);
  const validation = sqlite.prepare(`INSERT INTO validations (id, declaration_id, validated_by_label, validated_at, validated_minutes, reason,
    valued_at, valuation_method, valuation_rate_cents, valuation_cents, valuation_reason) VALUES (?, ?, 'Validation automatique', ?, ?, NULL, ?, ?, ?, ?, ?)`);
  const pending: [string[], string[], string[]] = [[], [], []];

  sqlite.transaction(() => {
    run(`INSERT INTO associations (id, handle, name, name_key, search_key, description, activity_field_code, country, postal_code, has_employees, time_zone,
      is_hidden, moderate_membership, moderate_declarations, is_active, created_at, updated_at, approved_at, territory, rna_number, siren)
      VALUES (?, 'valorisation', 'Association valorisée', 'association valorisée', 'association valorisée', '', '2.1', 'FR', '69001', 'unknown', 'Europe/Paris',
      0, 0, 1, 1, ?, ?, ?, 'metropole', 'W691234567', '732829320')`, associationId, NOW, NOW, NOW);
    const cats = categories.map((d) => {
      const cid = id(nowMs);
      run('INSERT INTO categories (id, association_id, name, name_key, default_category_id, reference_code, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', cid, associationId, d.name, d.name_key, d.id, d.reference_code, d.position, NOW);
      return cid;
    });
    const levelIds = levels.map((d) => {
      const lid = id(nowMs);
      run('INSERT INTO levels (id, association_id, name, name_key, position, created_at) VALUES (?, ?, ?, ?, ?, ?)', lid, associationId, d.name, d.name_key, d.position, NOW);
      return lid;
    });
    const projects = [1, 2, 3, 4].map((p) => {
      const pid = id(nowMs);
      run('INSERT INTO projects (id, association_id, name, name_key, position, created_at) VALUES (?, ?, ?, ?, ?, ?)', pid, associationId, `Projet ${p}`, `projet ${p}`, p, NOW);
      return pid;
    });
    const roleIds: Record<string, string> = {};
    for (const r of roles) {
      const rid = id(nowMs);
      run(`INSERT INTO roles (id, association_id, created_at, ${roleColumns.join(', ')}) VALUES (?, ?, ?, ${roleColumns.map(() => '?').join(', ')})`, rid, associationId, NOW, ...roleColumns.map((k) => r[k]!));
      roleIds[String(r.name)] = rid;
    }
    account.run(managerId, 'valorisation@exemple.fr', 'Gestion', 'Bench', NOW, NOW, NOW, NOW, NOW);
    membership.run(id(nowMs), associationId, managerId, roleIds['Responsable']!, NOW, NOW);
    const members = Array.from({ length: 300 }, (_, v) => {
      const vid = id(nowMs);
      account.run(vid, `valorisation-${v}@exemple.fr`, 'Bénévole', String(v), NOW, NOW, NOW, NOW, NOW);
      membership.run(id(nowMs), associationId, vid, roleIds['Bénévole']!, NOW, NOW);
      return vid;
    });
    for (const r of RATES) {
      run(`INSERT INTO association_rates (id, association_id, effective_from, method, coefficient_thousandths, rate_cents, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)`,
        id(nowMs), associationId, r.from, r.rate.method, r.rate.coefficientThousandths, NOW, NOW);
    }
    const yearStart = Date.parse(`${YEAR}-01-01T00:00:00Z`);
    const add = (i: number, total: number, dayOffset: number, status: 'validated' | 'pending'): string => {
      const dayMs = yearStart + (dayOffset + Math.floor((i * 365) / total)) * 86_400_000;
      const date = new Date(dayMs).toISOString().slice(0, 10);
      const at = new Date(dayMs + 18 * 3_600_000).toISOString();
      const did = id(dayMs);
      const minutes = 30 + 15 * Math.floor(random() * 31);
      const categoryId = pickIn(cats);
      const levelId = random() < 0.5 ? pickIn(levelIds) : null;
      const vid = status === 'validated' ? id(dayMs) : null;
      declaration.run(did, associationId, pickIn(members), categoryId, random() < 0.6 ? pickIn(projects) : null, levelId, date, minutes,
        random() < 0.7 ? 0 : 1 + Math.floor(random() * 5000), status, vid, at, at);
      if (vid) {
        const rate = [...RATES].reverse().find((r) => r.from <= date)!.rate;
        const frozen = valuate({ minutes, levelId, categoryId, rate, smicCents: SMIC_CENTS });
        validation.run(vid, did, at, minutes, at, frozen.method, frozen.rateCents, frozen.cents, frozen.reason);
      }
      return did;
    };
    for (let i = 0; i < VALIDATED; i++) add(i, VALIDATED, 0, 'validated');
    // Pending ones in the next year, so validating them leaves the measured summary as it was.
    for (const set of pending) for (let i = 0; i < WARMUP + PENDING_EACH; i++) set.push(add(i, WARMUP + PENDING_EACH, 365, 'pending'));
  })();
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return { database, associationId, managerId, pending };
}

export async function valuationBench(dir: string): Promise<void> {
  const file = path.join(dir, 'valuation.sqlite');
  const started = performance.now();
  const data = await build(file);
  const { database, associationId, managerId } = data;
  console.log(`${VALIDATED.toLocaleString('en')} validated, valued declarations in ${YEAR} (one association, 300 members, SMIC then SMIC × 1,45 from July) + ${3 * (WARMUP + PENDING_EACH)} pending, built in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const clock = new ManualClock(NOW);
  const config = loadConfig({ BV_ENV: 'test', BV_ORIGIN: 'http://localhost:3000', BV_DATA_DIR: dir });
  const { app, services } = createApp({ config: { ...config, secret: 'b'.repeat(40) }, db: database.db, mailer: new MemoryMailer(), clock, databaseFile: file });
  const { token } = await services.sessions.open(managerId, 'bench');
  const headers = { Cookie: `bv_session=${token}` };
  const base = `/api/v1/associations/${associationId}/valuation/summary`;
  const fetchOk = async (url: string, type: string) => {
    const res = await app.request(url, { headers });
    if (res.status !== 200 || !res.headers.get('Content-Type')?.startsWith(type)) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res;
  };

  // Baseline: the two numbers the summary adds up, in one statement.
  const sumQuery = database.sqlite.prepare(`SELECT sum(v.valuation_cents) AS cents, count(*) AS n FROM declarations d JOIN validations v ON v.id = d.validation_id
    WHERE d.association_id = ? AND d.status = 'validated' AND d.date BETWEEN ? AND ?`);
  const expected = sumQuery.get(associationId, `${YEAR}-01-01`, `${YEAR}-12-31`) as { cents: number; n: number };
  if (expected.n !== VALIDATED) throw new Error(`expected ${VALIDATED} validated declarations, found ${expected.n}`);
  const page = (await (await fetchOk(`${base}?year=${YEAR}`, 'application/json')).json()) as { totals: { cents: number; count: number } };
  if (page.totals.cents !== expected.cents || page.totals.count !== expected.n) throw new Error(`summary ${JSON.stringify(page.totals)} ≠ SQL ${JSON.stringify(expected)}`);
  const csvBytes = (await (await fetchOk(`${base}/export?year=${YEAR}&format=csv`, 'text/csv')).arrayBuffer()).byteLength;
  const pdfBytes = (await (await fetchOk(`${base}/export?year=${YEAR}&format=pdf`, 'application/pdf')).arrayBuffer()).byteLength;

  const year = [`${YEAR}-01-01`, `${YEAR}-12-31`] as const;
  // The repository's own query, caught once, to tell the SQL's cost from the driver's.
  let rowsQuery: { sql: string; parameters: readonly unknown[] } | undefined;
  const catching: Db = new Kysely<Database>({ dialect: new SqliteDialect({ database: database.sqlite }), log: (e) => void (rowsQuery = e.query) });
  await valuationRepository(catching).summaryRows(associationId, ...year);
  if (!rowsQuery) throw new Error('the summary query was not caught');
  const rowsSql = database.sqlite.prepare(rowsQuery.sql);
  const rowsParameters = rowsQuery.parameters;
  const measures: [string, number, () => Promise<unknown>][] = [
    ['baseline: SELECT sum(valuation_cents), count(*)', 4, async () => sumQuery.get(associationId, ...year)],
    ['the summary\'s rows, same SQL on better-sqlite3 directly', 1, async () => rowsSql.all(...rowsParameters)],
    ['the summary\'s 50,000 rows alone (repository, Kysely)', 1, () => valuationRepository(database.db).summaryRows(associationId, ...year)],
    ['summary, page data (JSON)', 1, async () => (await fetchOk(`${base}?year=${YEAR}`, 'application/json')).arrayBuffer()],
    [`summary, CSV (${csvBytes.toLocaleString('en')} bytes)`, 1, async () => (await fetchOk(`${base}/export?year=${YEAR}&format=csv`, 'text/csv')).arrayBuffer()],
    [`summary, PDF (${pdfBytes.toLocaleString('en')} bytes)`, 1, async () => (await fetchOk(`${base}/export?year=${YEAR}&format=pdf`, 'application/pdf')).arrayBuffer()],
    ['for scale: a one-line PDF from the same kit', 1, onePdfLine],
  ];
  // Interleaved rounds, so a change of load on the shared machine hits every measure alike.
  const times = measures.map(() => [] as number[]);
  for (const [, , fn] of measures) for (let i = 0; i < 3; i++) await fn(); // warm-up
  for (let round = 0; round < 25; round++) {
    for (const [k, [, n, fn]] of measures.entries()) times[k]!.push(...(await samples(n, 0, fn)));
  }
  const baseline = times[0]!;
  console.log(`Yearly summary of ${YEAR} (${(expected.cents / 100).toLocaleString('fr-FR')} €), through app.request() as the manager, 25 runs each (100 for the baseline) — load ${load()}`);
  for (const [k, [label]] of measures.entries()) {
    const xs = times[k]!;
    console.log(`  ${label.padEnd(54)} ${fmt(xs)}${k === 0 ? '' : `   ${(percentile(xs, 50) / percentile(baseline, 50)).toFixed(1)}× the baseline (p50)`}`);
  }
  console.log('');

  await freezeBench(data, clock);
  await database.close();
}

/** What freezing adds to a validation: the service's validations, then the bare writes without and with the freeze. */
async function freezeBench(data: Data, clock: ManualClock): Promise<void> {
  const { database, associationId, managerId, pending } = data;
  const db = database.db;
  const asker: Asker = { viewer: { kind: 'account', accountId: managerId, isAdmin: false }, actor: { accountId: managerId, label: 'Gestion Bench' } };
  const moderation = moderationService({ db, clock, origin: 'http://localhost:3000', settings: { get: async () => ({ name: 'Bénévalibre' }) } });
  const at = () => clock.now().toISOString();
  const bare = async (declarationId: string, freeze: boolean) =>
    inTransaction(db, async (trx) => {
      const repo = declarationRepository(trx);
      const vid = newId(); // as the service makes them
      await repo.insertValidation({
        id: vid, declaration_id: declarationId, validated_by: managerId, validated_by_label: 'Gestion Bench', validated_at: at(),
        validated_minutes: 60, reason: null, imported: 0, superseded_at: null,
      });
      await repo.update(declarationId, { status: 'validated', validation_id: vid, updated_at: at() });
      if (freeze) await freezeValuation(trx, vid, at());
    });
  const [viaService, withoutFreeze, withFreeze] = pending;
  for (let i = 0; i < WARMUP; i++) {
    await moderation.validate(asker, viaService[i]!, {});
    await bare(withoutFreeze[i]!, false);
    await bare(withFreeze[i]!, true);
  }
  // Interleaved in rounds of 100, so a change of load on the shared machine hits all three alike.
  const times: [number[], number[], number[]] = [[], [], []];
  for (let round = 0; round < PENDING_EACH / 100; round++) {
    const slice = (ids: string[]) => ids.slice(WARMUP + round * 100, WARMUP + (round + 1) * 100);
    times[0].push(...(await samples(100, 0, (i) => moderation.validate(asker, slice(viaService)[i]!, {}))));
    times[1].push(...(await samples(100, 0, (i) => bare(slice(withoutFreeze)[i]!, false))));
    times[2].push(...(await samples(100, 0, (i) => bare(slice(withFreeze)[i]!, true))));
  }
  const valued = database.sqlite.prepare(`SELECT count(*) AS n FROM declarations d JOIN validations v ON v.id = d.validation_id
    WHERE d.association_id = ? AND d.id IN (${viaService.map(() => '?').join(',')}) AND v.valuation_cents IS NOT NULL`).get(associationId, ...viaService) as { n: number };
  if (valued.n !== WARMUP + PENDING_EACH) throw new Error(`only ${valued.n} of the service's validations were valued`);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [service, without, withF] = times.map(mean) as [number, number, number];
  console.log(`Freezing the value on validation, ${PENDING_EACH.toLocaleString('en')} declarations one by one, each its own transaction — load ${load()}`);
  console.log(`  ${'baseline: bare validations insert + update'.padEnd(54)} ${fmt(times[1])}   mean ${without.toFixed(2)} ms`);
  console.log(`  ${'the same + freezeValuation'.padEnd(54)} ${fmt(times[2])}   mean ${withF.toFixed(2)} ms   ${(withF / without).toFixed(1)}× the baseline (mean)`);
  console.log(`  ${'through the service (moderation validate, with freeze)'.padEnd(54)} ${fmt(times[0])}   mean ${service.toFixed(2)} ms   ${(service / without).toFixed(1)}× the baseline (mean)`);
  console.log(`  the freeze costs ${(withF - without).toFixed(2)} ms a validation, ${((100 * (withF - without)) / service).toFixed(0)} % of a validation through the service`);
}
