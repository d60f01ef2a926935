// Imports of Bénévalibre migration files (spec §A11, issue 5): one row per imported file
// (its token makes a second import of the same file a no-op), and the origin key of each
// imported action on declarations so that re-imports never duplicate.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_token', 'text', (c) => c.notNull())
    .addColumn('association_id', 'text', (c) => c.references('associations.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull()) // pending | running | done | failed
    .addColumn('report', 'text', (c) => c.notNull().defaultTo('{}')) // JSON
    .addColumn('created_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('imports_file_token').on('imports').column('file_token').execute();
  await db.schema.alterTable('declarations').addColumn('origin_key', 'text').execute();
  await db.schema
    .createIndex('declarations_origin_key')
    .on('declarations')
    .columns(['association_id', 'origin_key'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('declarations_origin_key').execute();
  await db.schema.alterTable('declarations').dropColumn('origin_key').execute();
  await db.schema.dropTable('imports').execute();
}
