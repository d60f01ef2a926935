// Frozen in time: projects, declarations and their validations (spec §A4, §A5), the
// durable job queue and key-value store (also Fedify's MessageQueue and KvStore), and
// notification preferences with their digest items (§A8).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('projects_name_unique', ['association_id', 'name_key'])
    .execute();

  // Author: an account, an anonymous member, or nobody (recorded by a manager).
  // Calendar dates are YYYY-MM-DD in the association's time zone; durations integer
  // minutes; distances integer hundredths of a kilometre (no floating point in totals).
  await db.schema
    .createTable('declarations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('author_type', 'text', (c) => c.notNull()) // account | anonymous | none
    .addColumn('author_account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('author_anonymous_id', 'text', (c) => c.references('anonymous_members.id').onDelete('set null'))
    .addColumn('category_id', 'text', (c) => c.notNull().references('categories.id'))
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('level_id', 'text', (c) => c.references('levels.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('distance_hundredths', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull()) // pending | validated | rejected
    .addColumn('rejection_reason', 'text')
    .addColumn('rejected_at', 'text')
    .addColumn('rejected_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('validation_id', 'text') // the current validation (validations.id)
    .addColumn('idempotency_key', 'text')
    .addColumn('created_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Lists and statistics read by association, status and date; volunteers by author.
  await db.schema.createIndex('declarations_association_status_date').on('declarations').columns(['association_id', 'status', 'date']).execute();
  await db.schema.createIndex('declarations_association_date').on('declarations').columns(['association_id', 'date', 'id']).execute();
  await db.schema.createIndex('declarations_author_account').on('declarations').columns(['author_account_id', 'date']).execute();
  await db.schema.createIndex('declarations_author_anonymous').on('declarations').column('author_anonymous_id').execute();
  await db.schema.createIndex('declarations_category').on('declarations').column('category_id').execute();
  await db.schema.createIndex('declarations_project').on('declarations').column('project_id').execute();
  await db.schema.createIndex('declarations_level').on('declarations').column('level_id').execute();
  // A double submission (double click, flaky network) is recorded once.
  await db.schema.createIndex('declarations_idempotency').on('declarations').columns(['association_id', 'idempotency_key']).unique().execute();

  // A validation is its own record: who, when, the duration validated (possibly less
  // than declared, with a reason). Valuation, attestations and federation build on it.
  await db.schema
    .createTable('validations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('declaration_id', 'text', (c) => c.notNull().references('declarations.id').onDelete('cascade'))
    .addColumn('validated_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('validated_by_label', 'text', (c) => c.notNull())
    .addColumn('validated_at', 'text', (c) => c.notNull())
    .addColumn('validated_minutes', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('superseded_at', 'text')
    .execute();
  await db.schema.createIndex('validations_declaration').on('validations').column('declaration_id').execute();

  // Durable jobs: a job leaves the queue only after its handler succeeded; jobs sharing
  // an ordering key run one after the other, in order.
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull()) // JSON
    .addColumn('ordering_key', 'text')
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('locked_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'text') // set when max_attempts is reached (dead job, kept for inspection)
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['queue', 'failed_at', 'run_at']).execute();
  await db.schema.createIndex('jobs_ordering').on('jobs').columns(['ordering_key', 'created_at']).execute();

  await db.schema
    .createTable('kv')
    .addColumn('key', 'text', (c) => c.primaryKey()) // JSON array of the key parts
    .addColumn('value', 'text', (c) => c.notNull()) // JSON
    .addColumn('expires_at', 'text')
    .execute();

  // Per person and kind of email: immediate, daily digest or none.
  await db.schema
    .createTable('notification_preferences')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull()) // immediate | digest | none
    .addPrimaryKeyConstraint('notification_preferences_pk', ['account_id', 'kind'])
    .execute();
  await db.schema
    .createTable('digest_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull()) // JSON: what to say
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('digest_items_pending').on('digest_items').columns(['sent_at', 'account_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['digest_items', 'notification_preferences', 'kv', 'jobs', 'validations', 'declarations', 'projects']) {
    await db.schema.dropTable(table).execute();
  }
}
