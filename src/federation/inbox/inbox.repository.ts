/** SQL of the inbox: activities seen (idempotency), remote actors, follows, flags. */
import type { Db } from '../../db/database.ts';
import type { FlagsTable } from '../federation.table.ts';

export function inboxRepository(db: Db) {
  return {
    async seen(activityIri: string): Promise<boolean> {
      const row = await db.selectFrom('inbox_activities').select('activity_iri').where('activity_iri', '=', activityIri).executeTakeFirst();
      return row !== undefined;
    },
    /** Records an activity as processed; false when it already was (a concurrent replay). */
    async markSeen(row: { activity_iri: string; actor_iri: string; type: string; received_at: string }): Promise<boolean> {
      const result = await db.insertInto('inbox_activities').values(row).onConflict((oc) => oc.column('activity_iri').doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async addFollow(row: { id: string; association_id: string; follower_iri: string; follower_host: string; follow_activity_iri: string; created_at: string }): Promise<void> {
      await db
        .insertInto('follows')
        .values(row)
        // Following again (a new Follow id) keeps one row and remembers the latest Follow.
        .onConflict((oc) => oc.columns(['association_id', 'follower_iri']).doUpdateSet({ follow_activity_iri: row.follow_activity_iri }))
        .execute();
    },
    /** Removes a follow named by its Follow id, or by follower and association. */
    async removeFollow(followerIri: string, match: { followActivityIri?: string | undefined; associationId?: string | undefined }): Promise<number> {
      if (!match.followActivityIri && !match.associationId) return 0;
      const result = await db
        .deleteFrom('follows')
        .where('follower_iri', '=', followerIri)
        .where((eb) => {
          const ors = [];
          if (match.followActivityIri) ors.push(eb('follow_activity_iri', '=', match.followActivityIri));
          if (match.associationId) ors.push(eb('association_id', '=', match.associationId));
          return eb.or(ors);
        })
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    /** Whether we keep this remote actor (a follower, a looked-up association …). */
    async knowsActor(iri: string): Promise<boolean> {
      return (await db.selectFrom('remote_actors').select('iri').where('iri', '=', iri).executeTakeFirst()) !== undefined;
    },
    /** A remote actor is gone: its follows and our copy of it go too. */
    async forgetActor(iri: string): Promise<number> {
      const result = await db.deleteFrom('follows').where('follower_iri', '=', iri).executeTakeFirst();
      await db.deleteFrom('remote_actors').where('iri', '=', iri).execute();
      return Number(result.numDeletedRows);
    },
    async addFlag(row: Omit<FlagsTable, 'resolved_at' | 'resolved_by'>): Promise<void> {
      await db.insertInto('flags').values({ ...row, resolved_at: null, resolved_by: null }).onConflict((oc) => oc.column('activity_iri').doNothing()).execute();
    },
  };
}
