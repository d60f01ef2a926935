// Attestations of volunteering (issue 8, product §B3): what was issued, as signed. The
// compact JWS is the attestation itself (its payload lists what is attested); the other
// columns are what lists and the verification page need without decoding it, and the
// revocation (who, when, why). `kind` local: signed by the association's key on this
// site; bundle: for an association of another site, signed by this site's instance key,
// carrying the association's signed Validations as evidence.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attestations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique()) // the verification code people type
    .addColumn('kind', 'text', (c) => c.notNull()) // local | bundle
    .addColumn('association_id', 'text', (c) => c.references('associations.id').onDelete('set null'))
    .addColumn('group_iri', 'text') // the association's actor id (on any site)
    .addColumn('association_name', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('volunteer_name', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('total_minutes', 'integer', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text') // account id of whoever asked (the volunteer or a manager)
    .addColumn('issued_by_label', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_by_label', 'text')
    .addColumn('revocation_reason', 'text')
    .execute();
  await db.schema.createIndex('attestations_account').on('attestations').columns(['account_id', 'issued_at']).execute();
  await db.schema.createIndex('attestations_association').on('attestations').columns(['association_id', 'issued_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attestations').execute();
}
