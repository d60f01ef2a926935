/**
 * A remote actor made by the test — what a Mastodon user looks like to our instances:
 * a small HTTPS server (its own certificate from the bed's CA, on a spare loopback
 * address) serving a `Person` with its own RSA and Ed25519 keys, posting activities it
 * signs with Fedify's `signRequest()` (RFC 9421 or draft-cavage), and keeping what
 * arrives at its inbox with whether the HTTP signature verifies. It can go down and
 * come back on the same address, and answer slowly, to stand for an instance in trouble.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { generateCryptoKeyPair, signObject, signRequest, verifyRequest, type HttpMessageSignaturesSpec, type KeyCache } from '@fedify/fedify';
import { CryptographicKey, Endpoints, Follow, Multikey, Person, Undo } from '@fedify/vocab';
import { getDocumentLoader } from '@fedify/vocab-runtime';
import { addProof, type JsonObject } from '../src/federation/proof.ts';
import type { Bed } from './harness.ts';
import { portFor } from './harness.ts';

export type Json = Record<string, unknown>;

export interface Received {
  activity: Json;
  /** The key id whose signature verified, or null (unsigned or bad signature). */
  verifiedKeyId: string | null;
  at: number;
}

export interface PostOptions {
  /** Which key signs: ours (default), a freshly made one claiming to be ours (forged), or none. */
  sign?: 'ours' | 'forged' | 'none';
  spec?: HttpMessageSignaturesSpec;
  /** Send these bytes instead of the JSON of the activity (oversized bodies). */
  rawBody?: string;
}

// Fedify refuses loopback addresses unless told otherwise; these are the bed's own.
const documentLoader = getDocumentLoader({ allowPrivateAddress: true });

export class RemoteActor {
  readonly name: string;
  readonly ip: string;
  readonly port: number;
  readonly origin: string;
  readonly id: string;
  readonly inbox: string;
  readonly received: Received[] = [];
  /** Milliseconds the inbox waits before answering (a slow instance). */
  delayMs = 0;
  private server: Server | undefined;
  /**
   * Keys that were fetched once, kept as real servers keep them: a delivery arriving
   * while its sender is down (killed in the middle of deliveries) still verifies. A key
   * that no longer verifies is fetched again by Fedify; failures are not cached.
   */
  private readonly keys = new Map<string, Parameters<KeyCache['set']>[1]>();
  private readonly keyCache: KeyCache = {
    get: async (keyId) => this.keys.get(keyId.href) ?? undefined,
    set: async (keyId, key) => {
      if (key) this.keys.set(keyId.href, key);
    },
  };
  private readonly tlsFiles: { cert: Buffer; key: Buffer };
  private rsa!: CryptoKeyPair;
  private ed25519!: CryptoKeyPair;
  private document: Json = {};

  private constructor(name: string, ip: string, port: number, tlsFiles: { cert: Buffer; key: Buffer }) {
    this.name = name;
    this.ip = ip;
    this.port = port;
    this.origin = port === 443 ? `https://${ip}` : `https://${ip}:${port}`;
    this.id = `${this.origin}/users/${name}`;
    this.inbox = `${this.id}/inbox`;
    this.tlsFiles = tlsFiles;
  }

  /** Starts the actor on the bed's n-th spare address (4…9). */
  static async start(bed: Bed, spare: number, name = 'alice'): Promise<RemoteActor> {
    const ip = bed.spareIp(spare);
    const cert = bed.certFor(ip);
    const actor = new RemoteActor(name, ip, await portFor(ip), { cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) });
    actor.rsa = await generateCryptoKeyPair('RSASSA-PKCS1-v1_5');
    actor.ed25519 = await generateCryptoKeyPair('Ed25519');
    const person = new Person({
      id: new URL(actor.id),
      preferredUsername: name,
      name: `${name} (acteur de test)`,
      url: new URL(actor.id),
      inbox: new URL(actor.inbox),
      outbox: new URL(`${actor.id}/outbox`),
      followers: new URL(`${actor.id}/followers`),
      following: new URL(`${actor.id}/following`),
      endpoints: new Endpoints({ sharedInbox: new URL(actor.inbox) }),
      manuallyApprovesFollowers: false,
      publicKey: new CryptographicKey({ id: new URL(`${actor.id}#main-key`), owner: new URL(actor.id), publicKey: actor.rsa.publicKey }),
      assertionMethods: [
        new Multikey({ id: new URL(`${actor.id}#multikey-1`), controller: new URL(actor.id), publicKey: actor.rsa.publicKey }),
        new Multikey({ id: new URL(`${actor.id}#multikey-2`), controller: new URL(actor.id), publicKey: actor.ed25519.publicKey }),
      ],
    });
    actor.document = (await person.toJsonLd({ format: 'compact' })) as Json;
    await actor.up();
    return actor;
  }

  /** Listens (again) on the same address and port. */
  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer(this.tlsFiles, (req, res) => {
      // A broken request must fail that request only, never the test process.
      this.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(400);
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.ip, () => resolve());
    });
    this.server = server;
  }

  /** Stops answering at all: connections are refused, as with an instance that is down. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    if (req.method === 'GET' && url.pathname === new URL(this.id).pathname) {
      res.writeHead(200, { 'Content-Type': 'application/activity+json' });
      res.end(JSON.stringify(this.document));
      return;
    }
    if (req.method === 'POST' && url.pathname === new URL(this.inbox).pathname) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const request = new Request(url, { method: 'POST', headers, body });
      let key: CryptographicKey | null = null;
      for (const spec of ['rfc9421', 'draft-cavage-http-signatures-12'] as const) {
        key = await verifyRequest(request.clone(), { documentLoader, spec, keyCache: this.keyCache }).catch(() => null);
        if (key) break;
      }
      if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
      if (!this.server) {
        // Went down while answering: the sender sees a broken connection.
        req.socket.destroy();
        return;
      }
      this.received.push({ activity: JSON.parse(body.toString('utf8')) as Json, verifiedKeyId: key?.id?.href ?? null, at: Date.now() });
      res.writeHead(202).end();
      return;
    }
    res.writeHead(404).end();
  }

  /** A new activity id on this actor's origin. */
  newId(): string {
    return `${this.origin}/activities/${randomUUID()}`;
  }

  /** POSTs an activity to an inbox, signed as asked; returns the answer. */
  async post(inbox: string, activity: Json, options: PostOptions = {}): Promise<Response> {
    return fetch(await this.signedRequest(inbox, activity, options));
  }

  /** The POST of an activity to an inbox, signed as asked (clone it to send the very same bytes twice). */
  async signedRequest(inbox: string, activity: Json, options: PostOptions = {}): Promise<Request> {
    const body = options.rawBody ?? JSON.stringify(activity);
    let request = new Request(inbox, {
      method: 'POST',
      headers: { 'Content-Type': 'application/activity+json', Accept: 'application/activity+json' },
      body,
    });
    const sign = options.sign ?? 'ours';
    if (sign !== 'none') {
      // A forged signature: right key id, wrong private key.
      const privateKey = sign === 'ours' ? this.rsa.privateKey : (await generateCryptoKeyPair('RSASSA-PKCS1-v1_5')).privateKey;
      request = await signRequest(request, privateKey, new URL(`${this.id}#main-key`), { spec: options.spec ?? 'rfc9421' });
    }
    return request;
  }

  /** A `Follow` of `objectId` as JSON-LD (optionally with a FEP-8b32 proof by our Ed25519 key). */
  async followActivity(objectId: string, options: { id?: string; proof?: boolean } = {}): Promise<Json> {
    const follow = new Follow({ id: new URL(options.id ?? this.newId()), actor: new URL(this.id), object: new URL(objectId) });
    const signed = options.proof ? await signObject(follow, this.ed25519.privateKey, new URL(`${this.id}#multikey-2`), { documentLoader }) : follow;
    return (await signed.toJsonLd({ format: 'compact' })) as Json;
  }

  async undoActivity(follow: Json): Promise<Json> {
    const original = await Follow.fromJsonLd(follow, { documentLoader });
    const undo = new Undo({ id: new URL(this.newId()), actor: new URL(this.id), object: original });
    return (await undo.toJsonLd({ format: 'compact' })) as Json;
  }

  /** A copy of `document` with a FEP-8b32 proof (eddsa-jcs-2022) by our Ed25519 key, `#multikey-2` — what an instance signs its records with. */
  async prove(document: JsonObject): Promise<Json> {
    return addProof(document, this.ed25519.privateKey, { verificationMethod: `${this.id}#multikey-2`, created: new Date() });
  }

  /** Activities received of one type (e.g. 'Create'), in arrival order. */
  receivedOfType(type: string): Received[] {
    return this.received.filter((r) => r.activity.type === type);
  }
}
