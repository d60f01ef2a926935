// Deleting an association on another site (issue 7): our accounts' memberships there are
// kept, marked « association supprimée » (like their declarations, whose
// `remote_declarations.association_deleted_at` already exists), so the volunteer keeps
// the record of where they volunteered and the signed validations they received.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('remote_memberships').addColumn('association_deleted_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('remote_memberships').dropColumn('association_deleted_at').execute();
}
