// Federation foundation (issue 6): actors' key pairs, the remote actors we know, who
// follows an association, association news, outbox events (written in the same
// transaction as the change they announce), remote hosts (circuit breaker and blocks),
// inbound activities seen (idempotency by id), and Flag reports for the admins.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per key: position 0 is RSA, 1 is Ed25519 (the order is permanent: proofs
  // name the second Multikey). actor_id is an account's or association's UUIDv7, or
  // 'instance' for the Application actor. No foreign key: a tombstone keeps its keys.
  await db.schema
    .createTable('actor_keys')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull()) // RSASSA-PKCS1-v1_5 | Ed25519
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('actor_keys_pk', ['actor_id', 'position'])
    .execute();

  await db.schema
    .createTable('remote_actors')
    .addColumn('iri', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull()) // Person | Group | Application | Service …
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('handle', 'text') // user@host, when known
    .addColumn('name', 'text')
    .addColumn('url', 'text')
    .addColumn('inbox', 'text')
    .addColumn('shared_inbox', 'text')
    .addColumn('document', 'text', (c) => c.notNull()) // JSON-LD as fetched
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('remote_actors_host').on('remote_actors').column('host').execute();

  await db.schema
    .createTable('follows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('follower_iri', 'text', (c) => c.notNull())
    .addColumn('follower_host', 'text', (c) => c.notNull())
    .addColumn('follow_activity_iri', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('follows_unique').on('follows').columns(['association_id', 'follower_iri']).unique().execute();
  await db.schema.createIndex('follows_host').on('follows').column('follower_host').execute();

  await db.schema
    .createTable('news')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull()) // public | members
    .addColumn('author_account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('news_association').on('news').columns(['association_id', 'published_at']).execute();

  await db.schema
    .createTable('outbox_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // news.created | news.updated | news.deleted | association.updated …
    .addColumn('association_id', 'text') // no foreign key: the event outlives a deleted association
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}')) // JSON
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('dispatched_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_events_pending').on('outbox_events').columns(['dispatched_at', 'created_at']).execute();

  await db.schema
    .createTable('remote_hosts')
    .addColumn('host', 'text', (c) => c.primaryKey())
    .addColumn('blocked_at', 'text')
    .addColumn('blocked_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('block_reason', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('circuit_open_until', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_failure_at', 'text')
    .addColumn('last_error', 'text')
    .execute();

  await db.schema
    .createTable('inbox_activities')
    .addColumn('activity_iri', 'text', (c) => c.primaryKey())
    .addColumn('actor_iri', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('flags')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_iri', 'text', (c) => c.notNull().unique())
    .addColumn('reporter_iri', 'text', (c) => c.notNull())
    .addColumn('reporter_host', 'text', (c) => c.notNull())
    .addColumn('object_iris', 'text', (c) => c.notNull()) // JSON array
    .addColumn('content', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['flags', 'inbox_activities', 'remote_hosts', 'outbox_events', 'news', 'follows', 'remote_actors', 'actor_keys']) {
    await db.schema.dropTable(t).execute();
  }
}
