/**
 * Test helper: a local HTTP inbox that records every POST, checks its HTTP signature
 * with Fedify's verifyRequest() against the sender's actor document, and answers what
 * the test scripts per path (status, redirect, refusal of one signature spec, a hang).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyRequest } from '@fedify/fedify';
import { Application, CryptographicKey } from '@fedify/vocab';
import { preloadedContexts, type DocumentLoader } from '@fedify/vocab-runtime';

export interface ReceivedRequest {
  path: string;
  spec: 'rfc9421' | 'draft-cavage-http-signatures-12';
  verified: boolean;
  body: Record<string, unknown>;
}

export type Answer = { status: number; location?: string } | 'hang';
export type Script = (path: string, spec: ReceivedRequest['spec'], count: number) => Answer;

/** A document loader serving one actor document (with its RSA key) and the preloaded contexts. */
export async function actorDocumentLoader(actorId: string, rsaPublicKey: CryptoKey): Promise<DocumentLoader> {
  const actor = new Application({
    id: new URL(actorId),
    publicKey: new CryptographicKey({ id: new URL(`${actorId}#main-key`), owner: new URL(actorId), publicKey: rsaPublicKey }),
  });
  const document = await actor.toJsonLd();
  return async (url) => {
    if (url.startsWith(actorId)) return { contextUrl: null, documentUrl: url, document };
    const context = preloadedContexts[url];
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    throw new Error(`unexpected fetch of ${url}`);
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface StubInbox {
  url(path: string): string;
  readonly port: number;
  readonly received: ReceivedRequest[];
  script: Script;
  close(): Promise<void>;
}

/** Starts the stub on 127.0.0.1 (a free port); `script` decides each answer (202 by default). */
export async function startStubInbox(documentLoader: DocumentLoader, script: Script = () => ({ status: 202 })): Promise<StubInbox> {
  const received: ReceivedRequest[] = [];
  const counts = new Map<string, number>();
  const stub = { received, script } as { received: ReceivedRequest[]; script: Script };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = `http://${req.headers.host}${req.url}`;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const request = new Request(url, { method: req.method, headers, body: body.length ? new Uint8Array(body) : null });
    const spec = headers.has('signature-input') ? 'rfc9421' : 'draft-cavage-http-signatures-12';
    const key = await verifyRequest(request, { documentLoader, contextLoader: documentLoader }).catch(() => null);
    const path = req.url ?? '/';
    const count = (counts.get(path) ?? 0) + 1;
    counts.set(path, count);
    const answer = stub.script(path, spec, count);
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch { /* recorded empty */ }
    received.push({ path, spec, verified: key !== null, body: parsed });
    if (answer === 'hang') return; // never answers: the sender is killed meanwhile
    res.writeHead(answer.status, answer.location ? { Location: answer.location } : {});
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(stub, {
    port,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  });
}
