/**
 * One signed POST of a JSON-LD document to an inbox, as Fedify's own delivery does it:
 * signed with Fedify's `signRequest()`, RFC 9421 first and draft-cavage on refusal
 * ("double-knock"; the spec that worked is remembered per origin), redirects followed
 * by hand so that every hop passes the public-address and block checks (SSRF: a public
 * inbox must not bounce us to 127.0.0.1 or to a blocked domain).
 */
import { signRequest, type HttpMessageSignaturesSpec } from '@fedify/fedify';
import { UrlError, validatePublicUrl } from '@fedify/vocab-runtime';
import { SIGNATURE_REFUSALS } from './policy.ts';

const MAX_REDIRECTS = 5;
const RFC9421: HttpMessageSignaturesSpec = 'rfc9421';
const CAVAGE: HttpMessageSignaturesSpec = 'draft-cavage-http-signatures-12';

/** Remembers which HTTP signature spec an origin accepted (double-knock memory). */
export interface SpecMemory {
  get(origin: string): Promise<HttpMessageSignaturesSpec | undefined>;
  set(origin: string, spec: HttpMessageSignaturesSpec): Promise<void>;
}

export interface SignedPostInput {
  inbox: string;
  body: string;
  /** The sender's RSA key (what Mastodon and Fedify verify) and its id `…#main-key`. */
  privateKey: CryptoKey;
  keyId: URL;
  specs: SpecMemory;
  /** Tests and the local test bed only (config refuses it in production). */
  allowPrivateAddresses: boolean;
  /** Whether a host (with port) or host name is blocked by an admin. */
  isBlocked: (names: string[]) => Promise<boolean>;
  userAgent: string;
  timeoutMs?: number | undefined;
  /** Throws a UrlError when the URL is not a public address (default: Fedify's validatePublicUrl). */
  validateAddress?: ((url: string) => Promise<void>) | undefined;
}

export type SignedPostOutcome =
  | { kind: 'answered'; status: number; url: string; spec: HttpMessageSignaturesSpec; detail: string }
  /** Never sent: not a public address, a blocked host, too many redirects (permanent). */
  | { kind: 'refused'; reason: string; url: string }
  /** Could not reach the host (DNS, connection, timeout): retried later. */
  | { kind: 'unreachable'; reason: string; url: string };

const other = (spec: HttpMessageSignaturesSpec) => (spec === RFC9421 ? CAVAGE : RFC9421);

async function checkTarget(url: URL, input: SignedPostInput): Promise<SignedPostOutcome | null> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { kind: 'refused', reason: `Unsupported protocol ${url.protocol}`, url: url.href };
  if (await input.isBlocked([url.host, url.hostname])) return { kind: 'refused', reason: `Blocked host ${url.host}`, url: url.href };
  if (input.allowPrivateAddresses) return null;
  try {
    await (input.validateAddress ?? validatePublicUrl)(url.href);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A failed lookup may be temporary; a private or special-use address is not.
    if (error instanceof UrlError && !/DNS lookup failed/i.test(message)) return { kind: 'refused', reason: `Not a public address: ${message}`, url: url.href };
    return { kind: 'unreachable', reason: message, url: url.href };
  }
}

async function send(url: URL, spec: HttpMessageSignaturesSpec, input: SignedPostInput, bytes: Uint8Array<ArrayBuffer>): Promise<Response> {
  const request = new Request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/activity+json', Accept: 'application/activity+json, application/ld+json', 'User-Agent': input.userAgent },
    body: bytes,
  });
  const signed = await signRequest(request, input.privateKey, input.keyId, { spec, body: bytes.buffer });
  return fetch(signed, { redirect: 'manual', signal: AbortSignal.timeout(input.timeoutMs ?? 30_000) });
}

/** A short excerpt of the answer, for the admin page; the body is always consumed (frees the socket). */
async function detailOf(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return `${response.status} ${response.statusText}${text ? `: ${text.slice(0, 200)}` : ''}`.trim();
  } catch {
    return `${response.status} ${response.statusText}`.trim();
  }
}

const isRedirect = (r: Response) => r.status >= 300 && r.status < 400 && r.headers.has('Location');

/** Posts the document, following up to five redirects, each checked before it is sent. */
export async function signedPost(input: SignedPostInput): Promise<SignedPostOutcome> {
  const bytes = new TextEncoder().encode(input.body);
  let url = new URL(input.inbox);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const refusal = await checkTarget(url, input);
    if (refusal) return refusal;
    const first = (await input.specs.get(url.origin)) ?? RFC9421;
    let spec = first;
    let response: Response;
    try {
      response = await send(url, spec, input, bytes);
      if (SIGNATURE_REFUSALS.includes(response.status)) {
        await response.body?.cancel();
        spec = other(first);
        response = await send(url, spec, input, bytes);
      }
    } catch (error) {
      return { kind: 'unreachable', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error), url: url.href };
    }
    if (isRedirect(response)) {
      await response.body?.cancel();
      url = new URL(response.headers.get('Location')!, url);
      continue;
    }
    const detail = response.ok ? '' : await detailOf(response);
    if (response.ok) {
      await response.body?.cancel();
      // Remember the spec that worked, so the next delivery knocks once.
      if (spec !== first || !(await input.specs.get(url.origin))) await input.specs.set(url.origin, spec);
    }
    return { kind: 'answered', status: response.status, url: url.href, spec, detail };
  }
  return { kind: 'refused', reason: `Too many redirects (more than ${MAX_REDIRECTS})`, url: url.href };
}
