/** SQL for anonymous members and their link sessions. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AnonymousMembersTable, AnonymousSessionsTable } from './membership.table.ts';

export type AnonymousMemberRow = Selectable<AnonymousMembersTable>;
export type AnonymousSessionRow = Selectable<AnonymousSessionsTable>;

/** What deciding whether a link (or its session) still opens needs. */
export interface AnonymousAccessRow {
  member: AnonymousMemberRow;
  association: { id: string; is_active: number; time_zone: string };
}

export function anonymousRepository(db: Db) {
  const withAssociation = () =>
    db
      .selectFrom('anonymous_members')
      .innerJoin('associations', 'associations.id', 'anonymous_members.association_id')
      .selectAll('anonymous_members')
      .select(['associations.is_active as association_is_active', 'associations.time_zone']);

  const split = (r: AnonymousMemberRow & { association_is_active: number; time_zone: string }): AnonymousAccessRow => {
    const { association_is_active, time_zone, ...member } = r;
    return { member, association: { id: member.association_id, is_active: association_is_active, time_zone } };
  };

  return {
    list(associationId: string): Promise<AnonymousMemberRow[]> {
      return db.selectFrom('anonymous_members').selectAll().where('association_id', '=', associationId).orderBy('created_at').execute();
    },
    find(associationId: string, id: string): Promise<AnonymousMemberRow | undefined> {
      return db.selectFrom('anonymous_members').selectAll().where('association_id', '=', associationId).where('id', '=', id).executeTakeFirst();
    },
    async findBySecretHash(hash: string): Promise<AnonymousAccessRow | undefined> {
      const r = await withAssociation().where('anonymous_members.secret_hash', '=', hash).executeTakeFirst();
      return r && split(r);
    },
    async insert(row: Insertable<AnonymousMembersTable>): Promise<void> {
      await db.insertInto('anonymous_members').values(row).execute();
    },
    async update(id: string, changes: Updateable<AnonymousMembersTable>): Promise<void> {
      await db.updateTable('anonymous_members').set(changes).where('id', '=', id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('anonymous_members').where('id', '=', id).execute();
    },

    // Link sessions ---------------------------------------------------------------------
    async insertSession(row: Insertable<AnonymousSessionsTable>): Promise<void> {
      await db.insertInto('anonymous_sessions').values(row).execute();
    },
    async findSession(tokenHash: string): Promise<(AnonymousAccessRow & { session: AnonymousSessionRow }) | undefined> {
      const session = await db.selectFrom('anonymous_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      if (!session) return undefined;
      const r = await withAssociation().where('anonymous_members.id', '=', session.anonymous_member_id).executeTakeFirst();
      return r && { ...split(r), session };
    },
    async deleteSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('anonymous_sessions').where('token_hash', '=', tokenHash).execute();
    },
    /** A new link, a deactivation: sessions opened with the old state end. */
    async deleteSessionsOf(anonymousMemberId: string): Promise<void> {
      await db.deleteFrom('anonymous_sessions').where('anonymous_member_id', '=', anonymousMemberId).execute();
    },
    async deleteExpiredSessions(now: string): Promise<void> {
      await db.deleteFrom('anonymous_sessions').where('expires_at', '<=', now).execute();
    },
  };
}
