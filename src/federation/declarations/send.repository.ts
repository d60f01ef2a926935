/** SQL of our copies of declarations made for associations of other sites (send.service.ts). */
import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { RemoteDeclarationsTable } from './remote-declaration.table.ts';

export type RemoteDeclarationRow = Selectable<RemoteDeclarationsTable>;
/** A copy with what the page shows of its association (the cached remote actor). */
export type RemoteDeclarationListRow = RemoteDeclarationRow & { group_name: string | null; group_handle: string | null; undelivered: number };

export function remoteDeclarationRepository(db: Db) {
  const withGroup = () =>
    db
      .selectFrom('remote_declarations as d')
      .leftJoin('remote_actors as a', 'a.iri', 'd.group_iri')
      .selectAll('d')
      .select(['a.name as group_name', 'a.handle as group_handle'])
      // A delivery still queued, failing or dead for the current activity: not yet received there.
      .select((eb) =>
        eb
          .selectFrom('deliveries')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('deliveries.activity_id', '=', 'd.activity_iri')
          .as('undelivered'),
      );
  return {
    async insert(row: RemoteDeclarationsTable): Promise<void> {
      await db.insertInto('remote_declarations').values(row).execute();
    },
    async update(id: string, change: Updateable<RemoteDeclarationsTable>): Promise<void> {
      await db.updateTable('remote_declarations').set(change).where('id', '=', id).execute();
    },
    async get(id: string): Promise<RemoteDeclarationRow | undefined> {
      return db.selectFrom('remote_declarations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async byActivity(activityIri: string): Promise<RemoteDeclarationRow | undefined> {
      return db.selectFrom('remote_declarations').selectAll().where('activity_iri', '=', activityIri).executeTakeFirst();
    },
    async view(accountId: string, id: string): Promise<RemoteDeclarationListRow | undefined> {
      const row = await withGroup().where('d.account_id', '=', accountId).where('d.id', '=', id).executeTakeFirst();
      return row ? { ...row, undelivered: Number(row.undelivered ?? 0) } : undefined;
    },
    async list(accountId: string, groupIri: string | null): Promise<RemoteDeclarationListRow[]> {
      let q = withGroup().where('d.account_id', '=', accountId).where('d.status', '!=', 'withdrawn');
      if (groupIri) q = q.where('d.group_iri', '=', groupIri);
      const rows = await q.orderBy('d.date', 'desc').orderBy('d.id', 'desc').execute();
      return rows.map((r) => ({ ...r, undelivered: Number(r.undelivered ?? 0) }));
    },
    /** The account's membership there: its state, and whether the association was deleted. */
    async membership(accountId: string, groupIri: string): Promise<{ status: string; association_deleted_at: string | null } | undefined> {
      return db
        .selectFrom('remote_memberships')
        .select(['status', 'association_deleted_at'])
        .where('account_id', '=', accountId)
        .where('group_iri', '=', groupIri)
        .executeTakeFirst();
    },
    /** Copies without a decision whose activity was queued before `sentBefore` and not re-sent since `resentBefore`. */
    async undecided(sentBefore: string, resentBefore: string, limit: number): Promise<RemoteDeclarationRow[]> {
      return db
        .selectFrom('remote_declarations')
        .selectAll()
        .where('status', 'in', ['unsent', 'pending'])
        .where('document', 'is not', null)
        .where('association_deleted_at', 'is', null)
        .where('sent_at', '<=', sentBefore)
        .where((eb) => eb.or([eb('resent_at', 'is', null), eb('resent_at', '<=', resentBefore)]))
        .orderBy('sent_at')
        .limit(limit)
        .execute();
    },
  };
}
