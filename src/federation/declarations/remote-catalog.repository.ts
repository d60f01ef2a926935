/** SQL behind the cached catalogs of remote associations (`remote_catalogs`, `remote_catalog_items`). */
import type { Db } from '../../db/database.ts';
import type { RemoteCatalogItemsTable, RemoteCatalogKind } from './remote-catalog.table.ts';

export interface StoredCatalogItem {
  iri: string;
  name: string;
  summary: string | null;
  defaultCategory: string | null;
}

export function remoteCatalogRepository(db: Db) {
  return {
    /** When the association's catalog was last read, and its items in their remote order; null when never read. */
    async find(groupIri: string): Promise<{ fetchedAt: string; items: Pick<RemoteCatalogItemsTable, 'kind' | 'item_iri' | 'name' | 'summary' | 'default_category'>[] } | null> {
      const head = await db.selectFrom('remote_catalogs').select('fetched_at').where('group_iri', '=', groupIri).executeTakeFirst();
      if (!head) return null;
      const items = await db
        .selectFrom('remote_catalog_items')
        .select(['kind', 'item_iri', 'name', 'summary', 'default_category'])
        .where('group_iri', '=', groupIri)
        .orderBy('kind')
        .orderBy('position')
        .execute();
      return { fetchedAt: head.fetched_at, items };
    },

    /** Replaces the whole cached catalog in one transaction (items no longer listed go). */
    async replace(groupIri: string, fetchedAt: string, catalog: Record<RemoteCatalogKind, StoredCatalogItem[]>): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('remote_catalog_items').where('group_iri', '=', groupIri).execute();
        await trx
          .insertInto('remote_catalogs')
          .values({ group_iri: groupIri, fetched_at: fetchedAt })
          .onConflict((oc) => oc.column('group_iri').doUpdateSet({ fetched_at: fetchedAt }))
          .execute();
        for (const kind of ['categories', 'projects', 'levels'] as const) {
          const rows = catalog[kind].map((item, position) => ({
            group_iri: groupIri, kind, item_iri: item.iri, name: item.name, summary: item.summary,
            default_category: item.defaultCategory, position, fetched_at: fetchedAt,
          }));
          // An IRI listed under two kinds would collide on the key: the first kind keeps it.
          if (rows.length > 0) await trx.insertInto('remote_catalog_items').values(rows).onConflict((oc) => oc.doNothing()).execute();
        }
      });
    },
  };
}
