// Remote associations' catalogs (issue 7, flow 3, the volunteer's side): to declare for
// an association of another site in the same form as for a local one, our instance reads
// its public `categories`, `projects` and `levels` collections and keeps them here, so the
// form does not wait on the remote site and a short outage does not empty it. One row per
// item; one row per association saying when the three were last read (an association
// with no levels still has a fresh catalog).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('remote_catalogs')
    .addColumn('group_iri', 'text', (c) => c.primaryKey()) // the remote Group's actor id
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('remote_catalog_items')
    .addColumn('group_iri', 'text', (c) => c.notNull().references('remote_catalogs.group_iri').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull()) // categories | projects | levels
    .addColumn('item_iri', 'text', (c) => c.notNull()) // what a Declaration names in category/context/level
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('summary', 'text') // plain text
    .addColumn('default_category', 'text') // categories: the reference code they count as
    .addColumn('position', 'integer', (c) => c.notNull()) // order in the remote collection
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('remote_catalog_items_pk', ['group_iri', 'item_iri'])
    .execute();
  await db.schema.createIndex('remote_catalog_items_list').on('remote_catalog_items').columns(['group_iri', 'kind', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('remote_catalog_items').execute();
  await db.schema.dropTable('remote_catalogs').execute();
}
