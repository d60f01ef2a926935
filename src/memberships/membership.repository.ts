/** SQL for memberships (shared by the policy, associations and membership services). */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AssociationsTable } from '../associations/association.table.ts';
import type { RolesTable } from '../roles/role.table.ts';
import type { MembershipStatus, MembershipsTable } from './membership.table.ts';

export type MembershipRow = Selectable<MembershipsTable>;
export type RoleRow = Selectable<RolesTable>;
export type AssociationRow = Selectable<AssociationsTable>;

/** A membership with what the member list shows of its account and role. */
export interface MemberRow extends MembershipRow {
  role_name: string;
  handle: string | null;
  first_name: string | null;
  last_name: string | null;
  pseudo: string | null;
  former_member_number: number | null;
  account_created_at: string;
  avatar_updated_at: string | null;
  /** Set for a member from another site (a remote account). */
  remote_iri: string | null;
  remote_handle: string | null;
  remote_url: string | null;
}

/** Someone to email: an active account with an address. */
export interface Recipient {
  id: string;
  email: string;
  language: 'fr' | 'en';
  first_name: string | null;
  last_name: string | null;
  pseudo: string | null;
  former_member_number: number | null;
}

export function membershipRepository(db: Db) {
  const members = () =>
    db
      .selectFrom('memberships')
      .innerJoin('roles', 'roles.id', 'memberships.role_id')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .leftJoin('avatars', 'avatars.account_id', 'memberships.account_id')
      // A member from another site: its actor's copy gives its handle and page.
      .leftJoin('remote_actors', 'remote_actors.iri', 'accounts.remote_iri')
      .selectAll('memberships')
      .select([
        'roles.name as role_name',
        'accounts.handle',
        'accounts.first_name',
        'accounts.last_name',
        'accounts.pseudo',
        'accounts.former_member_number',
        'accounts.created_at as account_created_at',
        'avatars.updated_at as avatar_updated_at',
        'accounts.remote_iri',
        'remote_actors.handle as remote_handle',
        'remote_actors.url as remote_url',
      ]);

  return {
    /** The account's membership in the association with its role, if any. */
    async findWithRole(associationId: string, accountId: string): Promise<{ membership: MembershipRow; role: RoleRow } | undefined> {
      const membership = await db
        .selectFrom('memberships')
        .selectAll()
        .where('association_id', '=', associationId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!membership) return undefined;
      const role = await db.selectFrom('roles').selectAll().where('id', '=', membership.role_id).executeTakeFirstOrThrow();
      return { membership, role };
    },

    /** A membership of this association by its id, with its role. */
    async findInAssociation(associationId: string, membershipId: string): Promise<{ membership: MembershipRow; role: RoleRow } | undefined> {
      const membership = await db
        .selectFrom('memberships')
        .selectAll()
        .where('association_id', '=', associationId)
        .where('id', '=', membershipId)
        .executeTakeFirst();
      if (!membership) return undefined;
      const role = await db.selectFrom('roles').selectAll().where('id', '=', membership.role_id).executeTakeFirstOrThrow();
      return { membership, role };
    },

    /** One member as the list shows it. */
    findMember(membershipId: string): Promise<MemberRow | undefined> {
      return members().where('memberships.id', '=', membershipId).executeTakeFirst();
    },

    /** Every member of the association matching the filters (sorted by the caller, in French order). */
    listMembers(associationId: string, filter: { roleId?: string | undefined; status?: MembershipStatus | undefined }): Promise<MemberRow[]> {
      let q = members().where('memberships.association_id', '=', associationId);
      if (filter.roleId) q = q.where('memberships.role_id', '=', filter.roleId);
      if (filter.status) q = q.where('memberships.status', '=', filter.status);
      return q.execute();
    },

    async insert(row: Insertable<MembershipsTable>): Promise<void> {
      await db.insertInto('memberships').values(row).execute();
    },
    async update(id: string, changes: Updateable<MembershipsTable>): Promise<void> {
      await db.updateTable('memberships').set(changes).where('id', '=', id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('memberships').where('id', '=', id).execute();
    },

    /**
     * Active members whose role manages the association ("managers"), leaving out one
     * membership or one role: the safeguards ask « who would remain? ».
     */
    async countManagers(associationId: string, except: { membershipId?: string; roleId?: string } = {}): Promise<number> {
      let q = db
        .selectFrom('memberships')
        .innerJoin('roles', 'roles.id', 'memberships.role_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('memberships.association_id', '=', associationId)
        .where('memberships.status', '=', 'active')
        .where('roles.manage_association', '=', 1);
      if (except.membershipId) q = q.where('memberships.id', '!=', except.membershipId);
      if (except.roleId) q = q.where('roles.id', '!=', except.roleId);
      return Number((await q.executeTakeFirstOrThrow()).n);
    },

    async countActive(associationId: string): Promise<number> {
      const row = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('association_id', '=', associationId)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Active members of the association whose role grants one of the permissions (to email them). */
    recipientsWith(associationId: string, permission: 'manage_members' | 'manage_association'): Promise<Recipient[]> {
      return db
        .selectFrom('memberships')
        .innerJoin('roles', 'roles.id', 'memberships.role_id')
        .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
        .select(['accounts.id', 'accounts.email', 'accounts.language', 'accounts.first_name', 'accounts.last_name', 'accounts.pseudo', 'accounts.former_member_number'])
        .where('memberships.association_id', '=', associationId)
        .where('memberships.status', '=', 'active')
        .where('accounts.status', '=', 'active')
        .where('accounts.email', 'is not', null)
        .where((eb) => eb.or([eb(`roles.${permission}`, '=', 1), eb('roles.manage_association', '=', 1)]))
        .$narrowType<{ email: string }>()
        .execute();
    },

    /** Every membership of an account, with the association's name. */
    ofAccount(accountId: string): Promise<(MembershipRow & { association_name: string; manages: number })[]> {
      return db
        .selectFrom('memberships')
        .innerJoin('associations', 'associations.id', 'memberships.association_id')
        .innerJoin('roles', 'roles.id', 'memberships.role_id')
        .selectAll('memberships')
        .select(['associations.name as association_name', 'roles.manage_association as manages'])
        .where('memberships.account_id', '=', accountId)
        .orderBy('associations.name_key')
        .execute();
    },

    /** Our own look-up of the associations table (the associations domain owns it): by id or handle. */
    findAssociation(ref: string): Promise<AssociationRow | undefined> {
      return db
        .selectFrom('associations')
        .selectAll()
        .where((eb) => eb.or([eb('id', '=', ref), eb('handle', '=', ref.toLowerCase())]))
        .executeTakeFirst();
    },
  };
}

export type MembershipRepository = ReturnType<typeof membershipRepository>;
