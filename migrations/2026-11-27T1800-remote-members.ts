// Memberships across instances (issue 7, flow 2). On the association's side, a remote
// Person who joins is an account row with `status = 'remote'` and its actor id in
// `remote_iri` (no email, no password: it never logs in and is never emailed), so that
// memberships, roles, declarations and statistics work unchanged; its membership keeps
// the Join's id, which every answer names. On the volunteer's side, their memberships in
// associations of other sites live in `remote_memberships`, and the members-only news those
// associations send them are kept in `remote_news` marked `audience = 'members'`.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('remote_iri', 'text').execute();
  await db.schema.createIndex('accounts_remote_iri').on('accounts').column('remote_iri').unique().execute();
  await db.schema.alterTable('memberships').addColumn('join_activity_iri', 'text').execute();

  await db.schema
    .createTable('remote_memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('group_iri', 'text', (c) => c.notNull()) // the remote Group's actor id
    .addColumn('status', 'text', (c) => c.notNull()) // pending | active | rejected
    .addColumn('reason', 'text') // the Reject's summary
    .addColumn('function', 'text') // governance | supervision | null (from the Membership)
    .addColumn('join_activity_iri', 'text', (c) => c.notNull()) // our Join's id: what the answers name
    .addColumn('membership', 'text') // the Membership document received (JSON)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('remote_memberships_account_group').on('remote_memberships').columns(['account_id', 'group_iri']).unique().execute();
  await db.schema.createIndex('remote_memberships_join').on('remote_memberships').column('join_activity_iri').unique().execute();
  // public: read by the Group's followers here; members: only by its members here.
  await db.schema.alterTable('remote_news').addColumn('audience', 'text', (c) => c.notNull().defaultTo('public')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('remote_news').dropColumn('audience').execute();
  await db.schema.dropTable('remote_memberships').execute();
  await db.schema.dropIndex('accounts_remote_iri').execute();
  await db.schema.alterTable('memberships').dropColumn('join_activity_iri').execute();
  await db.schema.alterTable('accounts').dropColumn('remote_iri').execute();
}
