/**
 * The URL layout every federation module shares (contract of issue 6): actor ids on
 * the stable UUIDv7 (never the handle), per-actor collections appended to the id, and
 * the web pages a browser is sent to when it opens one of them.
 */

/** Identifier of the instance's Application actor. */
export const INSTANCE_ACTOR = 'instance';

/** `${origin}/ap/actors/{id}`. */
export const actorIri = (origin: string, id: string): string => `${origin}/ap/actors/${id}`;

/** Every URL derived from an actor id. */
export function actorUris(origin: string, id: string) {
  const base = actorIri(origin, id);
  return {
    id: base,
    inbox: `${base}/inbox`,
    outbox: `${base}/outbox`,
    followers: `${base}/followers`,
    members: `${base}/members`,
    records: `${base}/records`,
    categories: `${base}/categories`,
    projects: `${base}/projects`,
    levels: `${base}/levels`,
    jwks: `${base}/jwks.json`,
    mainKey: `${base}#main-key`,
    ed25519Key: `${base}#key-2`,
    multikey: `${base}#multikey-2`,
  };
}

export const sharedInboxIri = (origin: string): string => `${origin}/ap/inbox`;
export const newsIri = (origin: string, newsId: string): string => `${origin}/ap/news/${newsId}`;
export const declarationIri = (origin: string, id: string): string => `${origin}/ap/declarations/${id}`;
export const activityIri = (origin: string, id: string): string => `${origin}/ap/activities/${id}`;
export const catalogObjectIri = (origin: string, kind: 'categories' | 'projects' | 'levels', id: string): string =>
  `${origin}/ap/${kind}/${id}`;

/** Web pages (content negotiation sends browsers there). */
export const associationPage = (origin: string, id: string): string => `${origin}/associations/${id}`;
/** No public page per account yet (contract: `/membres/{id}` once it exists): the home page. */
export const accountPage = (origin: string, _id: string): string => `${origin}/`;
export const newsPage = (origin: string, associationId: string, newsId: string): string =>
  `${origin}/associations/${associationId}/actualites/${newsId}`;

/** Plain text as the small HTML Mastodon expects in `summary` (paragraphs, line breaks). */
export function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escaped
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('');
}
