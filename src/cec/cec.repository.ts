/**
 * SQL of the CEC helper: a volunteer's validated minutes per association for a year
 * (ours, from the current validation; other sites', from the validated minutes their
 * signed Validation gave), the functions, and the « valideur CEC » designations.
 * An action counts in the year of its (first) date, as the association's accounts do.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MemberFunction } from '../memberships/membership.table.ts';

export interface LocalHoursRow {
  association_id: string;
  handle: string;
  name: string;
  rna_number: string | null;
  siren: string | null;
  function: MemberFunction | null;
  minutes: number;
  actions: number;
}

export interface RemoteHoursRow {
  group_iri: string;
  minutes: number;
  actions: number;
}

export interface RemoteGroupRow {
  iri: string;
  name: string | null;
  host: string | null;
  url: string | null;
  document: string | null;
  function: string | null;
}

export interface EligibleRow {
  account_id: string;
  first_name: string | null;
  last_name: string | null;
  pseudo: string | null;
  former_member_number: number | null;
  remote_iri: string | null;
  membership_id: string | null;
  function: MemberFunction | null;
  minutes: number;
  actions: number;
}

export interface ValidatorRow {
  membership_id: string;
  account_id: string;
  first_name: string | null;
  last_name: string | null;
  pseudo: string | null;
  former_member_number: number | null;
  designated_at: string;
}

export function cecRepository(db: Db) {
  return {
    /** The account's validated minutes per association of this site, actions dated from `from` to `to`. */
    localHours(accountId: string, from: string, to: string): Promise<LocalHoursRow[]> {
      return db
        .selectFrom('declarations')
        .innerJoin('validations', 'validations.id', 'declarations.validation_id')
        .innerJoin('associations', 'associations.id', 'declarations.association_id')
        .leftJoin('memberships', (j) =>
          j.onRef('memberships.association_id', '=', 'declarations.association_id').on('memberships.account_id', '=', accountId).on('memberships.status', '=', 'active'),
        )
        .select([
          'associations.id as association_id', 'associations.handle', 'associations.name', 'associations.rna_number', 'associations.siren',
          'memberships.function',
          (eb) => eb.fn.sum<number>('validations.validated_minutes').as('minutes'),
          (eb) => eb.fn.countAll<number>().as('actions'),
        ])
        .where('declarations.author_account_id', '=', accountId)
        .where('declarations.status', '=', 'validated')
        .where('declarations.date', '>=', from)
        .where('declarations.date', '<=', to)
        .groupBy(['associations.id', 'memberships.function'])
        .orderBy('associations.name')
        .execute();
    },

    /** The account's validated minutes per association of another site (its own copy of what was decided there). */
    remoteHours(accountId: string, from: string, to: string): Promise<RemoteHoursRow[]> {
      return db
        .selectFrom('remote_declarations')
        .select(['group_iri', (eb) => eb.fn.sum<number>(sql<number>`coalesce(validated_minutes, 0)`).as('minutes'), (eb) => eb.fn.countAll<number>().as('actions')])
        .where('account_id', '=', accountId)
        .where('status', '=', 'validated')
        .where('date', '>=', from)
        .where('date', '<=', to)
        .groupBy('group_iri')
        .execute();
    },

    /** What we know of remote associations: the cached Group (name, RNA/SIREN attachments) and the account's function there. */
    async remoteGroups(accountId: string, iris: string[]): Promise<RemoteGroupRow[]> {
      if (iris.length === 0) return [];
      const actors = await db.selectFrom('remote_actors').select(['iri', 'name', 'host', 'url', 'document']).where('iri', 'in', iris).execute();
      const memberships = await db
        .selectFrom('remote_memberships')
        .select(['group_iri', 'function', 'status'])
        .where('account_id', '=', accountId)
        .where('group_iri', 'in', iris)
        .execute();
      return iris.map((iri) => {
        const actor = actors.find((a) => a.iri === iri);
        // A removed member keeps the hours, not the function (the association took it back).
        const membership = memberships.find((m) => m.group_iri === iri && m.status === 'active');
        return { iri, name: actor?.name ?? null, host: actor?.host ?? null, url: actor?.url ?? null, document: actor?.document ?? null, function: membership?.function ?? null };
      });
    },

    /** Years in which the account has validated actions, here or on other sites (newest first). */
    async years(accountId: string): Promise<number[]> {
      const local = await db
        .selectFrom('declarations')
        .select(sql<string>`substr(date, 1, 4)`.as('year'))
        .distinct()
        .where('author_account_id', '=', accountId)
        .where('status', '=', 'validated')
        .execute();
      const remote = await db
        .selectFrom('remote_declarations')
        .select(sql<string>`substr(date, 1, 4)`.as('year'))
        .distinct()
        .where('account_id', '=', accountId)
        .where('status', '=', 'validated')
        .execute();
      return [...new Set([...local, ...remote].map((r) => Number(r.year)))].sort((a, b) => b - a);
    },

    /** Per person, the validated minutes in one association for a year (erased accounts left out: nobody can claim them). */
    eligible(associationId: string, from: string, to: string): Promise<EligibleRow[]> {
      return db
        .selectFrom('declarations')
        .innerJoin('validations', 'validations.id', 'declarations.validation_id')
        .innerJoin('accounts', 'accounts.id', 'declarations.author_account_id')
        .leftJoin('memberships', (j) =>
          j.onRef('memberships.account_id', '=', 'declarations.author_account_id').on('memberships.association_id', '=', associationId).on('memberships.status', '=', 'active'),
        )
        .select([
          'accounts.id as account_id', 'accounts.first_name', 'accounts.last_name', 'accounts.pseudo', 'accounts.former_member_number',
          'accounts.remote_iri', 'memberships.id as membership_id', 'memberships.function',
          (eb) => eb.fn.sum<number>('validations.validated_minutes').as('minutes'),
          (eb) => eb.fn.countAll<number>().as('actions'),
        ])
        .where('declarations.association_id', '=', associationId)
        .where('declarations.status', '=', 'validated')
        .where('declarations.author_type', '=', 'account')
        .where('accounts.status', 'in', ['active', 'remote', 'disabled', 'inactive'])
        .where('declarations.date', '>=', from)
        .where('declarations.date', '<=', to)
        .groupBy(['accounts.id', 'memberships.id'])
        .execute();
    },

    validators(associationId: string): Promise<ValidatorRow[]> {
      return db
        .selectFrom('cec_validators')
        .innerJoin('memberships', 'memberships.id', 'cec_validators.membership_id')
        .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
        .select([
          'cec_validators.membership_id', 'accounts.id as account_id', 'accounts.first_name', 'accounts.last_name', 'accounts.pseudo',
          'accounts.former_member_number', 'cec_validators.designated_at',
        ])
        .where('cec_validators.association_id', '=', associationId)
        .orderBy('cec_validators.designated_at')
        .execute();
    },

    /** Whether the account is a designated valideur CEC of the association. */
    async isValidator(associationId: string, accountId: string): Promise<boolean> {
      const row = await db
        .selectFrom('cec_validators')
        .innerJoin('memberships', 'memberships.id', 'cec_validators.membership_id')
        .select('cec_validators.membership_id')
        .where('cec_validators.association_id', '=', associationId)
        .where('memberships.account_id', '=', accountId)
        .where('memberships.status', '=', 'active')
        .executeTakeFirst();
      return row !== undefined;
    },

    async isValidatorMembership(membershipId: string): Promise<boolean> {
      return (await db.selectFrom('cec_validators').select('membership_id').where('membership_id', '=', membershipId).executeTakeFirst()) !== undefined;
    },

    /** The associations of which the account is valideur CEC (for its pages). */
    validatorOf(accountId: string) {
      return db
        .selectFrom('cec_validators')
        .innerJoin('memberships', 'memberships.id', 'cec_validators.membership_id')
        .innerJoin('associations', 'associations.id', 'cec_validators.association_id')
        .select(['associations.id', 'associations.handle', 'associations.name'])
        .where('memberships.account_id', '=', accountId)
        .where('memberships.status', '=', 'active')
        .orderBy('associations.name')
        .execute();
    },

    /** A membership of the association with its account's status (who may be designated). */
    membership(associationId: string, membershipId: string) {
      return db
        .selectFrom('memberships')
        .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
        .select(['memberships.id', 'memberships.status', 'accounts.status as account_status'])
        .where('memberships.association_id', '=', associationId)
        .where('memberships.id', '=', membershipId)
        .executeTakeFirst();
    },

    /** Active members with an account of this site: who may be named valideur CEC. */
    candidates(associationId: string) {
      return db
        .selectFrom('memberships')
        .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
        .select(['memberships.id as membership_id', 'accounts.first_name', 'accounts.last_name', 'accounts.pseudo', 'accounts.former_member_number'])
        .where('memberships.association_id', '=', associationId)
        .where('memberships.status', '=', 'active')
        .where('accounts.status', '=', 'active')
        .execute();
    },

    async designate(row: { membership_id: string; association_id: string; designated_by: string | null; designated_at: string }): Promise<void> {
      await db.insertInto('cec_validators').values(row).onConflict((oc) => oc.column('membership_id').doNothing()).execute();
    },

    async revoke(associationId: string, membershipId: string): Promise<number> {
      const r = await db.deleteFrom('cec_validators').where('association_id', '=', associationId).where('membership_id', '=', membershipId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
