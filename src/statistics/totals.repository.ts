/**
 * The statistics totals (migration 2026-11-27T1400): bringing them up to date with the
 * declarations marked by the triggers, and rebuilding them from scratch.
 *
 * A declaration counts when it is validated (spec §A6), for the minutes of its current
 * validation (a manager may validate less than declared) and its whole distance. It
 * counts in its date's year and month, in its category, level (or none) and project (or
 * none), and for its author as a distinct member (an account or an anonymous member;
 * « nobody » is no member). The ledger remembers what each declaration added, so a
 * change subtracts exactly that before adding the new contribution.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { Dimension } from './statistics.table.ts';

type Trx = Transaction<Database>;

export interface Contribution {
  association_id: string;
  date: string;
  category_id: string;
  level_id: string | null;
  project_id: string | null;
  member_key: string | null;
  minutes: number;
  distance_hundredths: number;
}

interface Cell {
  period: number;
  dimension: Dimension;
  dimension_id: string;
}

/** Marked declarations folded in per transaction: short transactions, others interleave. */
const CHUNK = 500;
/** Rows per multi-row INSERT (SQLite allows 32,766 parameters). */
const SLICE = 1000;

/** The cells a contribution counts in: « Total » and its year, × all, category, level, project. */
export function cellsOf(c: Contribution): Cell[] {
  const dimensions: [Dimension, string][] = [
    ['all', ''],
    ['category', c.category_id],
    ['level', c.level_id ?? ''],
    ['project', c.project_id ?? ''],
  ];
  return [0, Number(c.date.slice(0, 4))].flatMap((period) => dimensions.map(([dimension, dimension_id]) => ({ period, dimension, dimension_id })));
}

const sameContribution = (a: Contribution, b: Contribution): boolean =>
  a.association_id === b.association_id &&
  a.date === b.date &&
  a.category_id === b.category_id &&
  a.level_id === b.level_id &&
  a.project_id === b.project_id &&
  a.member_key === b.member_key &&
  a.minutes === b.minutes &&
  a.distance_hundredths === b.distance_hundredths;

function slices<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += SLICE) out.push(rows.slice(i, i + SLICE));
  return out;
}

/** The current contribution of some declarations (validated ones only). */
async function currentContributions(trx: Trx, ids: string[]): Promise<Map<string, Contribution>> {
  const rows = await trx
    .selectFrom('declarations as d')
    .leftJoin('validations as v', 'v.id', 'd.validation_id')
    .select([
      'd.id',
      'd.association_id',
      'd.date',
      'd.category_id',
      'd.level_id',
      'd.project_id',
      'd.author_type',
      'd.author_account_id',
      'd.author_anonymous_id',
      'd.duration_minutes',
      'd.distance_hundredths',
      'v.validated_minutes',
    ])
    .where('d.id', 'in', ids)
    .where('d.status', '=', 'validated')
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        association_id: r.association_id,
        date: r.date,
        category_id: r.category_id,
        level_id: r.level_id,
        project_id: r.project_id,
        member_key: memberKey(r.author_type, r.author_account_id, r.author_anonymous_id),
        // A validated declaration always has its validation; should one be missing, the
        // declared duration is what was accepted.
        minutes: r.validated_minutes ?? r.duration_minutes,
        distance_hundredths: r.distance_hundredths,
      },
    ]),
  );
}

/** Who counts as a distinct member: an account or an anonymous member, never « nobody ». */
export function memberKey(type: string, accountId: string | null, anonymousId: string | null): string | null {
  if (type === 'account' && accountId) return `a:${accountId}`;
  if (type === 'anonymous' && anonymousId) return `n:${anonymousId}`;
  return null;
}

interface Sums {
  association_id: string;
  entries: number;
  minutes: number;
  distance_hundredths: number;
  members: number;
}

/** Accumulated changes of one chunk, written at the end in a few statements. */
class Delta {
  readonly totals = new Map<string, Sums & Cell>();
  readonly months = new Map<string, Omit<Sums, 'members'> & { month: string }>();
  /** association → member → cell key → change of the member's entries in the cell. */
  readonly members = new Map<string, Map<string, Map<string, number>>>();

  add(c: Contribution, sign: 1 | -1): void {
    for (const cell of cellsOf(c)) {
      const key = `${c.association_id}|${cell.period}|${cell.dimension}|${cell.dimension_id}`;
      const t = this.totals.get(key) ?? { association_id: c.association_id, ...cell, entries: 0, minutes: 0, distance_hundredths: 0, members: 0 };
      t.entries += sign;
      t.minutes += sign * c.minutes;
      t.distance_hundredths += sign * c.distance_hundredths;
      this.totals.set(key, t);
      if (c.member_key) {
        const byMember = this.members.get(c.association_id) ?? new Map<string, Map<string, number>>();
        const byCell = byMember.get(c.member_key) ?? new Map<string, number>();
        const cellKey = `${cell.period}|${cell.dimension}|${cell.dimension_id}`;
        byCell.set(cellKey, (byCell.get(cellKey) ?? 0) + sign);
        byMember.set(c.member_key, byCell);
        this.members.set(c.association_id, byMember);
      }
    }
    const month = c.date.slice(0, 7);
    const key = `${c.association_id}|${month}`;
    const m = this.months.get(key) ?? { association_id: c.association_id, month, entries: 0, minutes: 0, distance_hundredths: 0 };
    m.entries += sign;
    m.minutes += sign * c.minutes;
    m.distance_hundredths += sign * c.distance_hundredths;
    this.months.set(key, m);
  }
}

/** Applies the members' changes; a member entering or leaving a cell changes its distinct count. */
async function applyMembers(trx: Trx, delta: Delta): Promise<void> {
  for (const [associationId, byMember] of delta.members) {
    // Most edits move no member in or out of a cell (same author, category, year…): their
    // changes net to zero and need no reading at all.
    for (const [member, byCell] of byMember) {
      for (const [cellKey, change] of byCell) if (change === 0) byCell.delete(cellKey);
      if (byCell.size === 0) byMember.delete(member);
    }
    if (byMember.size === 0) continue;
    const keys = [...byMember.keys()];
    const periods = [...new Set([...byMember.values()].flatMap((byCell) => [...byCell.keys()].map((k) => Number(k.split('|')[0]))))];
    const current = new Map<string, number>();
    for (const part of slices(keys)) {
      const rows = await trx
        .selectFrom('statistics_members')
        .select(['member_key', 'period', 'dimension', 'dimension_id', 'entries'])
        .where('association_id', '=', associationId)
        .where('member_key', 'in', part)
        .where('period', 'in', periods)
        .execute();
      for (const r of rows) current.set(`${r.member_key}|${r.period}|${r.dimension}|${r.dimension_id}`, r.entries);
    }
    const upserts: Database['statistics_members'][] = [];
    for (const [member, byCell] of byMember) {
      for (const [cellKey, change] of byCell) {
        const [period, dimension, dimension_id] = cellKey.split('|') as [string, Dimension, string];
        const before = current.get(`${member}|${cellKey}`) ?? 0;
        const after = before + change;
        const totalsKey = `${associationId}|${cellKey}`;
        const t = delta.totals.get(totalsKey);
        if (!t) throw new Error(`statistics: member change without totals change (${totalsKey})`);
        if (before === 0 && after > 0) t.members += 1;
        if (before > 0 && after === 0) t.members -= 1;
        if (after === 0) {
          await trx
            .deleteFrom('statistics_members')
            .where('association_id', '=', associationId)
            .where('member_key', '=', member)
            .where('period', '=', Number(period))
            .where('dimension', '=', dimension)
            .where('dimension_id', '=', dimension_id)
            .execute();
        } else {
          upserts.push({ association_id: associationId, member_key: member, period: Number(period), dimension, dimension_id, entries: after });
        }
      }
    }
    for (const part of slices(upserts)) {
      await trx
        .insertInto('statistics_members')
        .values(part)
        .onConflict((oc) => oc.columns(['association_id', 'member_key', 'period', 'dimension', 'dimension_id']).doUpdateSet((eb) => ({ entries: eb.ref('excluded.entries') })))
        .execute();
    }
  }
}

async function applyTotals(trx: Trx, delta: Delta): Promise<void> {
  const totals = [...delta.totals.values()].filter((t) => t.entries !== 0 || t.minutes !== 0 || t.distance_hundredths !== 0 || t.members !== 0);
  for (const part of slices(totals)) {
    const emptied = await trx
      .insertInto('statistics_totals')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['association_id', 'period', 'dimension', 'dimension_id']).doUpdateSet((eb) => ({
          entries: eb('statistics_totals.entries', '+', eb.ref('excluded.entries')),
          minutes: eb('statistics_totals.minutes', '+', eb.ref('excluded.minutes')),
          distance_hundredths: eb('statistics_totals.distance_hundredths', '+', eb.ref('excluded.distance_hundredths')),
          members: eb('statistics_totals.members', '+', eb.ref('excluded.members')),
        })),
      )
      .returning(['association_id', 'period', 'dimension', 'dimension_id', 'entries'])
      .execute();
    // A cell without entries is empty: dropped rather than kept at zero.
    for (const e of emptied.filter((r) => r.entries === 0)) {
      await trx
        .deleteFrom('statistics_totals')
        .where('association_id', '=', e.association_id)
        .where('period', '=', e.period)
        .where('dimension', '=', e.dimension)
        .where('dimension_id', '=', e.dimension_id)
        .execute();
    }
  }
  const months = [...delta.months.values()].filter((m) => m.entries !== 0 || m.minutes !== 0 || m.distance_hundredths !== 0);
  for (const part of slices(months)) {
    const emptied = await trx
      .insertInto('statistics_months')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['association_id', 'month']).doUpdateSet((eb) => ({
          entries: eb('statistics_months.entries', '+', eb.ref('excluded.entries')),
          minutes: eb('statistics_months.minutes', '+', eb.ref('excluded.minutes')),
          distance_hundredths: eb('statistics_months.distance_hundredths', '+', eb.ref('excluded.distance_hundredths')),
        })),
      )
      .returning(['association_id', 'month', 'entries'])
      .execute();
    for (const e of emptied.filter((r) => r.entries === 0)) {
      await trx.deleteFrom('statistics_months').where('association_id', '=', e.association_id).where('month', '=', e.month).execute();
    }
  }
}

/** Folds one chunk of marked declarations into the totals; returns how many were unmarked. */
async function foldChunk(trx: Trx): Promise<number> {
  const ids = (await trx.selectFrom('statistics_dirty').select('declaration_id').limit(CHUNK).execute()).map((r) => r.declaration_id);
  if (ids.length === 0) return 0;
  const now = await currentContributions(trx, ids);
  const ledger = await trx.selectFrom('statistics_ledger').selectAll().where('declaration_id', 'in', ids).execute();
  const before = new Map(ledger.map(({ declaration_id, ...c }) => [declaration_id, c]));
  const delta = new Delta();
  const gone: string[] = [];
  const counted: Database['statistics_ledger'][] = [];
  for (const id of ids) {
    const old = before.get(id);
    const current = now.get(id);
    if (old && current && sameContribution(old, current)) continue;
    if (old) delta.add(old, -1);
    if (current) {
      delta.add(current, 1);
      counted.push({ declaration_id: id, ...current });
    } else if (old) gone.push(id);
  }
  await applyMembers(trx, delta);
  await applyTotals(trx, delta);
  for (const part of slices(gone)) await trx.deleteFrom('statistics_ledger').where('declaration_id', 'in', part).execute();
  for (const part of slices(counted)) {
    await trx
      .insertInto('statistics_ledger')
      .values(part)
      .onConflict((oc) =>
        oc.column('declaration_id').doUpdateSet((eb) => ({
          association_id: eb.ref('excluded.association_id'),
          date: eb.ref('excluded.date'),
          category_id: eb.ref('excluded.category_id'),
          level_id: eb.ref('excluded.level_id'),
          project_id: eb.ref('excluded.project_id'),
          member_key: eb.ref('excluded.member_key'),
          minutes: eb.ref('excluded.minutes'),
          distance_hundredths: eb.ref('excluded.distance_hundredths'),
        })),
      )
      .execute();
  }
  await trx.deleteFrom('statistics_dirty').where('declaration_id', 'in', ids).execute();
  return ids.length;
}

export function totalsRepository(db: Db) {
  return {
    /**
     * Brings the totals up to date with every declaration written since the last call,
     * in short transactions (others' requests run between them). Returns how many
     * declarations were looked at.
     */
    async catchUp(): Promise<number> {
      let done = 0;
      for (;;) {
        const pending = await db.selectFrom('statistics_dirty').select('declaration_id').limit(1).executeTakeFirst();
        if (!pending) return done;
        done += await db.transaction().execute(foldChunk);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },

    /**
     * Recomputes every total from the declarations in one set-based pass (after a bulk
     * load, or to repair): what the incremental path must always equal.
     */
    async rebuild(): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (const table of ['statistics_dirty', 'statistics_ledger', 'statistics_totals', 'statistics_members', 'statistics_months'] as const) {
          await trx.deleteFrom(table).execute();
        }
        await sql`
          INSERT INTO statistics_ledger (declaration_id, association_id, date, category_id, level_id, project_id, member_key, minutes, distance_hundredths)
          SELECT d.id, d.association_id, d.date, d.category_id, d.level_id, d.project_id,
                 CASE WHEN d.author_type = 'account' AND d.author_account_id IS NOT NULL THEN 'a:' || d.author_account_id
                      WHEN d.author_type = 'anonymous' AND d.author_anonymous_id IS NOT NULL THEN 'n:' || d.author_anonymous_id END,
                 COALESCE(v.validated_minutes, d.duration_minutes), d.distance_hundredths
          FROM declarations d LEFT JOIN validations v ON v.id = d.validation_id
          WHERE d.status = 'validated'`.execute(trx);
        // One grouping of every (cell, member) pair, in statistics_members' key order (its rows
        // then go in sequentially); totals and members both come from it.
        await sql`DROP TABLE IF EXISTS temp.statistics_rebuild`.execute(trx);
        await sql`
          CREATE TEMP TABLE statistics_rebuild AS
          SELECT association_id, period, dimension, dimension_id, member_key,
                 COUNT(*) AS entries, SUM(minutes) AS minutes, SUM(distance_hundredths) AS distance_hundredths
          FROM (
            SELECT l.association_id, l.member_key, l.minutes, l.distance_hundredths,
                   CASE p.period WHEN 0 THEN 0 ELSE CAST(substr(l.date, 1, 4) AS INTEGER) END AS period,
                   x.dimension,
                   CASE x.dimension WHEN 'all' THEN '' WHEN 'category' THEN l.category_id
                                    WHEN 'level' THEN COALESCE(l.level_id, '') ELSE COALESCE(l.project_id, '') END AS dimension_id
            FROM statistics_ledger l
            CROSS JOIN (SELECT 0 AS period UNION ALL SELECT 1) p
            CROSS JOIN (SELECT 'all' AS dimension UNION ALL SELECT 'category' UNION ALL SELECT 'level' UNION ALL SELECT 'project') x
          )
          GROUP BY association_id, member_key, period, dimension, dimension_id`.execute(trx);
        await sql`
          INSERT INTO statistics_totals (association_id, period, dimension, dimension_id, entries, minutes, distance_hundredths, members)
          SELECT association_id, period, dimension, dimension_id, SUM(entries), SUM(minutes), SUM(distance_hundredths), COUNT(member_key)
          FROM temp.statistics_rebuild GROUP BY association_id, period, dimension, dimension_id`.execute(trx);
        await sql`
          INSERT INTO statistics_members (association_id, member_key, period, dimension, dimension_id, entries)
          SELECT association_id, member_key, period, dimension, dimension_id, entries
          FROM temp.statistics_rebuild WHERE member_key IS NOT NULL`.execute(trx);
        await sql`DROP TABLE temp.statistics_rebuild`.execute(trx);
        await sql`
          INSERT INTO statistics_months (association_id, month, entries, minutes, distance_hundredths)
          SELECT association_id, substr(date, 1, 7), COUNT(*), SUM(minutes), SUM(distance_hundredths)
          FROM statistics_ledger GROUP BY association_id, substr(date, 1, 7)`.execute(trx);
      });
    },
  };
}

export type TotalsRepository = ReturnType<typeof totalsRepository>;
