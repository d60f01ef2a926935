/**
 * One-click unsubscribe links (RFC 2369 List-Unsubscribe, RFC 8058 One-Click): the link
 * names an account and a kind (or `digest`: every kind currently sent in the digest),
 * signed with the instance secret, so nothing is stored and nothing can be forged.
 * The link does not expire: an old email must still let its reader stop the next ones.
 */
import { hmac, safeEqual } from '../lib/secrets.ts';

/** `digest` stands for every kind the person receives in the daily digest. */
export type UnsubscribeScope = string;

export interface UnsubscribeTarget {
  accountId: string;
  kind: UnsubscribeScope;
}

const DOMAIN = 'bv-unsubscribe-v1'; // separates these signatures from the other HMACs of the secret

export function unsubscribeToken(secret: string, target: UnsubscribeTarget): string {
  const body = Buffer.from(`${target.accountId}|${target.kind}`).toString('base64url');
  return `${body}.${hmac(secret, `${DOMAIN}|${body}`)}`;
}

/** The target of a token, or undefined when it is malformed or its signature is wrong. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeTarget | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  if (!safeEqual(signature, hmac(secret, `${DOMAIN}|${body}`))) return undefined;
  const [accountId, kind] = Buffer.from(body, 'base64url').toString('utf8').split('|');
  return accountId && kind ? { accountId, kind } : undefined;
}

export function unsubscribeUrl(origin: string, secret: string, target: UnsubscribeTarget): string {
  return `${origin}/api/v1/notifications/unsubscribe?token=${unsubscribeToken(secret, target)}`;
}
