// Local accounts following associations of other sites (issue 6, flow 6): who follows
// whom (a Follow sent by the account's Person, pending until the Group's Accept), and
// the public news those associations sent us (Create/Update/Delete of a Note), kept as
// plain text — remote HTML is never rendered here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('following')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('iri', 'text', (c) => c.notNull()) // the remote Group's actor id
    .addColumn('follow_activity_iri', 'text', (c) => c.notNull()) // our Follow's id: what the Accept names, what Undo repeats
    .addColumn('status', 'text', (c) => c.notNull()) // pending | accepted
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .execute();
  await db.schema.createIndex('following_account_iri').on('following').columns(['account_id', 'iri']).unique().execute();
  // The inbox matches an Accept on the Follow's id and news on the sending Group.
  await db.schema.createIndex('following_activity').on('following').column('follow_activity_iri').execute();
  await db.schema.createIndex('following_iri').on('following').columns(['iri', 'status']).execute();

  await db.schema
    .createTable('remote_news')
    .addColumn('iri', 'text', (c) => c.primaryKey()) // the Note's id
    .addColumn('group_iri', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull()) // plain text, paragraphs separated by a blank line
    .addColumn('url', 'text')
    .addColumn('published', 'text', (c) => c.notNull())
    .addColumn('updated', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('remote_news_group').on('remote_news').columns(['group_iri', 'published']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('remote_news').execute();
  await db.schema.dropTable('following').execute();
}
