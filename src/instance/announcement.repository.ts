/** SQL for announcements shown at the top of every page (spec §A9). */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AnnouncementAudience, AnnouncementsTable } from './instance.table.ts';

export type AnnouncementRow = Selectable<AnnouncementsTable>;

export function announcementRepository(db: Db) {
  return {
    all(): Promise<AnnouncementRow[]> {
      return db.selectFrom('announcements').selectAll().orderBy('publish_at', 'desc').orderBy('id', 'desc').execute();
    },
    /** Those shown at `now`: published, not yet expired, for one of the audiences. */
    activeAt(now: string, audiences: AnnouncementAudience[]): Promise<AnnouncementRow[]> {
      return db
        .selectFrom('announcements')
        .selectAll()
        .where('publish_at', '<=', now)
        .where((eb) => eb.or([eb('expire_at', 'is', null), eb('expire_at', '>', now)]))
        .where('audience', 'in', audiences)
        .orderBy('publish_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
    },
    find(id: string): Promise<AnnouncementRow | undefined> {
      return db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insert(row: Insertable<AnnouncementsTable>): Promise<void> {
      await db.insertInto('announcements').values(row).execute();
    },
    async update(id: string, changes: Updateable<AnnouncementsTable>): Promise<void> {
      await db.updateTable('announcements').set(changes).where('id', '=', id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('announcements').where('id', '=', id).execute();
    },
    /** Whether the account manages at least one association (active member of a role with manage_association). */
    async managesAnAssociation(accountId: string): Promise<boolean> {
      const row = await db
        .selectFrom('memberships')
        .innerJoin('roles', 'roles.id', 'memberships.role_id')
        .select('memberships.id')
        .where('memberships.account_id', '=', accountId)
        .where('memberships.status', '=', 'active')
        .where('roles.manage_association', '=', 1)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
