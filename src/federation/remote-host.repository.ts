/** SQL over `remote_hosts` that the inbox needs (blocks; the circuit-breaker columns belong to delivery/). */
import type { Db } from '../db/database.ts';

export function remoteHostRepository(db: Db) {
  return {
    /** Whether the admins blocked this host (`remote_hosts.blocked_at`). */
    async isBlocked(host: string): Promise<boolean> {
      const row = await db
        .selectFrom('remote_hosts')
        .select('blocked_at')
        .where('host', '=', host.toLowerCase())
        .where('blocked_at', 'is not', null)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
