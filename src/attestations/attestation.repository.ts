/** SQL of attestations: what they count (validated declarations), and their rows. */
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AttestationsTable } from './attestation.table.ts';

export type AttestationRow = Selectable<AttestationsTable>;

/** One validated action as an attestation counts it. */
export interface CountedAction {
  date: string;
  category: string;
  minutes: number;
}

export interface RemoteEvidenceRow extends CountedAction {
  id: string;
  document: string | null;
  validation: string | null;
}

export interface AvailableRow {
  association_id: string | null;
  group_iri: string | null;
  name: string;
  first_date: string;
  last_date: string;
  minutes: number;
}

export function attestationRepository(db: Db) {
  return {
    /** The account's validated declarations in one of our associations, dates inclusive. */
    async localActions(associationId: string, accountId: string, from: string, to: string): Promise<CountedAction[]> {
      return db
        .selectFrom('declarations as d')
        .innerJoin('validations as v', 'v.id', 'd.validation_id')
        .innerJoin('categories as c', 'c.id', 'd.category_id')
        .select(['d.date as date', 'c.name as category', 'v.validated_minutes as minutes'])
        .where('d.association_id', '=', associationId)
        .where('d.author_type', '=', 'account')
        .where('d.author_account_id', '=', accountId)
        .where('d.status', '=', 'validated')
        .where('d.date', '>=', from)
        .where('d.date', '<=', to)
        .orderBy('d.date')
        .execute();
    },

    /** The account's declarations validated by an association of another site, with the signed documents. */
    async remoteActions(accountId: string, groupIri: string, from: string, to: string): Promise<RemoteEvidenceRow[]> {
      return db
        .selectFrom('remote_declarations')
        .select(['id', 'date', 'category_name as category', 'validated_minutes as minutes', 'document', 'validation'])
        .where('account_id', '=', accountId)
        .where('group_iri', '=', groupIri)
        .where('status', '=', 'validated')
        .where('date', '>=', from)
        .where('date', '<=', to)
        .orderBy('date')
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, minutes: r.minutes ?? 0 })));
    },

    /** Where the account has validated hours: our associations, then those of other sites. */
    async available(accountId: string): Promise<AvailableRow[]> {
      const local = await db
        .selectFrom('declarations as d')
        .innerJoin('validations as v', 'v.id', 'd.validation_id')
        .innerJoin('associations as a', 'a.id', 'd.association_id')
        .select((eb) => [
          'a.id as association_id', 'a.name as name',
          eb.fn.min('d.date').as('first_date'), eb.fn.max('d.date').as('last_date'), eb.fn.sum<number>('v.validated_minutes').as('minutes'),
        ])
        .where('d.author_type', '=', 'account')
        .where('d.author_account_id', '=', accountId)
        .where('d.status', '=', 'validated')
        .groupBy('a.id')
        .orderBy('a.name')
        .execute();
      const remote = await db
        .selectFrom('remote_declarations as r')
        .leftJoin('remote_actors as ra', 'ra.iri', 'r.group_iri')
        .select((eb) => [
          'r.group_iri as group_iri', 'ra.name as name',
          eb.fn.min('r.date').as('first_date'), eb.fn.max('r.date').as('last_date'), eb.fn.sum<number>('r.validated_minutes').as('minutes'),
        ])
        .where('r.account_id', '=', accountId)
        .where('r.status', '=', 'validated')
        .where('r.validation', 'is not', null)
        .groupBy('r.group_iri')
        .execute();
      return [
        ...local.map((r) => ({ ...r, group_iri: null, minutes: Number(r.minutes) })),
        ...remote.map((r) => ({ ...r, association_id: null, name: r.name ?? r.group_iri, minutes: Number(r.minutes) })),
      ];
    },

    /** Accounts with validated hours in one of our associations (whom managers may issue one for). */
    async peopleWithHours(associationId: string) {
      return db
        .selectFrom('declarations as d')
        .innerJoin('validations as v', 'v.id', 'd.validation_id')
        .innerJoin('accounts as a', 'a.id', 'd.author_account_id')
        .select((eb) => [
          'a.id as account_id', 'a.first_name', 'a.last_name', 'a.pseudo', 'a.former_member_number',
          eb.fn.min('d.date').as('first_date'), eb.fn.max('d.date').as('last_date'), eb.fn.sum<number>('v.validated_minutes').as('minutes'),
        ])
        .where('d.association_id', '=', associationId)
        .where('d.author_type', '=', 'account')
        .where('d.status', '=', 'validated')
        .where('a.deleted_at', 'is', null)
        .groupBy('a.id')
        .execute();
    },

    async insert(row: AttestationsTable): Promise<void> {
      await db.insertInto('attestations').values(row).execute();
    },

    async byId(id: string): Promise<AttestationRow | undefined> {
      return db.selectFrom('attestations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async byCode(code: string): Promise<AttestationRow | undefined> {
      return db.selectFrom('attestations').selectAll().where('code', '=', code).executeTakeFirst();
    },

    async ofAccount(accountId: string): Promise<AttestationRow[]> {
      return db.selectFrom('attestations').selectAll().where('account_id', '=', accountId).orderBy('issued_at', 'desc').orderBy('id', 'desc').execute();
    },

    async ofAssociation(associationId: string): Promise<AttestationRow[]> {
      return db.selectFrom('attestations').selectAll().where('association_id', '=', associationId).orderBy('issued_at', 'desc').orderBy('id', 'desc').execute();
    },

    /**
     * The holder erased their account: their name and the signed copy go (the file they
     * handed out still verifies against the published key); code, period and revocation stay.
     */
    async forgetHolder(accountId: string, label: string): Promise<void> {
      await db.updateTable('attestations').set({ volunteer_name: label, jws: '' }).where('account_id', '=', accountId).execute();
    },

    /** Revokes once: false when it already was. */
    async revoke(id: string, at: string, by: string | null, label: string, reason: string): Promise<boolean> {
      const result = await db
        .updateTable('attestations')
        .set({ revoked_at: at, revoked_by: by, revoked_by_label: label, revocation_reason: reason })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
