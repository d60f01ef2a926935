/** Row types of the cached catalogs of remote associations (migration 2026-11-27T1810-remote-catalog). */
export type RemoteCatalogKind = 'categories' | 'projects' | 'levels';

export interface RemoteCatalogsTable {
  /** The remote Group's actor id. */
  group_iri: string;
  /** When its three collections were last read whole. */
  fetched_at: string;
}

export interface RemoteCatalogItemsTable {
  group_iri: string;
  kind: RemoteCatalogKind;
  /** The item's id: what a Declaration names in `category`, `context` or `level`. */
  item_iri: string;
  name: string;
  /** Plain text. */
  summary: string | null;
  /** Categories: the reference code (`defaultCategory`). */
  default_category: string | null;
  /** Order in the remote collection. */
  position: number;
  fetched_at: string;
}
