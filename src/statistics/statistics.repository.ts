/** Reads of the statistics totals (kept up to date by totals.repository.ts). */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Dimension } from './statistics.table.ts';

export interface CellRow {
  dimension: Dimension;
  dimension_id: string;
  entries: number;
  minutes: number;
  distance_hundredths: number;
  members: number;
}

export interface NamedRow {
  id: string;
  name: string;
}

export function statisticsRepository(db: Db) {
  return {
    /** The years with counted declarations, oldest first. */
    async years(associationId: string): Promise<number[]> {
      const rows = await db
        .selectFrom('statistics_totals')
        .select('period')
        .where('association_id', '=', associationId)
        .where('dimension', '=', 'all')
        .where('period', '>', 0)
        .orderBy('period')
        .execute();
      return rows.map((r) => r.period);
    },

    /** Every non-empty cell of one period (0 = all years). */
    cells(associationId: string, period: number): Promise<CellRow[]> {
      return db
        .selectFrom('statistics_totals')
        .select(['dimension', 'dimension_id', 'entries', 'minutes', 'distance_hundredths', 'members'])
        .where('association_id', '=', associationId)
        .where('period', '=', period)
        .execute();
    },

    /** Minutes per month (YYYY-MM), of one year or of all. */
    months(associationId: string, year: number | null): Promise<{ month: string; minutes: number }[]> {
      let q = db.selectFrom('statistics_months').select(['month', 'minutes']).where('association_id', '=', associationId);
      if (year !== null) q = q.where('month', '>=', `${year}-01`).where('month', '<=', `${year}-12`);
      return q.orderBy('month').execute();
    },

    categories(associationId: string): Promise<(NamedRow & { reference_code: string })[]> {
      return db.selectFrom('categories').select(['id', 'name', 'reference_code']).where('association_id', '=', associationId).orderBy('position').orderBy('name_key').execute();
    },

    levels(associationId: string): Promise<NamedRow[]> {
      return db.selectFrom('levels').select(['id', 'name']).where('association_id', '=', associationId).orderBy('position').orderBy('name_key').execute();
    },

    projects(associationId: string): Promise<NamedRow[]> {
      return db.selectFrom('projects').select(['id', 'name']).where('association_id', '=', associationId).orderBy('position').orderBy('name_key').execute();
    },

    // Instance-wide figures (spec §A6, admin) ------------------------------------------

    async instanceCounts(): Promise<{ activeAssociations: number; activeAccounts: number; firstDeclarationDate: string | null }> {
      const associations = await db.selectFrom('associations').select((eb) => eb.fn.countAll<number>().as('n')).where('is_active', '=', 1).executeTakeFirst();
      const accounts = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirst();
      const first = await db.selectFrom('statistics_ledger').select('date').orderBy('date').limit(1).executeTakeFirst();
      return { activeAssociations: Number(associations?.n ?? 0), activeAccounts: Number(accounts?.n ?? 0), firstDeclarationDate: first?.date ?? null };
    },

    /** Active associations per activity field code (null: none chosen). */
    associationsPerField(): Promise<{ code: string | null; n: number }[]> {
      return db
        .selectFrom('associations')
        .select((eb) => ['activity_field_code as code', eb.fn.countAll<number>().as('n')])
        .where('is_active', '=', 1)
        .groupBy('activity_field_code')
        .execute();
    },

    fields(): Promise<{ code: string; group_code: string; name_fr: string }[]> {
      return db.selectFrom('activity_fields').select(['code', 'group_code', 'name_fr']).orderBy('position').execute();
    },

    groups(): Promise<{ code: string; name_fr: string; name_en: string }[]> {
      return db.selectFrom('activity_groups').select(['code', 'name_fr', 'name_en']).orderBy('position').execute();
    },

    defaultCategories(): Promise<{ id: string; name: string; reference_code: string }[]> {
      return db.selectFrom('default_categories').select(['id', 'name', 'reference_code']).orderBy('position').execute();
    },

    /**
     * Per instance default category (through each association category's link, spec
     * §A5): entries, minutes, distance, associations with entries, and distinct members
     * across associations (a person counts once even when in several associations).
     */
    async perDefaultCategory(): Promise<
      { default_category_id: string | null; entries: number; minutes: number; distance_hundredths: number; associations: number; members: number }[]
    > {
      const sums = await sql<{ default_category_id: string | null; entries: number; minutes: number; distance_hundredths: number; associations: number }>`
        SELECT c.default_category_id, SUM(t.entries) AS entries, SUM(t.minutes) AS minutes,
               SUM(t.distance_hundredths) AS distance_hundredths, COUNT(DISTINCT t.association_id) AS associations
        FROM statistics_totals t JOIN categories c ON c.id = t.dimension_id
        WHERE t.period = 0 AND t.dimension = 'category'
        GROUP BY c.default_category_id`.execute(db);
      const members = await sql<{ default_category_id: string | null; members: number }>`
        SELECT c.default_category_id, COUNT(DISTINCT m.member_key) AS members
        FROM statistics_members m JOIN categories c ON c.id = m.dimension_id
        WHERE m.period = 0 AND m.dimension = 'category'
        GROUP BY c.default_category_id`.execute(db);
      const membersOf = new Map(members.rows.map((r) => [r.default_category_id, Number(r.members)]));
      return sums.rows.map((r) => ({
        default_category_id: r.default_category_id,
        entries: Number(r.entries),
        minutes: Number(r.minutes),
        distance_hundredths: Number(r.distance_hundredths),
        associations: Number(r.associations),
        members: membersOf.get(r.default_category_id) ?? 0,
      }));
    },

    /** Instance totals: declarations, minutes, distance, associations with entries, distinct members. */
    async instanceTotals(): Promise<{ declarations: number; minutes: number; distance_hundredths: number; associations: number; members: number }> {
      const sums = await db
        .selectFrom('statistics_totals')
        .select((eb) => [
          eb.fn.coalesce(eb.fn.sum<number>('entries'), eb.lit(0)).as('declarations'),
          eb.fn.coalesce(eb.fn.sum<number>('minutes'), eb.lit(0)).as('minutes'),
          eb.fn.coalesce(eb.fn.sum<number>('distance_hundredths'), eb.lit(0)).as('distance_hundredths'),
          eb.fn.count<number>('association_id').as('associations'),
        ])
        .where('period', '=', 0)
        .where('dimension', '=', 'all')
        .executeTakeFirst();
      const members = await db
        .selectFrom('statistics_members')
        .select((eb) => eb.fn.count<number>('member_key').distinct().as('n'))
        .where('period', '=', 0)
        .where('dimension', '=', 'all')
        .executeTakeFirst();
      return {
        declarations: Number(sums?.declarations ?? 0),
        minutes: Number(sums?.minutes ?? 0),
        distance_hundredths: Number(sums?.distance_hundredths ?? 0),
        associations: Number(sums?.associations ?? 0),
        members: Number(members?.n ?? 0),
      };
    },
  };
}
