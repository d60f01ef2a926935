/** SQL of the remote actors we keep (`remote_actors`). */
import type { Db } from '../db/database.ts';
import type { RemoteActorsTable } from './federation.table.ts';

/** Keeps the latest copy of a remote actor (insert or replace its columns). */
export async function upsertRemoteActor(db: Db, row: RemoteActorsTable): Promise<void> {
  const { iri: _iri, ...rest } = row;
  await db.insertInto('remote_actors').values(row).onConflict((oc) => oc.column('iri').doUpdateSet(rest)).execute();
}
