/** SQL for moderation (flow 10): Flag reports received from other sites, and blocked remote hosts. */
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FlagsTable, RemoteHostsTable } from '../federation/federation.table.ts';

/** Who did it, as the accounts table names them (for displayName); all null once the account is gone. */
export interface ByAccount {
  first_name: string | null;
  last_name: string | null;
  pseudo: string | null;
  former_member_number: number | null;
}
export type FlagRow = Selectable<FlagsTable> & ByAccount & { reporter_name: string | null; reporter_handle: string | null };
export type RemoteHostRow = Selectable<RemoteHostsTable> & ByAccount;
const BY = ['accounts.first_name', 'accounts.last_name', 'accounts.pseudo', 'accounts.former_member_number'] as const;

export type ReportStatus = 'open' | 'resolved' | 'all';

export function moderationRepository(db: Db) {
  const flags = () =>
    db
      .selectFrom('flags')
      .leftJoin('remote_actors', 'remote_actors.iri', 'flags.reporter_iri')
      .leftJoin('accounts', 'accounts.id', 'flags.resolved_by')
      .selectAll('flags')
      .select(['remote_actors.name as reporter_name', 'remote_actors.handle as reporter_handle', ...BY]);

  return {
    /** Reports, newest first; open ones are what admins must look at. */
    listFlags(status: ReportStatus, limit: number): Promise<FlagRow[]> {
      let q = flags();
      if (status === 'open') q = q.where('flags.resolved_at', 'is', null);
      if (status === 'resolved') q = q.where('flags.resolved_at', 'is not', null);
      return q.orderBy('flags.received_at', 'desc').orderBy('flags.id', 'desc').limit(limit).execute();
    },
    findFlag(id: string): Promise<FlagRow | undefined> {
      return flags().where('flags.id', '=', id).executeTakeFirst();
    },
    async resolveFlag(id: string, accountId: string | null, at: string): Promise<void> {
      await db.updateTable('flags').set({ resolved_at: at, resolved_by: accountId }).where('id', '=', id).execute();
    },
    async countOpenFlags(): Promise<number> {
      const row = await db.selectFrom('flags').select((eb) => eb.fn.countAll<number>().as('n')).where('resolved_at', 'is', null).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Blocked hosts, most recent block first, with who blocked them. */
    listBlocked(): Promise<RemoteHostRow[]> {
      return db
        .selectFrom('remote_hosts')
        .leftJoin('accounts', 'accounts.id', 'remote_hosts.blocked_by')
        .selectAll('remote_hosts')
        .select([...BY])
        .where('remote_hosts.blocked_at', 'is not', null)
        .orderBy('remote_hosts.blocked_at', 'desc')
        .execute();
    },
    findHost(host: string): Promise<Selectable<RemoteHostsTable> | undefined> {
      return db.selectFrom('remote_hosts').selectAll().where('host', '=', host).executeTakeFirst();
    },
    /** Marks the host blocked, creating its row when we never talked to it (the circuit-breaker columns keep their defaults). */
    async block(host: string, accountId: string | null, reason: string | null, at: string): Promise<void> {
      await db
        .insertInto('remote_hosts')
        .values({ host, blocked_at: at, blocked_by: accountId, block_reason: reason, consecutive_failures: 0 })
        .onConflict((oc) => oc.column('host').doUpdateSet({ blocked_at: at, blocked_by: accountId, block_reason: reason }))
        .execute();
    },
    async unblock(host: string): Promise<void> {
      await db.updateTable('remote_hosts').set({ blocked_at: null, blocked_by: null, block_reason: null }).where('host', '=', host).execute();
    },
    /** Removes every follower on the host; returns how many there were. */
    async removeFollowersOn(host: string): Promise<number> {
      const result = await db.deleteFrom('follows').where('follower_host', '=', host).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
