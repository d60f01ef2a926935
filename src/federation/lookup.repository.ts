/** SQL of discovery: is a host blocked, and the remote actors we looked up. */
import type { Db } from '../db/database.ts';
import type { RemoteActorsTable } from './federation.table.ts';

export function lookupRepository(db: Db) {
  return {
    async isBlocked(host: string): Promise<boolean> {
      const row = await db.selectFrom('remote_hosts').select('blocked_at').where('host', '=', host).executeTakeFirst();
      return Boolean(row?.blocked_at);
    },
    /** Keeps the latest copy of an actor document (the next issue's Join starts from it). */
    async upsertRemoteActor(row: RemoteActorsTable): Promise<void> {
      const { iri: _iri, ...rest } = row;
      await db.insertInto('remote_actors').values(row).onConflict((oc) => oc.column('iri').doUpdateSet(rest)).execute();
    },
  };
}
