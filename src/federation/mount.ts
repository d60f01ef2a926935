/**
 * Fedify inside Hono (there is no @fedify/hono here): a middleware placed before the
 * web routes hands federation paths to `federation.fetch()`. What Fedify does not
 * route goes on to the next handlers (our own raw-JSON routes, the web shell); a
 * browser opening an actor or object id (not acceptable: it wants HTML) is sent to
 * the web page with a 303.
 *
 * Inbox POSTs are checked first, before Fedify reads anything: the body is refused
 * over 1 MiB (413) while it streams in, and a host blocked by the admins gets 403
 * (its signature's key id names it) — no key fetch, no parsing, no database write.
 */
import type { MiddlewareHandler } from 'hono';
import { getLogger } from '@logtape/logtape';
import type { AppEnv } from '../http/context.ts';
import type { AppFederation, FederationData } from './federation.ts';
import { actorRepository } from './actor.repository.ts';
import { remoteHostRepository } from './remote-host.repository.ts';
import { accountPage, associationPage, newsPage } from './uris.ts';

/** Largest inbox body accepted (Mastodon's own limit is about 1 MB too). */
export const INBOX_BODY_LIMIT = 1024 * 1024;

const logger = getLogger(['benevalibre', 'federation', 'http']);

const FEDERATION_PATHS = /^\/(ap\/|\.well-known\/(webfinger|nodeinfo)|nodeinfo\/)/;
const INBOX_PATH = /^\/ap\/(inbox|actors\/[^/]+\/inbox)\/?$/;

/** The Hono middleware that serves everything Fedify routes. */
export function federationMiddleware(federation: AppFederation, contextData: FederationData): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!FEDERATION_PATHS.test(c.req.path)) return next();
    let request = c.req.raw;
    if (c.req.method === 'POST' && INBOX_PATH.test(c.req.path)) {
      const checked = await checkInboxPost(request, contextData);
      if (checked instanceof Response) return checked;
      request = checked;
    } else if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      // Other methods keep the raw request: re-wrapping a streamed body needs `duplex`.
      request = atCanonicalUrl(request, contextData.origin);
    }
    let notFound = false;
    let notAcceptable = false;
    const response = await federation.fetch(request, {
      contextData,
      onNotFound: () => {
        notFound = true;
        return new Response(null, { status: 404 });
      },
      onNotAcceptable: () => {
        notAcceptable = true;
        return new Response(null, { status: 406 });
      },
    });
    if (notFound) return next();
    if (notAcceptable) {
      const page = await webPageOf(contextData, c.req.path);
      if (page) return c.redirect(page, 303);
      return next();
    }
    return response;
  };
}

/**
 * Reads an inbox POST with the size limit and the block list applied; returns a new
 * Request over the buffered body, or the refusal.
 */
async function checkInboxPost(request: Request, data: FederationData): Promise<Request | Response> {
  const declared = Number(request.headers.get('Content-Length') ?? '0');
  if (declared > INBOX_BODY_LIMIT) return tooLarge();
  const host = signerHost(request.headers);
  if (host && (await remoteHostRepository(data.db).isBlocked(host))) {
    logger.info('Inbox POST from blocked host {host} refused', { host });
    return new Response('Blocked host.', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // A missing or lying Content-Length stops here, before the rest is read.
      if (size > INBOX_BODY_LIMIT) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return new Request(canonicalUrl(request.url, data.origin), { method: request.method, headers: request.headers, body });
}

/**
 * The request's URL on our public origin. Behind a TLS-terminating proxy Node sees
 * http://…; an RFC 9421 signature covers `@target-uri`/`@authority` as the sender
 * wrote them (https://our-host/…), and Fedify verifies against request.url.
 */
function canonicalUrl(url: string, origin: string): string {
  const u = new URL(url);
  return `${origin}${u.pathname}${u.search}`;
}

function atCanonicalUrl(request: Request, origin: string): Request {
  const url = canonicalUrl(request.url, origin);
  return url === request.url ? request : new Request(url, request);
}

const tooLarge = () => new Response('Payload too large.', { status: 413, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The host named by the request's signature key id: draft-cavage `Signature: keyId="…"`
 * or RFC 9421 `Signature-Input: sig1=(…);keyid="…"`. Null when unsigned (Fedify then
 * refuses it anyway).
 */
export function signerHost(headers: Headers): string | null {
  const source = `${headers.get('Signature') ?? ''} ${headers.get('Signature-Input') ?? ''}`;
  const m = /keyid="([^"]+)"/i.exec(source);
  if (!m) return null;
  try {
    return new URL(m[1]!).host.toLowerCase(); // port kept when not the default, as blocks store it
  } catch {
    return null;
  }
}

const ACTOR_PATH = /^\/ap\/actors\/([0-9a-f-]{36}|instance)(\/[a-z]+)?\/?$/;
const NEWS_PATH = /^\/ap\/news\/([0-9a-f-]{36})\/?$/;

/** The web page of an actor, one of its collections, or a news item. */
async function webPageOf(data: FederationData, path: string): Promise<string | null> {
  const { db, origin } = data;
  const repo = actorRepository(db);
  const actor = ACTOR_PATH.exec(path);
  if (actor) {
    const id = actor[1]!;
    if (id === 'instance') return `${origin}/`;
    return (await repo.isAssociation(id)) ? associationPage(origin, id) : accountPage(origin, id);
  }
  const news = NEWS_PATH.exec(path);
  if (news) {
    const associationId = await repo.newsAssociationId(news[1]!);
    return associationId ? newsPage(origin, associationId, news[1]!) : null;
  }
  return null;
}
