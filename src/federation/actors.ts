/**
 * Local actors (federation.md, Actors): associations as `Group` marked by a
 * `PropertyValue` « Type : Association », accounts as `Person` (public display name
 * only: pseudo, else first name — never the email or the last name), the instance as
 * `Application` (handle `host@host`, FEP-d556). Ids use the UUIDv7, never the handle;
 * WebFinger maps the one handle namespace to them.
 *
 * A deleted association or account leaves a minimal actor of the same type that still
 * publishes its keys (no inbox, no personal data): Fedify finds no key in a
 * `Tombstone`, and what was signed before must stay verifiable.
 */
import type { Context, Federation } from '@fedify/fedify';
import { Application, Endpoints, Group, Image, Person, PropertyValue, type Actor } from '@fedify/vocab';
import { actorKeyPairs } from './keys.ts';
import { RNA_PROPERTY, SIREN_PROPERTY } from '../cec/remote-identifiers.ts';
import { actorRepository } from './actor.repository.ts';
import type { FederationData } from './federation.ts';
import { INSTANCE_ACTOR, accountPage, actorUris, associationPage, textToHtml } from './uris.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The marker of an association among Groups (a federation will carry « Fédération »). */
export const ASSOCIATION_MARKER = { name: 'Type', value: 'Association' } as const;

/** What an actor id currently is. */
export type ActorState =
  | { kind: 'instance' }
  | { kind: 'association'; row: NonNullable<Awaited<ReturnType<ReturnType<typeof actorRepository>['association']>>> }
  | { kind: 'account'; row: NonNullable<Awaited<ReturnType<ReturnType<typeof actorRepository>['account']>>> }
  | { kind: 'deleted'; type: 'Group' | 'Person'; disabled?: boolean }
  | { kind: 'none' };

/** Resolves an actor identifier (UUIDv7 or 'instance') to what it currently is. */
export async function actorState(data: FederationData, identifier: string): Promise<ActorState> {
  if (identifier === INSTANCE_ACTOR) return { kind: 'instance' };
  if (!UUID.test(identifier)) return { kind: 'none' };
  const repo = actorRepository(data.db);
  const association = await repo.association(identifier);
  // is_active: created without moderation, or approved (one awaiting approval stays private).
  if (association) return association.is_active === 1 ? { kind: 'association', row: association } : { kind: 'none' };
  const account = await repo.account(identifier);
  if (account?.status === 'active') return { kind: 'account', row: account };
  if (account?.status === 'inactive') return { kind: 'none' }; // never activated: never published
  if (account?.status === 'remote') return { kind: 'none' }; // a member from another site: its actor lives there
  // Deleted or disabled: keep serving the keys if any were ever published (what they
  // signed stays verifiable, as Mastodon does for suspended accounts); else nothing.
  if (!(await repo.hasKeys(identifier))) return { kind: 'none' };
  if (account) return { kind: 'deleted', type: 'Person', disabled: account.status === 'disabled' };
  return { kind: 'deleted', type: (await repo.formerOwnerType(identifier)) === 'account' ? 'Person' : 'Group' };
}

/** Registers the actor dispatcher, key pairs and WebFinger handle mapping. */
export function registerActors(federation: Federation<FederationData>): void {
  federation
    .setActorDispatcher('/ap/actors/{identifier}', (ctx, identifier) => currentActor(ctx, identifier))
    .setKeyPairsDispatcher(async (ctx, identifier) => {
      const state = await actorState(ctx.data, identifier);
      // Unknown or never-published ids get no keys: creating some would be pointless.
      if (state.kind === 'none') return [];
      const pairs = await actorKeyPairs(ctx.data.db, ctx.data.clock, identifier);
      return pairs.map(({ privateKey, publicKey }) => ({ privateKey, publicKey }));
    })
    .mapHandle(async (ctx, username) => {
      const name = username.toLowerCase();
      if (name === instanceUsername(ctx.data.origin)) return INSTANCE_ACTOR;
      const owner = await actorRepository(ctx.data.db).ownerOfHandle(name);
      if (!owner || owner.type === 'federation') return null;
      const state = await actorState(ctx.data, owner.id);
      return state.kind === 'association' || state.kind === 'account' ? owner.id : null;
    })
    .mapAlias(async (ctx, resource) => {
      // WebFinger by web page URL (a person pasting the association's address).
      if (resource.origin !== ctx.data.origin) return null;
      const m = /^\/associations\/([^/]+)\/?$/.exec(resource.pathname);
      if (!m) return null;
      const ref = decodeURIComponent(m[1]!);
      if (UUID.test(ref)) return { identifier: ref };
      const owner = await actorRepository(ctx.data.db).ownerOfHandle(ref.toLowerCase());
      return owner?.type === 'association' ? { identifier: owner.id } : null;
    });
}

/** The actor as its id serves it now (null when nothing is served there): what an Update{Actor} carries. */
export async function currentActor(ctx: Context<FederationData>, identifier: string): Promise<Actor | null> {
  const state = await actorState(ctx.data, identifier);
  return state.kind === 'none' ? null : toActor(ctx, identifier, state);
}

/** The instance actor's username: the host name (handle `host@host`, FEP-d556 style). */
export const instanceUsername = (origin: string): string => new URL(origin).hostname;

async function toActor(ctx: Context<FederationData>, identifier: string, state: Exclude<ActorState, { kind: 'none' }>): Promise<Actor> {
  const { origin } = ctx.data;
  const uris = actorUris(origin, identifier);
  const keys = await ctx.getActorKeyPairs(identifier);
  const common = {
    id: new URL(uris.id),
    // The first key is RSA (`#main-key`, what Mastodon reads); Multikeys name both.
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
  };
  if (state.kind === 'deleted') {
    const marker = state.disabled
      ? { name: 'Compte désactivé', summary: '<p>désactivé</p>', suspended: true }
      : { name: state.type === 'Group' ? 'Association supprimée' : 'Compte supprimé', summary: '<p>supprimé</p>' };
    return state.type === 'Group' ? new Group({ ...common, ...marker }) : new Person({ ...common, ...marker });
  }
  const live = {
    ...common,
    inbox: ctx.getInboxUri(identifier),
    outbox: new URL(uris.outbox),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    followers: ctx.getFollowersUri(identifier),
    manuallyApprovesFollowers: false, // following is for public news; membership has its own approval
    discoverable: true,
  };
  if (state.kind === 'instance') {
    const settings = await ctx.data.settings.get();
    return new Application({
      ...live,
      preferredUsername: instanceUsername(origin),
      name: settings.name,
      summary: textToHtml(`Acteur de l'instance ${settings.name} (Bénévalibre).`),
      url: new URL(`${origin}/`),
    });
  }
  if (state.kind === 'association') {
    const a = state.row;
    const attachments = [new PropertyValue(ASSOCIATION_MARKER)];
    if (a.activity_field) attachments.push(new PropertyValue({ name: "Domaine d'activité", value: a.activity_field }));
    if (a.website) attachments.push(new PropertyValue({ name: 'Site web', value: websiteHtml(a.website) }));
    // Public registry numbers, so a member's own site can prepare their CEC summary (src/cec/remote-identifiers.ts).
    if (a.rna_number) attachments.push(new PropertyValue({ name: RNA_PROPERTY, value: a.rna_number }));
    if (a.siren) attachments.push(new PropertyValue({ name: SIREN_PROPERTY, value: a.siren }));
    return new Group({
      ...live,
      preferredUsername: a.handle,
      name: a.name,
      summary: textToHtml(a.description),
      url: new URL(associationPage(origin, a.id)),
      icon: a.logo_mime && a.logo_updated_at ? image(`${origin}/api/v1/associations/${a.id}/logo`, a.logo_mime, a.logo_updated_at) : null,
      attachments,
      // Every Group collection of federation.md, so remote instances find them from the actor.
      streams: [uris.members, uris.records, uris.categories, uris.projects, uris.levels].map((u) => new URL(u)),
    });
  }
  const p = state.row;
  return new Person({
    ...live,
    preferredUsername: p.handle,
    name: p.pseudo?.trim() || p.first_name || p.handle,
    url: new URL(accountPage(origin, p.id)),
    icon: p.avatar_mime && p.avatar_updated_at ? image(`${origin}/api/v1/accounts/${p.id}/avatar`, p.avatar_mime, p.avatar_updated_at) : null,
  });
}

function image(path: string, mediaType: string, version: string): Image {
  // Versioned like the web pages' links: remote caches refresh when the picture changes.
  return new Image({ url: new URL(`${path}?v=${encodeURIComponent(version)}`), mediaType });
}

/** Mastodon shows profile fields as HTML: a link, rel="me nofollow" like its own. */
function websiteHtml(website: string): string {
  let url: URL;
  try {
    url = new URL(website);
  } catch {
    return textToHtml(website).replace(/^<p>|<\/p>$/g, '');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
  const href = url.href.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const label = `${url.host}${url.pathname === '/' ? '' : url.pathname}`.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<a href="${href}" rel="me nofollow noopener" target="_blank">${label}</a>`;
}
