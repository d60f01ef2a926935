/** SQL of valuation (spec §B2): SMIC table, association rates, frozen values, the summary's rows. Kysely only, no rules. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AssociationRatesTable, SmicRatesTable, Territory } from './valuation.table.ts';

export type SmicRow = Selectable<SmicRatesTable>;
export type RateRow = Selectable<AssociationRatesTable>;
export interface RateWithItems extends RateRow {
  items: { target_id: string; rate_cents: number }[];
}

/** What freezing a validation needs to know. */
export interface FreezeContext {
  validation_id: string;
  validated_minutes: number;
  date: string;
  level_id: string | null;
  category_id: string;
  association_id: string;
  territory: Territory;
}

/** A validated declaration of the summary with its current (frozen) validation. */
export interface SummaryRow {
  id: string;
  date: string;
  category_id: string;
  category_name: string;
  project_id: string | null;
  project_name: string | null;
  distance_hundredths: number;
  validated_minutes: number;
  valued_at: string | null;
  valuation_method: string | null;
  valuation_cents: number | null;
  valuation_reason: string | null;
}

export function valuationRepository(db: Db) {
  async function itemsOf(rates: RateRow[]): Promise<RateWithItems[]> {
    if (rates.length === 0) return [];
    const items = await db.selectFrom('association_rate_items').selectAll().where('rate_id', 'in', rates.map((r) => r.id)).execute();
    return rates.map((r) => ({ ...r, items: items.filter((i) => i.rate_id === r.id).map(({ target_id, rate_cents }) => ({ target_id, rate_cents })) }));
  }

  return {
    // SMIC ----------------------------------------------------------------------------
    smicList(): Promise<SmicRow[]> {
      return db.selectFrom('smic_rates').selectAll().orderBy('territory').orderBy('effective_from', 'desc').execute();
    },
    smicAt(territory: Territory, date: string): Promise<SmicRow | undefined> {
      return db.selectFrom('smic_rates').selectAll().where('territory', '=', territory).where('effective_from', '<=', date).orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
    },
    smicFind(territory: Territory, from: string): Promise<SmicRow | undefined> {
      return db.selectFrom('smic_rates').selectAll().where('territory', '=', territory).where('effective_from', '=', from).executeTakeFirst();
    },
    async smicInsert(row: Insertable<SmicRatesTable>): Promise<void> {
      await db.insertInto('smic_rates').values(row).execute();
    },

    // Association rates -------------------------------------------------------------------
    async rates(associationId: string): Promise<RateWithItems[]> {
      return itemsOf(await db.selectFrom('association_rates').selectAll().where('association_id', '=', associationId).orderBy('effective_from', 'desc').execute());
    },
    async rate(associationId: string, id: string): Promise<RateWithItems | undefined> {
      const row = await db.selectFrom('association_rates').selectAll().where('association_id', '=', associationId).where('id', '=', id).executeTakeFirst();
      return row ? (await itemsOf([row]))[0] : undefined;
    },
    async rateAt(associationId: string, date: string): Promise<RateWithItems | undefined> {
      const row = await db
        .selectFrom('association_rates').selectAll()
        .where('association_id', '=', associationId).where('effective_from', '<=', date)
        .orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
      return row ? (await itemsOf([row]))[0] : undefined;
    },
    rateFrom(associationId: string, from: string): Promise<RateRow | undefined> {
      return db.selectFrom('association_rates').selectAll().where('association_id', '=', associationId).where('effective_from', '=', from).executeTakeFirst();
    },
    /** Inserts or replaces a rate with its items. */
    async saveRate(row: Insertable<AssociationRatesTable>, items: { target_id: string; rate_cents: number }[], replace: boolean): Promise<void> {
      if (replace) {
        await db.updateTable('association_rates').set({
          effective_from: row.effective_from, method: row.method, coefficient_thousandths: row.coefficient_thousandths ?? null,
          rate_cents: row.rate_cents ?? null, updated_at: row.updated_at,
        }).where('id', '=', row.id).execute();
        await db.deleteFrom('association_rate_items').where('rate_id', '=', row.id).execute();
      } else {
        await db.insertInto('association_rates').values(row).execute();
      }
      if (items.length) await db.insertInto('association_rate_items').values(items.map((i) => ({ rate_id: row.id, ...i }))).execute();
    },
    async deleteRate(id: string): Promise<void> {
      await db.deleteFrom('association_rate_items').where('rate_id', '=', id).execute();
      await db.deleteFrom('association_rates').where('id', '=', id).execute();
    },
    /** Ids among `ids` that are levels (or categories) of the association. */
    async targetsOf(associationId: string, kind: 'levels' | 'categories', ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db.selectFrom(kind).select('id').where('association_id', '=', associationId).where('id', 'in', ids).execute();
      return new Set(rows.map((r) => r.id));
    },

    /** Names of the association's levels and categories, by id (to name per-level and per-category rates). */
    async targetNames(associationId: string): Promise<Map<string, string>> {
      const levels = await db.selectFrom('levels').select(['id', 'name']).where('association_id', '=', associationId).execute();
      const categories = await db.selectFrom('categories').select(['id', 'name']).where('association_id', '=', associationId).execute();
      return new Map([...levels, ...categories].map((r) => [r.id, r.name]));
    },

    // Association settings -----------------------------------------------------------------
    settings(associationId: string) {
      return db.selectFrom('associations').select(['id', 'name', 'postal_code', 'territory', 'rna_number', 'siren']).where('id', '=', associationId).executeTakeFirstOrThrow();
    },
    async updateSettings(associationId: string, changes: { territory: Territory; rna_number: string | null; siren: string | null; updated_at: string }): Promise<void> {
      await db.updateTable('associations').set(changes).where('id', '=', associationId).execute();
    },

    // Frozen values -------------------------------------------------------------------------
    freezeContext(validationId: string): Promise<FreezeContext | undefined> {
      return db
        .selectFrom('validations')
        .innerJoin('declarations', 'declarations.id', 'validations.declaration_id')
        .innerJoin('associations', 'associations.id', 'declarations.association_id')
        .select([
          'validations.id as validation_id', 'validations.validated_minutes', 'declarations.date', 'declarations.level_id',
          'declarations.category_id', 'declarations.association_id', 'associations.territory',
        ])
        .where('validations.id', '=', validationId)
        .executeTakeFirst();
    },
    async setValuation(validationId: string, v: { valued_at: string; valuation_method: string | null; valuation_rate_cents: number | null; valuation_cents: number | null; valuation_reason: string | null }): Promise<void> {
      await db.updateTable('validations').set(v).where('id', '=', validationId).execute();
    },
    /** Current validations of the association's validated declarations that have no value (never valued, or not valued). */
    async withoutValue(associationId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('declarations')
        .innerJoin('validations', 'validations.id', 'declarations.validation_id')
        .select('validations.id')
        .where('declarations.association_id', '=', associationId)
        .where('declarations.status', '=', 'validated')
        .where('validations.valuation_cents', 'is', null)
        .execute();
      return rows.map((r) => r.id);
    },

    /** The association's validated declarations dated within [from, to], with their current validation. */
    summaryRows(associationId: string, from: string, to: string): Promise<SummaryRow[]> {
      return db
        .selectFrom('declarations')
        .innerJoin('validations', 'validations.id', 'declarations.validation_id')
        .innerJoin('categories', 'categories.id', 'declarations.category_id')
        .leftJoin('projects', 'projects.id', 'declarations.project_id')
        .select([
          'declarations.id', 'declarations.date', 'declarations.category_id', 'categories.name as category_name',
          'declarations.project_id', 'projects.name as project_name', 'declarations.distance_hundredths',
          'validations.validated_minutes', 'validations.valued_at', 'validations.valuation_method',
          'validations.valuation_cents', 'validations.valuation_reason',
        ])
        .where('declarations.association_id', '=', associationId)
        .where('declarations.status', '=', 'validated')
        .where('declarations.date', '>=', from)
        .where('declarations.date', '<=', to)
        .orderBy('categories.position').orderBy('declarations.date').orderBy('declarations.id')
        .execute();
    },
  };
}
