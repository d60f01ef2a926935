// Declarations received from another site (issue 7, flows 3–5, the association's side):
// a remote member's declaration is a `declarations` row like any other (authored by their
// remote account), so lists, moderation, statistics and exports need nothing more. These
// columns say where it came from: the Declaration's id on the member's site (one row per
// id and association), the signed JSON exactly as received (what a Validation's digest
// covers, and our evidence), and the Create/Update it came with (the activity our
// answers name; a copy of it received again is answered with the current decision).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('declarations').addColumn('remote_iri', 'text').execute();
  await db.schema.alterTable('declarations').addColumn('remote_document', 'text').execute();
  await db.schema.alterTable('declarations').addColumn('remote_activity_iri', 'text').execute();
  await db.schema
    .createIndex('declarations_remote_iri')
    .on('declarations')
    .columns(['association_id', 'remote_iri'])
    .unique()
    .where(sql.ref('remote_iri'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('declarations_remote_iri').execute();
  for (const column of ['remote_activity_iri', 'remote_document', 'remote_iri']) await db.schema.alterTable('declarations').dropColumn(column).execute();
}
