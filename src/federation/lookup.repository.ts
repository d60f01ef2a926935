/** SQL of discovery: is a host blocked (remote actors are kept by remote-actor.repository.ts). */
import type { Db } from '../db/database.ts';

export function lookupRepository(db: Db) {
  return {
    async isBlocked(host: string): Promise<boolean> {
      const row = await db.selectFrom('remote_hosts').select('blocked_at').where('host', '=', host).executeTakeFirst();
      return Boolean(row?.blocked_at);
    },
  };
}
