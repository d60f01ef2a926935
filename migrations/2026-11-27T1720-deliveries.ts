// Deliveries of raw JSON-LD documents (issue 6): one row per target inbox, what the
// admin page counts per host (queued, failing, dead) and what the delivery job reads.
// The durable `jobs` table does the running (lease, ordering key, crash safety); this
// table only holds the document and the delivery's own history, so that a host's
// figures are one indexed query and a dead delivery can be retried from the page.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('sender_actor_id', 'text', (c) => c.notNull()) // an account's or association's UUIDv7, or 'instance'
    .addColumn('inbox', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('ordering_key', 'text')
    .addColumn('body', 'text', (c) => c.notNull()) // the JSON-LD document sent, proof included
    .addColumn('status', 'text', (c) => c.notNull()) // queued | failing | dead
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One delivery of an activity per inbox: a publisher run twice (at least once) adds none.
  await db.schema.createIndex('deliveries_activity_inbox').on('deliveries').columns(['activity_id', 'inbox']).unique().execute();
  await db.schema.createIndex('deliveries_host_status').on('deliveries').columns(['host', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deliveries').execute();
}
