/** SQL behind the actors' collections: followers, members, the records ledger. */
import type { Db } from '../db/database.ts';

export interface FollowerRow {
  id: string;
  follower_iri: string;
  inbox: string | null;
  shared_inbox: string | null;
}

export function collectionRepository(db: Db) {
  return {
    /** Followers of an association in follow order, after `cursor` (a follows.id), optionally of one origin. */
    followers(associationId: string, options: { after?: string | null; limit?: number; origin?: string | null } = {}): Promise<FollowerRow[]> {
      let q = db
        .selectFrom('follows')
        .leftJoin('remote_actors', 'remote_actors.iri', 'follows.follower_iri')
        .select(['follows.id', 'follows.follower_iri', 'remote_actors.inbox', 'remote_actors.shared_inbox'])
        .where('follows.association_id', '=', associationId)
        .orderBy('follows.id');
      if (options.after) q = q.where('follows.id', '>', options.after);
      // FEP-8fcf followers synchronisation asks for one origin's followers only.
      if (options.origin) q = q.where('follows.follower_iri', 'like', `${options.origin}/%`);
      if (options.limit) q = q.limit(options.limit);
      return q.execute();
    },

    async followerCount(associationId: string): Promise<number> {
      const row = await db
        .selectFrom('follows')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('association_id', '=', associationId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Active members (local, and remote ones from other sites), in membership order: account id and remote actor id. */
    async members(associationId: string): Promise<{ accountId: string; remoteIri: string | null }[]> {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
        .select(['memberships.account_id', 'accounts.remote_iri'])
        .where('memberships.association_id', '=', associationId)
        .where('memberships.status', '=', 'active')
        .where('accounts.status', 'in', ['active', 'remote'])
        .orderBy('memberships.id')
        .execute();
      return rows.map((r) => ({ accountId: r.account_id, remoteIri: r.remote_iri }));
    },

    /** The remote account of a remote actor id, if one joined here. */
    async remoteAccountId(iri: string): Promise<string | undefined> {
      const row = await db.selectFrom('accounts').select('id').where('remote_iri', '=', iri).where('status', '=', 'remote').executeTakeFirst();
      return row?.id;
    },

    /** The account's active membership here, with whether its role manages declarations. */
    async membership(associationId: string, accountId: string): Promise<{ managesDeclarations: boolean } | undefined> {
      const row = await db
        .selectFrom('memberships')
        .innerJoin('roles', 'roles.id', 'memberships.role_id')
        .select('roles.manage_declarations')
        .where('memberships.association_id', '=', associationId)
        .where('memberships.account_id', '=', accountId)
        .where('memberships.status', '=', 'active')
        .executeTakeFirst();
      return row && { managesDeclarations: row.manage_declarations === 1 };
    },

    /** Declaration ids of the association's ledger (all, or one author's). */
    async declarationIds(associationId: string, authorAccountId?: string): Promise<string[]> {
      let q = db.selectFrom('declarations').select('id').where('association_id', '=', associationId).orderBy('id');
      if (authorAccountId) q = q.where('author_type', '=', 'account').where('author_account_id', '=', authorAccountId);
      return (await q.execute()).map((r) => r.id);
    },
  };
}
