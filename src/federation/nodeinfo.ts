/**
 * NodeInfo 2.1 (federation.md, Actors): software name and version, `activitypub`,
 * usage counts, and `metadata.protocolVersion` — the version of FEDERATION.md this
 * instance speaks (additive changes only; a breaking one would bump it).
 * Fedify serves /.well-known/nodeinfo and links it to the path registered here.
 */
import { readFileSync } from 'node:fs';
import type { Federation } from '@fedify/fedify';
import type { FederationData } from './federation.ts';

/** The protocol version in NodeInfo metadata (FEDERATION.md). */
export const PROTOCOL_VERSION = 1;

/** Our version, from package.json (read once at start). */
export const SOFTWARE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

const HALF_YEAR_MS = 182 * 24 * 3600_000;
const MONTH_MS = 30 * 24 * 3600_000;

/** Registers the NodeInfo 2.1 document at /nodeinfo/2.1. */
export function registerNodeInfo(federation: Federation<FederationData>): void {
  federation.setNodeInfoDispatcher('/nodeinfo/2.1', async (ctx) => {
    const { db, clock, settings } = ctx.data;
    const now = clock.now().getTime();
    const since = (ms: number) => new Date(now - ms).toISOString();
    const activeSince = (ms: number) =>
      db
        .selectFrom('sessions')
        .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
        .select((eb) => eb.fn.count<number>('sessions.account_id').distinct().as('n'))
        .where('accounts.status', '=', 'active')
        .where('sessions.last_seen_at', '>', since(ms))
        .executeTakeFirstOrThrow();
    const [users, halfYear, month, posts, associations] = await Promise.all([
      db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow(),
      activeSince(HALF_YEAR_MS),
      activeSince(MONTH_MS),
      db
        .selectFrom('news')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('visibility', '=', 'public')
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('associations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('is_active', '=', 1)
        .executeTakeFirstOrThrow(),
    ]);
    const current = await settings.get();
    return {
      software: { name: 'benevalibre', version: SOFTWARE_VERSION, homepage: new URL('https://benevalibre.org/') },
      protocols: ['activitypub'],
      openRegistrations: current.registrationOpen,
      usage: {
        users: { total: Number(users.n), activeHalfyear: Number(halfYear.n), activeMonth: Number(month.n) },
        localPosts: Number(posts.n),
        localComments: 0,
      },
      // NodeInfo allows any JSON here; peers read protocolVersion before speaking our terms.
      metadata: { protocolVersion: PROTOCOL_VERSION, nodeName: current.name, associations: Number(associations.n) },
    };
  });
}
