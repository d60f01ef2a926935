/** SQL of local accounts following remote associations, and of the news those sent us. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FollowingTable, RemoteNewsTable } from './following.table.ts';

export interface FollowedRow extends FollowingTable {
  name: string | null;
  handle: string | null;
  url: string | null;
}

export interface ReceivedNewsRow extends Selectable<RemoteNewsTable> {
  group_name: string | null;
  group_handle: string | null;
}

/** The queries of `following` and `remote_news` on `db` (a connection or a transaction). */
export function followingRepository(db: Db) {
  return {
    async find(accountId: string, iri: string): Promise<FollowingTable | undefined> {
      return db.selectFrom('following').selectAll().where('account_id', '=', accountId).where('iri', '=', iri).executeTakeFirst();
    },
    async byId(accountId: string, id: string): Promise<FollowingTable | undefined> {
      return db.selectFrom('following').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
    },
    async insert(row: FollowingTable): Promise<void> {
      await db.insertInto('following').values(row).execute();
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('following').where('id', '=', id).execute();
    },
    /** The associations an account follows, with what we know of them (newest first). */
    async listFor(accountId: string): Promise<FollowedRow[]> {
      return db
        .selectFrom('following')
        .leftJoin('remote_actors', 'remote_actors.iri', 'following.iri')
        .selectAll('following')
        .select(['remote_actors.name', 'remote_actors.handle', 'remote_actors.url'])
        .where('following.account_id', '=', accountId)
        .orderBy('following.created_at', 'desc')
        .orderBy('following.id', 'desc')
        .execute();
    },
    /** The Group's Accept of our Follow: matched on the Follow's id and on the Group that sent it. */
    async accept(followActivityIri: string, groupIri: string, now: string): Promise<number> {
      const result = await db
        .updateTable('following')
        .set({ status: 'accepted', accepted_at: now })
        .where('follow_activity_iri', '=', followActivityIri)
        .where('iri', '=', groupIri)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    /** The Group's Reject of our Follow (or of a follow it no longer wants): the row goes. */
    async reject(followActivityIri: string, groupIri: string): Promise<number> {
      const result = await db.deleteFrom('following').where('follow_activity_iri', '=', followActivityIri).where('iri', '=', groupIri).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    /** Whether at least one of our accounts follows this Group (Follow accepted). */
    async followed(groupIri: string): Promise<boolean> {
      const row = await db.selectFrom('following').select('id').where('iri', '=', groupIri).where('status', '=', 'accepted').executeTakeFirst();
      return row !== undefined;
    },
    /** Once nobody here follows a Group any more, the news it sent go: nobody may read them. */
    async dropNewsIfUnfollowed(groupIri: string): Promise<number> {
      const followed = await db.selectFrom('following').select('id').where('iri', '=', groupIri).executeTakeFirst();
      if (followed) return 0;
      // Members-only news stay for the Group's members here (they are read through their membership).
      const result = await db.deleteFrom('remote_news').where('group_iri', '=', groupIri).where('audience', '=', 'public').executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async news(iri: string): Promise<Selectable<RemoteNewsTable> | undefined> {
      return db.selectFrom('remote_news').selectAll().where('iri', '=', iri).executeTakeFirst();
    },
    /** Stores or replaces a news item of `group_iri` (never one another Group sent: the caller checks). */
    async upsertNews(row: Insertable<RemoteNewsTable>): Promise<void> {
      const { iri: _iri, received_at: _received, ...rest } = row;
      await db.insertInto('remote_news').values(row).onConflict((oc) => oc.column('iri').doUpdateSet(rest)).execute();
    },
    async markNewsDeleted(iri: string, groupIri: string, now: string): Promise<number> {
      const result = await db
        .updateTable('remote_news')
        .set({ deleted_at: now, title: '', text: '' }) // nothing of a deleted item is kept
        .where('iri', '=', iri)
        .where('group_iri', '=', groupIri)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    /**
     * Live news for an account, newest first, before `before`: the public news of the Groups
     * it follows (accepted), and the members-only news of the Groups it is an active member of.
     */
    async newsFor(accountId: string, page: { limit: number; before?: string | undefined }): Promise<ReceivedNewsRow[]> {
      let query = db
        .selectFrom('remote_news')
        .leftJoin('remote_actors', 'remote_actors.iri', 'remote_news.group_iri')
        .selectAll('remote_news')
        .select(['remote_actors.name as group_name', 'remote_actors.handle as group_handle'])
        .where((eb) =>
          eb.or([
            eb.and([
              eb('remote_news.audience', '=', 'public'),
              eb.exists(
                eb.selectFrom('following').select('following.id').whereRef('following.iri', '=', 'remote_news.group_iri')
                  .where('following.account_id', '=', accountId).where('following.status', '=', 'accepted'),
              ),
            ]),
            eb.exists(
              eb.selectFrom('remote_memberships').select('remote_memberships.id').whereRef('remote_memberships.group_iri', '=', 'remote_news.group_iri')
                .where('remote_memberships.account_id', '=', accountId).where('remote_memberships.status', '=', 'active'),
            ),
          ]),
        )
        .where('remote_news.deleted_at', 'is', null);
      if (page.before) query = query.where('remote_news.published', '<', page.before);
      return query.orderBy('remote_news.published', 'desc').orderBy('remote_news.iri', 'desc').limit(page.limit).execute();
    },
  };
}
