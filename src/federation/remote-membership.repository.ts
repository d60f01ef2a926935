/** SQL of our accounts' memberships in associations of other sites (`remote_memberships`). */
import type { Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { RemoteMembershipsTable } from './remote-membership.table.ts';

export interface RemoteMembershipRow extends RemoteMembershipsTable {
  name: string | null;
  handle: string | null;
  url: string | null;
}

export function remoteMembershipRepository(db: Db) {
  return {
    find(accountId: string, groupIri: string): Promise<RemoteMembershipsTable | undefined> {
      return db.selectFrom('remote_memberships').selectAll().where('account_id', '=', accountId).where('group_iri', '=', groupIri).executeTakeFirst();
    },
    byId(accountId: string, id: string): Promise<RemoteMembershipsTable | undefined> {
      return db.selectFrom('remote_memberships').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    },
    /** The membership our Join `joinIri` asked for, in the Group that answers. */
    byJoin(joinIri: string, groupIri: string): Promise<RemoteMembershipsTable | undefined> {
      return db.selectFrom('remote_memberships').selectAll().where('join_activity_iri', '=', joinIri).where('group_iri', '=', groupIri).executeTakeFirst();
    },
    async insert(row: RemoteMembershipsTable): Promise<void> {
      await db.insertInto('remote_memberships').values(row).execute();
    },
    async update(id: string, changes: Updateable<RemoteMembershipsTable>): Promise<void> {
      await db.updateTable('remote_memberships').set(changes).where('id', '=', id).execute();
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('remote_memberships').where('id', '=', id).execute();
    },
    /** Whether any of these accounts (all of ours when none given) is an active member of the Group. */
    async hasActiveMember(groupIri: string, accountIds?: string[]): Promise<boolean> {
      if (accountIds?.length === 0) return false;
      let q = db.selectFrom('remote_memberships').select('id').where('group_iri', '=', groupIri).where('status', '=', 'active');
      if (accountIds) q = q.where('account_id', 'in', accountIds);
      return (await q.limit(1).executeTakeFirst()) !== undefined;
    },
    /** An account's remote memberships with what we know of the associations, newest first. */
    listFor(accountId: string): Promise<RemoteMembershipRow[]> {
      return db
        .selectFrom('remote_memberships')
        .leftJoin('remote_actors', 'remote_actors.iri', 'remote_memberships.group_iri')
        .selectAll('remote_memberships')
        .select(['remote_actors.name', 'remote_actors.handle', 'remote_actors.url'])
        .where('remote_memberships.account_id', '=', accountId)
        .orderBy('remote_memberships.created_at', 'desc')
        .orderBy('remote_memberships.id', 'desc')
        .execute();
    },
  };
}
