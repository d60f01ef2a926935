// Valuation in euros (issue 8, spec §B2, §C). Money in integer cents, time in integer
// minutes, dates YYYY-MM-DD. The SMIC is effective-dated per territory (never a
// constant); each association chooses effective-dated rates with a stated method; each
// validation row freezes what it was worth when it was made (rate, value, or why it is
// not valued), so later rate edits never change history.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The association's territory decides which SMIC applies (Mayotte has its own);
  // suggested from the postal code, so existing rows get it from theirs.
  await db.schema.alterTable('associations').addColumn('territory', 'text', (c) => c.notNull().defaultTo('metropole')).execute();
  await db.updateTable('associations').set({ territory: 'mayotte' }).where('postal_code', 'like', '976%').execute();
  // Official numbers (optional): RNA « W » + 9 digits, SIREN 9 digits with a Luhn key.
  await db.schema.alterTable('associations').addColumn('rna_number', 'text').execute();
  await db.schema.alterTable('associations').addColumn('siren', 'text').execute();

  await db.schema
    .createTable('smic_rates')
    .addColumn('territory', 'text', (c) => c.notNull()) // metropole | mayotte
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('hourly_cents', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('smic_rates_pk', ['territory', 'effective_from'])
    .execute();
  const seededAt = '2026-11-27T20:00:00.000Z';
  await db
    .insertInto('smic_rates')
    .values([
      { territory: 'metropole', effective_from: '2024-11-01', hourly_cents: 1188, created_by: null, created_at: seededAt },
      { territory: 'metropole', effective_from: '2026-01-01', hourly_cents: 1202, created_by: null, created_at: seededAt },
      { territory: 'mayotte', effective_from: '2026-01-01', hourly_cents: 933, created_by: null, created_at: seededAt },
    ])
    .execute();

  // One rate per association and start date, in force until the next one starts.
  // smic: the SMIC of the territory; smic_charged: times coefficient_thousandths / 1000;
  // per_level / per_category: association_rate_items; custom: rate_cents.
  await db.schema
    .createTable('association_rates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('coefficient_thousandths', 'integer')
    .addColumn('rate_cents', 'integer')
    .addColumn('created_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('association_rates_from_unique', ['association_id', 'effective_from'])
    .execute();
  await db.schema
    .createTable('association_rate_items')
    .addColumn('rate_id', 'text', (c) => c.notNull().references('association_rates.id').onDelete('cascade'))
    .addColumn('target_id', 'text', (c) => c.notNull()) // a level or a category of the association
    .addColumn('rate_cents', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('association_rate_items_pk', ['rate_id', 'target_id'])
    .execute();

  // The frozen valuation: valued_at null = never valued (before this migration, imports);
  // valuation_cents null with valued_at set = « non valorisée » for valuation_reason.
  for (const column of ['valued_at', 'valuation_method', 'valuation_reason']) await db.schema.alterTable('validations').addColumn(column, 'text').execute();
  for (const column of ['valuation_rate_cents', 'valuation_cents']) await db.schema.alterTable('validations').addColumn(column, 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['valuation_cents', 'valuation_rate_cents', 'valuation_reason', 'valuation_method', 'valued_at']) {
    await db.schema.alterTable('validations').dropColumn(column).execute();
  }
  for (const table of ['association_rate_items', 'association_rates', 'smic_rates']) await db.schema.dropTable(table).execute();
  for (const column of ['siren', 'rna_number', 'territory']) await db.schema.alterTable('associations').dropColumn(column).execute();
}
