// Frozen in time: statistics kept as totals (spec §A6) so that an association's figures
// answer in the same time at 1,000,000 declarations as at 10,000 (issue 4).
//
// How they stay exact without every writer having to remember them:
//  - triggers mark each declaration touched (insert, update, delete, or a change of its
//    validations) in `statistics_dirty`, in the same transaction as the write — whatever
//    the code path (service, cascade of a deleted association, future imports);
//  - `statistics_ledger` holds what each counted declaration currently adds to the totals;
//  - before answering, the statistics fold the marked declarations into the totals
//    (subtract the ledger's old contribution, add the new one) and clear the marks.
// Triggers are SQLite syntax: the PostgreSQL dialect will need the same four as
// `CREATE FUNCTION … RETURNS trigger` (one INSERT … ON CONFLICT DO NOTHING each).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('statistics_dirty')
    .addColumn('declaration_id', 'text', (c) => c.primaryKey()) // no foreign key: deleted declarations are marked too
    .execute();

  // One row per counted (validated) declaration: what it adds to the totals right now.
  await db.schema
    .createTable('statistics_ledger')
    .addColumn('declaration_id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('level_id', 'text')
    .addColumn('project_id', 'text')
    .addColumn('member_key', 'text') // a:<account id> | n:<anonymous member id> | null (no author)
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('distance_hundredths', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('statistics_ledger_date').on('statistics_ledger').column('date').execute();

  // period 0 = all years (« Total »), else the year; dimension all | category | level |
  // project; dimension_id '' for « all » and for declarations without level or project.
  await db.schema
    .createTable('statistics_totals')
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('period', 'integer', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('dimension_id', 'text', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('distance_hundredths', 'integer', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('statistics_totals_pk', ['association_id', 'period', 'dimension', 'dimension_id'])
    .execute();

  // Entries per member and cell: distinct members are the rows of a cell, kept exact
  // by counting each member's entries (a member leaves a cell when their count is 0).
  await db.schema
    .createTable('statistics_members')
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('member_key', 'text', (c) => c.notNull())
    .addColumn('period', 'integer', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('dimension_id', 'text', (c) => c.notNull())
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('statistics_members_pk', ['association_id', 'member_key', 'period', 'dimension', 'dimension_id'])
    .execute();

  await db.schema
    .createTable('statistics_months')
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('month', 'text', (c) => c.notNull()) // YYYY-MM
    .addColumn('entries', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('distance_hundredths', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('statistics_months_pk', ['association_id', 'month'])
    .execute();

  const mark = (id: string) => sql.raw(`INSERT OR IGNORE INTO statistics_dirty (declaration_id) VALUES (${id});`);
  await sql`CREATE TRIGGER statistics_declaration_inserted AFTER INSERT ON declarations BEGIN ${mark('new.id')} END`.execute(db);
  await sql`CREATE TRIGGER statistics_declaration_updated AFTER UPDATE ON declarations BEGIN ${mark('new.id')} END`.execute(db);
  await sql`CREATE TRIGGER statistics_declaration_deleted AFTER DELETE ON declarations BEGIN ${mark('old.id')} END`.execute(db);
  await sql`CREATE TRIGGER statistics_validation_inserted AFTER INSERT ON validations BEGIN ${mark('new.declaration_id')} END`.execute(db);
  await sql`CREATE TRIGGER statistics_validation_updated AFTER UPDATE ON validations BEGIN ${mark('new.declaration_id')} END`.execute(db);
  await sql`CREATE TRIGGER statistics_validation_deleted AFTER DELETE ON validations BEGIN ${mark('old.declaration_id')} END`.execute(db);

  // Declarations already there (none on a fresh instance) are folded in at the first read.
  await sql`INSERT INTO statistics_dirty (declaration_id) SELECT id FROM declarations`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['declaration', 'validation']) {
    for (const event of ['inserted', 'updated', 'deleted']) await sql.raw(`DROP TRIGGER statistics_${table}_${event}`).execute(db);
  }
  for (const table of ['statistics_months', 'statistics_members', 'statistics_totals', 'statistics_ledger', 'statistics_dirty']) {
    await db.schema.dropTable(table).execute();
  }
}
