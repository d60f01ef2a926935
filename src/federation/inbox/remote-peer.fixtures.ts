/**
 * A tiny remote fediverse server for the inbox tests (only imported by *.test.ts):
 * one Person on 127.0.0.1 with an RSA key (HTTP signatures) and an Ed25519 Multikey
 * (proofs), an inbox that records what it receives, and helpers to sign POSTs the way
 * Mastodon or another instance would (Fedify's signRequest).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateCryptoKeyPair, signRequest } from '@fedify/fedify';

export interface RemotePeer {
  origin: string;
  actorId: string;
  keyId: string;
  rsa: CryptoKeyPair;
  ed25519: CryptoKeyPair;
  /** Bodies POSTed to the peer's inboxes, parsed. */
  received: Record<string, unknown>[];
  /** A signed POST of `body` (object or raw text) to `url`. */
  signedPost(url: string, body: unknown, options?: { key?: CryptoKey; spec?: 'rfc9421' | 'draft-cavage-http-signatures-12' }): Promise<Request>;
  close(): Promise<void>;
}

const pem = async (key: CryptoKey): Promise<string> => {
  const der = Buffer.from(await crypto.subtle.exportKey('spki', key)).toString('base64');
  return `-----BEGIN PUBLIC KEY-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
};

/** Multibase (base58btc) of an Ed25519 public key with its multicodec prefix, as in FEP-521a. */
const multibase = async (key: CryptoKey): Promise<string> => {
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
  const bytes = Uint8Array.from([0xed, 0x01, ...raw]);
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = alphabet[Number(n % 58n)]! + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return `z${out}`;
};

/** Starts the peer on an ephemeral port of 127.0.0.1. */
export async function startRemotePeer(username = 'alice'): Promise<RemotePeer> {
  const rsa = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
  const ed25519 = await generateCryptoKeyPair('Ed25519');
  const received: Record<string, unknown>[] = [];
  let actorDocument = '';
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith(`/users/${username}`)) {
      res.writeHead(200, { 'Content-Type': 'application/activity+json' });
      res.end(actorDocument);
      return;
    }
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
        res.writeHead(202).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const actorId = `${origin}/users/${username}`;
  const keyId = `${actorId}#main-key`;
  actorDocument = JSON.stringify({
    '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1', 'https://w3id.org/security/multikey/v1'],
    id: actorId,
    type: 'Person',
    preferredUsername: username,
    name: 'Alice Remote',
    inbox: `${actorId}/inbox`,
    outbox: `${actorId}/outbox`,
    endpoints: { sharedInbox: `${origin}/inbox` },
    publicKey: { id: keyId, owner: actorId, publicKeyPem: await pem(rsa.publicKey) },
    assertionMethod: [{ id: `${actorId}#ed25519-key`, type: 'Multikey', controller: actorId, publicKeyMultibase: await multibase(ed25519.publicKey) }],
  });
  return {
    origin,
    actorId,
    keyId,
    rsa,
    ed25519,
    received,
    async signedPost(url, body, options = {}) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const request = new Request(url, { method: 'POST', headers: { 'Content-Type': 'application/activity+json' }, body: text });
      return signRequest(request, options.key ?? rsa.privateKey, new URL(keyId), { spec: options.spec ?? 'draft-cavage-http-signatures-12' });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
