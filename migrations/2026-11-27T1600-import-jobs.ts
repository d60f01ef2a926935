// Imports of Bénévalibre files run as durable jobs (issue 5): the uploaded file and the
// manager's choices wait in the row until the job reads them (the file is cleared once
// the import is done or failed: it holds personal data), with the progress shown to the
// manager and the reason of a failure.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').addColumn('file', 'text').execute(); // JSON of the uploaded file, null once done
  await db.schema.alterTable('imports').addColumn('choices', 'text', (c) => c.notNull().defaultTo('{}')).execute(); // JSON
  await db.schema.alterTable('imports').addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('imports').addColumn('progress_total', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('imports').addColumn('error', 'text').execute(); // a message key, when failed
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['error', 'progress_total', 'progress_done', 'choices', 'file']) {
    await db.schema.alterTable('imports').dropColumn(column).execute();
  }
}
