/**
 * Collections served through Fedify (federation.md, Actors): `followers` (public, and
 * the recipients of `sendActivity(…, "followers", …)`), `members` and `records`
 * (personal data: only signed requests from those allowed). `outbox` and the news
 * objects belong to the news module (news.ts); categories, projects and levels are raw JSON served
 * by catalog-objects.routes.ts, since Fedify's classes drop our custom types.
 */
import type { Federation, RequestContext } from '@fedify/fedify';
import { Object as ApObject, Person } from '@fedify/vocab';
import { collectionRepository } from './collection.repository.ts';
import { actorState } from './actors.ts';
import type { FederationData } from './federation.ts';
import { actorIri, declarationIri } from './uris.ts';

/** Page size of the public followers collection. */
const FOLLOWERS_PAGE = 100;

/** Registers followers, members and records. */
export function registerCollections(federation: Federation<FederationData>): void {
  federation
    .setFollowersDispatcher('/ap/actors/{identifier}/followers', async (ctx, identifier, cursor, filter) => {
      const state = await actorState(ctx.data, identifier);
      if (state.kind === 'none') return null;
      // Only associations are followed; other actors publish an empty collection.
      if (state.kind !== 'association') return { items: [] };
      const repo = collectionRepository(ctx.data.db);
      // cursor null: the whole collection (Fedify's fan-out reads it that way).
      const rows = await repo.followers(identifier, {
        after: cursor || null,
        limit: cursor === null ? undefined : FOLLOWERS_PAGE,
        origin: filter?.origin ?? null,
      });
      const items = rows.map((r) => ({
        id: new URL(r.follower_iri),
        inboxId: r.inbox ? new URL(r.inbox) : null,
        endpoints: r.shared_inbox ? { sharedInbox: new URL(r.shared_inbox) } : null,
      }));
      const last = rows.at(-1);
      return { items, nextCursor: cursor !== null && rows.length === FOLLOWERS_PAGE && last ? last.id : null };
    })
    .setFirstCursor(() => '')
    .setCounter(async (ctx, identifier) => {
      const state = await actorState(ctx.data, identifier);
      return state.kind === 'association' ? collectionRepository(ctx.data.db).followerCount(identifier) : 0;
    });

  federation
    .setCollectionDispatcher('members', Person, '/ap/actors/{identifier}/members', async (ctx, { identifier }) => {
      const state = await actorState(ctx.data, identifier);
      if (state.kind !== 'association') return null;
      const members = await collectionRepository(ctx.data.db).members(identifier);
      // Items by id only: members are named by actor id, never by name (federation.md);
      // members from other sites by their own actor id.
      return { items: members.map((m) => new Person({ id: new URL(m.remoteIri ?? actorIri(ctx.data.origin, m.accountId)) })) };
    })
    .setCounter(async (ctx, { identifier }) => (await collectionRepository(ctx.data.db).members(identifier)).length)
    .authorize(async (ctx, values) => {
      const signer = await localSigner(ctx, values.identifier ?? '');
      return signer === 'self' || signer?.member === true;
    });

  federation
    .setCollectionDispatcher('records', ApObject, '/ap/actors/{identifier}/records', async (ctx, { identifier }) => {
      const state = await actorState(ctx.data, identifier);
      if (state.kind !== 'association') return null;
      const signer = await localSigner(ctx, identifier);
      if (!signer) return { items: [] };
      // Managers read the whole ledger; an author only their own declarations.
      const author = signer === 'self' || signer.manager ? undefined : signer.accountId;
      const ids = await collectionRepository(ctx.data.db).declarationIds(identifier, author);
      return { items: ids.map((id) => new ApObject({ id: new URL(declarationIri(ctx.data.origin, id)) })) };
    })
    .authorize(async (ctx, values) => {
      const signer = await localSigner(ctx, values.identifier ?? '');
      return signer === 'self' || signer?.member === true;
    });
}

type Signer = 'self' | { accountId: string; member: boolean; manager: boolean } | null;

/**
 * Who signed the request, as far as this association is concerned: itself, one of
 * one of its members (local, or a remote member's own actor), or nobody.
 * Unsigned or badly signed requests give null (Fedify verifies the signature).
 */
async function localSigner(ctx: RequestContext<FederationData>, associationId: string): Promise<Signer> {
  const owner = await ctx.getSignedKeyOwner();
  const ownerId = owner?.id?.href;
  if (!ownerId) return null;
  const prefix = actorIri(ctx.data.origin, '');
  const accountId = ownerId.startsWith(prefix) ? ownerId.slice(prefix.length) : await collectionRepository(ctx.data.db).remoteAccountId(ownerId);
  if (!accountId) return null;
  if (accountId === associationId) return 'self';
  const membership = await collectionRepository(ctx.data.db).membership(associationId, accountId);
  return { accountId, member: membership !== undefined, manager: membership?.managesDeclarations ?? false };
}
