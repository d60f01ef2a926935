/**
 * The association's side of flow 3: the IRIs of its own categories, projects and levels,
 * as catalog-objects.routes.ts publishes them — what a received Declaration's `category`,
 * `context` and `level` must be among (`DeclarationExpectations` of declaration-document.ts).
 */
import type { Db } from '../../db/database.ts';
import { catalogObjectRepository } from '../catalog-object.repository.ts';
import { catalogObjectIri } from '../uris.ts';
import type { RemoteCatalogKind } from './remote-catalog.table.ts';

/** Its catalog IRIs, and from an IRI back to the local row id (to store a received declaration). */
export async function ownCatalogIris(db: Db, origin: string, associationId: string): Promise<{
  sets: Record<RemoteCatalogKind, ReadonlySet<string>>;
  localId: (kind: RemoteCatalogKind, iri: string) => string | null;
}> {
  const repo = catalogObjectRepository(db);
  const maps = {} as Record<RemoteCatalogKind, Map<string, string>>;
  for (const kind of ['categories', 'projects', 'levels'] as const) {
    maps[kind] = new Map((await repo.list(kind, associationId)).map((row) => [catalogObjectIri(origin, kind, row.id), row.id]));
  }
  return {
    sets: { categories: new Set(maps.categories.keys()), projects: new Set(maps.projects.keys()), levels: new Set(maps.levels.keys()) },
    localId: (kind, iri) => maps[kind].get(iri) ?? null,
  };
}
