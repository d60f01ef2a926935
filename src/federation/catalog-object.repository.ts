/** SQL behind the public catalog objects (categories, projects, levels) served as raw JSON. */
import type { Db } from '../db/database.ts';

export type CatalogKind = 'categories' | 'projects' | 'levels';

export interface CatalogObjectRow {
  id: string;
  association_id: string;
  name: string;
  description: string | null;
  /** Categories only: the reference code they count as. */
  reference_code: string | null;
}

export function catalogObjectRepository(db: Db) {
  const categories = () => db.selectFrom('categories').select(['id', 'association_id', 'name', 'description', 'reference_code', 'position', 'name_key']);
  const others = (kind: 'projects' | 'levels') =>
    db.selectFrom(kind).select((eb) => ['id', 'association_id', 'name', 'description', eb.val<string | null>(null).as('reference_code'), 'position', 'name_key']);
  return {
    /** One association's items in their display order. */
    async list(kind: CatalogKind, associationId: string): Promise<CatalogObjectRow[]> {
      if (kind === 'categories') return categories().where('association_id', '=', associationId).orderBy('position').orderBy('name_key').execute();
      return others(kind).where('association_id', '=', associationId).orderBy('position').orderBy('name_key').execute();
    },
    async find(kind: CatalogKind, id: string): Promise<CatalogObjectRow | undefined> {
      if (kind === 'categories') return categories().where('id', '=', id).executeTakeFirst();
      return others(kind).where('id', '=', id).executeTakeFirst();
    },
  };
}
