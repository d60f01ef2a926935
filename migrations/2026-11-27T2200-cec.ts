// CEC helper (issue 8, product §B3): the « valideur CEC » each association names among its
// members — the person who validates its volunteers' hours on the State's « Le Compte
// Bénévole ». A row per designated membership (not a column on memberships) so the
// designation goes with the membership: when a member leaves or is erased, the cascade
// removes it and nobody keeps seeing the list without being a member any more.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cec_validators')
    .addColumn('membership_id', 'text', (c) => c.primaryKey().references('memberships.id').onDelete('cascade'))
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('designated_by', 'text')
    .addColumn('designated_at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`))
    .execute();
  await db.schema.createIndex('cec_validators_association').on('cec_validators').column('association_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cec_validators').execute();
}
