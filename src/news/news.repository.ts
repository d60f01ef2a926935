/** SQL for association news (flow 6). Deleted news keep their row (deleted_at) so a late fetch of the id finds a tombstone. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { NewsTable, NewsVisibility } from './news.table.ts';

export type NewsRow = Selectable<NewsTable>;

export function newsRepository(db: Db) {
  return {
    /** Live news of an association, newest first; `visibilities` limits what the reader may see. */
    list(associationId: string, visibilities: NewsVisibility[], options: { limit: number; before?: string | undefined }): Promise<NewsRow[]> {
      let q = db
        .selectFrom('news')
        .selectAll()
        .where('association_id', '=', associationId)
        .where('deleted_at', 'is', null)
        .where('visibility', 'in', visibilities);
      if (options.before) q = q.where('published_at', '<', options.before);
      return q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    },
    /** One live item of the association. */
    find(associationId: string, id: string): Promise<NewsRow | undefined> {
      return db.selectFrom('news').selectAll().where('association_id', '=', associationId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    },
    /** By id alone, deleted or not (the federation layer answers for tombstones too). */
    findAny(id: string): Promise<NewsRow | undefined> {
      return db.selectFrom('news').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** Live public news of an association, newest first (outbox collection), with the total. */
    async publicPage(associationId: string, options: { limit: number; offset: number }): Promise<{ items: NewsRow[]; total: number }> {
      const base = db.selectFrom('news').where('association_id', '=', associationId).where('deleted_at', 'is', null).where('visibility', '=', 'public');
      const items = await base.selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute();
      const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { items, total: Number(count.n) };
    },
    async insert(row: Insertable<NewsTable>): Promise<void> {
      await db.insertInto('news').values(row).execute();
    },
    async update(id: string, changes: Updateable<NewsTable>): Promise<void> {
      await db.updateTable('news').set(changes).where('id', '=', id).execute();
    },
  };
}
