/**
 * A tiny remote fediverse server for the inbox tests (only imported by *.test.ts):
 * one Person on 127.0.0.1 with an RSA key (HTTP signatures) and an Ed25519 Multikey
 * (proofs), an inbox that records what it receives, and helpers to sign POSTs the way
 * Mastodon or another instance would (Fedify's signRequest).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateCryptoKeyPair, signRequest } from '@fedify/fedify';
import { CryptographicKey, Endpoints, Group, Multikey, Person } from '@fedify/vocab';

export interface RemotePeer {
  origin: string;
  actorId: string;
  keyId: string;
  rsa: CryptoKeyPair;
  ed25519: CryptoKeyPair;
  /** When set, the actor (and so its key) answers 410 Gone, as after a Mastodon account deletion. */
  gone: boolean;
  /** Bodies POSTed to the peer's inboxes, parsed. */
  received: Record<string, unknown>[];
  /** A signed POST of `body` (object or raw text) to `url`. */
  signedPost(url: string, body: unknown, options?: { key?: CryptoKey; spec?: 'rfc9421' | 'draft-cavage-http-signatures-12' }): Promise<Request>;
  close(): Promise<void>;
}

/** Starts the peer on an ephemeral port of 127.0.0.1 (a Person, or a Group to be followed). */
export async function startRemotePeer(username = 'alice', kind: 'Person' | 'Group' = 'Person'): Promise<RemotePeer> {
  const rsa = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
  const ed25519 = await generateCryptoKeyPair('Ed25519');
  const received: Record<string, unknown>[] = [];
  let actorDocument = '';
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith(`/users/${username}`)) {
      if (peer.gone) {
        res.writeHead(410).end();
        return;
      }
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
  // Serialised by Fedify's own classes, so contexts and key encodings are what it reads.
  const person = new (kind === 'Group' ? Group : Person)({
    id: new URL(actorId),
    preferredUsername: username,
    name: 'Alice Remote',
    inbox: new URL(`${actorId}/inbox`),
    outbox: new URL(`${actorId}/outbox`),
    endpoints: new Endpoints({ sharedInbox: new URL(`${origin}/inbox`) }),
    publicKey: new CryptographicKey({ id: new URL(keyId), owner: new URL(actorId), publicKey: rsa.publicKey }),
    assertionMethods: [new Multikey({ id: new URL(`${actorId}#ed25519-key`), controller: new URL(actorId), publicKey: ed25519.publicKey })],
  });
  actorDocument = JSON.stringify(await person.toJsonLd());
  const peer: RemotePeer = {
    gone: false,
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
  return peer;
}
