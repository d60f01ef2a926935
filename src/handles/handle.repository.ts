/** SQL for the instance's handle namespace. */
import type { Db } from '../db/database.ts';
import type { HandleOwner } from '../instance/instance.table.ts';

export function handleRepository(db: Db) {
  return {
    /** Handles in use, or released less than `since` ago, starting with `prefix`. */
    async takenLike(prefix: string, releasedSince: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('handles')
        .select('handle')
        .where('handle', 'like', `${prefix}%`)
        .where((eb) => eb.or([eb('released_at', 'is', null), eb('released_at', '>', releasedSince)]))
        .execute();
      return new Set(rows.map((r) => r.handle));
    },
    async find(handle: string) {
      return db.selectFrom('handles').selectAll().where('handle', '=', handle).executeTakeFirst();
    },
    async insert(handle: string, ownerType: HandleOwner, ownerId: string, now: string): Promise<void> {
      // A handle released more than 90 days ago may be taken again: replace its old row.
      await db.deleteFrom('handles').where('handle', '=', handle).where('released_at', 'is not', null).execute();
      await db.insertInto('handles').values({ handle, owner_type: ownerType, owner_id: ownerId, created_at: now, released_at: null }).execute();
    },
    async release(ownerType: HandleOwner, ownerId: string, now: string): Promise<void> {
      await db
        .updateTable('handles')
        .set({ released_at: now })
        .where('owner_type', '=', ownerType)
        .where('owner_id', '=', ownerId)
        .where('released_at', 'is', null)
        .execute();
    },
  };
}
