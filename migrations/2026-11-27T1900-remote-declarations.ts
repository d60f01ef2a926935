// Declarations across instances (issue 7, flows 3–5), the volunteer's side: our copy of
// each declaration an account makes for an association of another site. The document
// is kept exactly as signed and sent (what the association's Validation digest covers),
// with the id of the Create/Update that carried it (what the answers name), and the
// signed Validation received: the volunteer's portable evidence.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('remote_declarations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('group_iri', 'text', (c) => c.notNull()) // the remote association's actor id
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('distance_hundredths', 'integer', (c) => c.notNull())
    .addColumn('category_iri', 'text', (c) => c.notNull())
    .addColumn('category_name', 'text', (c) => c.notNull())
    .addColumn('project_iri', 'text')
    .addColumn('project_name', 'text')
    .addColumn('level_iri', 'text')
    .addColumn('level_name', 'text')
    .addColumn('default_category', 'text')
    // unsent | pending | validated | rejected | withdrawn
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('validated_minutes', 'integer')
    .addColumn('reason', 'text')
    .addColumn('document', 'text') // the signed Declaration as sent (JSON)
    .addColumn('activity_iri', 'text') // the current Create/Update id: what the answers name
    .addColumn('validation', 'text') // the signed Validation received (JSON)
    .addColumn('sent_at', 'text') // when the current activity was first queued
    .addColumn('resent_at', 'text') // its last re-sending by the reconciliation (at most daily)
    .addColumn('association_deleted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('remote_declarations_account').on('remote_declarations').columns(['account_id', 'date']).execute();
  await db.schema.createIndex('remote_declarations_activity').on('remote_declarations').column('activity_iri').unique().execute();
  await db.schema.createIndex('remote_declarations_status').on('remote_declarations').columns(['status', 'sent_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('remote_declarations').execute();
}
