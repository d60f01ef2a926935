/** SQL for memberships (shared by the policy, associations and membership services). */
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { RolesTable } from '../roles/role.table.ts';
import type { MembershipsTable } from './membership.table.ts';

export type MembershipRow = Selectable<MembershipsTable>;
export type RoleRow = Selectable<RolesTable>;

export function membershipRepository(db: Db) {
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
  };
}
