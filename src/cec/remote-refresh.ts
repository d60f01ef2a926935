/**
 * Our copy of an association of another site (its Group: name, RNA and SIREN) is what the
 * CEC summary quotes. Its site does not send an Update{Group} when these change, so when
 * a volunteer opens their CEC page, copies older than a day are fetched again — after the
 * answer, never delaying it, at most a few at a time, never from a blocked site, and a
 * remote failure only leaves the old copy in place (logged, never thrown).
 */
import type { Context } from '@fedify/fedify';
import { Group } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import type { FederationData } from '../federation/federation.ts';
import { lookupRepository } from '../federation/lookup.repository.ts';
import { saveRemoteActor } from '../federation/remote-actors.ts';
import { INSTANCE_ACTOR } from '../federation/uris.ts';

const logger = getLogger(['benevalibre', 'cec']);
export const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const TIMEOUT_MS = 8_000;
const AT_ONCE = 5;

/** The Groups among `iris` whose copy is older than a day. */
export async function staleGroups(ctx: Context<FederationData>, iris: readonly string[]): Promise<string[]> {
  if (iris.length === 0) return [];
  const before = new Date(ctx.data.clock.now().getTime() - STALE_AFTER_MS).toISOString();
  const rows = await ctx.data.db.selectFrom('remote_actors').select('iri').where('iri', 'in', [...iris]).where('fetched_at', '<', before).execute();
  return rows.map((r) => r.iri).slice(0, AT_ONCE);
}

/** Fetches one Group again and keeps it; false when nothing was refreshed. */
export async function refreshGroup(ctx: Context<FederationData>, iri: string): Promise<boolean> {
  try {
    const host = new URL(iri).host;
    if (await lookupRepository(ctx.data.db).isBlocked(host)) return false;
    const loader = await ctx.getDocumentLoader({ identifier: INSTANCE_ACTOR });
    const found = await ctx.lookupObject(iri, { documentLoader: loader, signal: AbortSignal.timeout(TIMEOUT_MS) });
    // Only the same Group, served by its own site, replaces our copy.
    if (!(found instanceof Group) || found.id?.href !== iri) return false;
    await saveRemoteActor(ctx.data.db, found, ctx.data.clock.now().toISOString());
    return true;
  } catch (error) {
    logger.info('Group {iri} not refreshed: {error}', { iri, error: String(error) });
    return false;
  }
}

/** Starts refreshing the stale copies without waiting (the page already has its answer). */
export function refreshStaleGroupsLater(ctx: () => Context<FederationData>, iris: readonly string[]): void {
  void (async () => {
    const context = ctx();
    for (const iri of await staleGroups(context, iris)) await refreshGroup(context, iri);
  })().catch((error: unknown) => logger.warn('CEC refresh of remote Groups failed: {error}', { error: String(error) }));
}
