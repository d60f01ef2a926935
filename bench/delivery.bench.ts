/**
 * Delivery (issue 6), in one run:
 *  - our DatabaseMessageQueue (the `jobs` table through Kysely) against @fedify/sqlite's
 *    SqliteMessageQueue (node:sqlite), each on its own SQLite file in WAL mode: messages
 *    enqueued per second, then messages consumed per second through listen();
 *  - fan-out of one activity to 1,000 distinct inboxes of a local stub (no shared inbox):
 *    time to the last delivery through Fedify's sendActivity on each queue, and through
 *    our raw JSON-LD worker (FEP-8b32 proof, one signed POST per inbox); baseline: 1,000
 *    unsigned POSTs in a row to the same stub.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createFederation, generateCryptoKeyPair, MemoryKvStore, type MessageQueue } from '@fedify/fedify';
import { Create, Group, Note, PUBLIC_COLLECTION } from '@fedify/vocab';
import { SqliteMessageQueue } from '@fedify/sqlite';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { systemClock } from '../src/lib/clock.ts';
import { DatabaseMessageQueue } from '../src/jobs/message-queue.ts';
import { jobWorker } from '../src/jobs/worker.ts';
import { deliverRaw } from '../src/federation/delivery/deliver-raw.ts';
import { deliveryJobs } from '../src/federation/delivery/deliver.ts';
import { DELIVERY_WORKERS } from '../src/federation/delivery/runtime.ts';

const MESSAGES = 2000;
const INBOXES = 1000;

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} msg/s`;

async function queueFigures(label: string, queue: MessageQueue): Promise<{ enqueue: number; consume: number }> {
  const message = { type: 'bench', payload: 'x'.repeat(200) };
  let start = performance.now();
  for (let i = 0; i < MESSAGES; i++) await queue.enqueue({ ...message, i });
  const enqueueMs = performance.now() - start;
  let seen = 0;
  const controller = new AbortController();
  start = performance.now();
  await new Promise<void>((resolve) => {
    void queue.listen(() => {
      if (++seen === MESSAGES) resolve();
    }, { signal: controller.signal });
  });
  const consumeMs = performance.now() - start;
  controller.abort();
  console.log(`${label.padEnd(44)} enqueue ${rate(MESSAGES, enqueueMs).padStart(12)}   consume ${rate(MESSAGES, consumeMs).padStart(12)}`);
  return { enqueue: MESSAGES / enqueueMs, consume: MESSAGES / consumeMs };
}

/** A stub with INBOXES inboxes that calls `done` once each has received one POST. */
async function startStub(): Promise<{ server: Server; port: number; arm: () => Promise<number> }> {
  let received = new Set<string>();
  let finish: ((at: number) => void) | undefined;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(202).end();
      received.add(req.url ?? '');
      if (received.size === INBOXES) finish?.(performance.now());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    server, port,
    arm: () => { received = new Set(); return new Promise<number>((resolve) => { finish = resolve; }); },
  };
}

async function fedifyFanOut(label: string, queue: MessageQueue, stubPort: number, arm: () => Promise<number>): Promise<number> {
  const origin = 'http://127.0.0.1:1';
  const [rsa, ed] = await Promise.all([generateCryptoKeyPair('RSASSA-PKCS1-v1_5'), generateCryptoKeyPair('Ed25519')]);
  const federation = createFederation<void>({ kv: new MemoryKvStore(), queue, manuallyStartQueue: true, allowPrivateAddress: true });
  federation
    .setActorDispatcher('/ap/actors/{identifier}', async (ctx, identifier) => new Group({ id: ctx.getActorUri(identifier), preferredUsername: identifier, inbox: ctx.getInboxUri(identifier) }))
    .setKeyPairsDispatcher(() => [rsa, ed]);
  federation.setInboxListeners('/ap/actors/{identifier}/inbox', '/ap/inbox');
  const ctx = federation.createContext(new URL(origin), undefined);
  const recipients = Array.from({ length: INBOXES }, (_, i) => ({
    id: new URL(`http://127.0.0.1:${stubPort}/users/${i}`),
    inboxId: new URL(`http://127.0.0.1:${stubPort}/inbox/${i}`),
    endpoints: null,
  }));
  const activity = new Create({
    id: new URL(`${origin}/ap/activities/bench`), actor: ctx.getActorUri('asso'), to: PUBLIC_COLLECTION,
    object: new Note({ id: new URL(`${origin}/ap/news/bench`), content: 'Assemblée générale samedi', to: PUBLIC_COLLECTION }),
  });
  const last = arm();
  const controller = new AbortController();
  const start = performance.now();
  void federation.startQueue(undefined, { signal: controller.signal });
  await ctx.sendActivity({ identifier: 'asso' }, recipients, activity);
  const ms = (await last) - start;
  controller.abort();
  console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s to the last of ${INBOXES} inboxes`);
  return ms;
}

export async function deliveryBench(dir: string): Promise<void> {
  console.log(`Message queues, ${MESSAGES} messages of ~250 bytes each, one process, one listener`);
  const ours = openDatabase(path.join(dir, 'queue-ours.sqlite'));
  await migrateToLatest(ours.db);
  const theirsDb = new DatabaseSync(path.join(dir, 'queue-fedify-sqlite.sqlite'));
  const theirs = await queueFigures('@fedify/sqlite SqliteMessageQueue (baseline)', new SqliteMessageQueue(theirsDb, { pollInterval: { milliseconds: 50 } }));
  const mine = await queueFigures('DatabaseMessageQueue (jobs table, Kysely)', new DatabaseMessageQueue(ours.db, { pollMs: 50 }));
  console.log(`ratio ours / @fedify/sqlite: enqueue ${(mine.enqueue / theirs.enqueue).toFixed(2)}×, consume ${(mine.consume / theirs.consume).toFixed(2)}×`);
  console.log('');

  console.log(`Fan-out of one activity to ${INBOXES} distinct inboxes of a local stub (HTTP, 202)`);
  const stub = await startStub();
  const baselineLast = stub.arm();
  const baselineStart = performance.now();
  for (let i = 0; i < INBOXES; i++) {
    const res = await fetch(`http://127.0.0.1:${stub.port}/inbox/${i}`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/activity+json' } });
    await res.body?.cancel();
  }
  const baseline = (await baselineLast) - baselineStart;
  console.log(`${'baseline: 1,000 unsigned POSTs in a row'.padEnd(44)} ${(baseline / 1000).toFixed(2).padStart(7)} s`);

  const fanOurs = openDatabase(path.join(dir, 'fanout-ours.sqlite'));
  await migrateToLatest(fanOurs.db);
  const viaTheirs = await fedifyFanOut('sendActivity on @fedify/sqlite', new SqliteMessageQueue(new DatabaseSync(path.join(dir, 'fanout-fedify.sqlite')), { pollInterval: { milliseconds: 50 } }), stub.port, stub.arm);
  const viaOurs = await fedifyFanOut('sendActivity on DatabaseMessageQueue', new DatabaseMessageQueue(fanOurs.db, { pollMs: 50 }), stub.port, stub.arm);

  // Our raw worker: the app's delivery workers (DELIVERY_WORKERS at once), as main.ts runs them.
  const raw = openDatabase(path.join(dir, 'fanout-raw.sqlite'));
  await migrateToLatest(raw.db);
  const origin = 'http://127.0.0.1:1';
  const deps = { db: raw.db, clock: systemClock, origin };
  const handlers = deliveryJobs({ ...deps, allowPrivateAddresses: true }).handlers;
  const workers = Array.from({ length: DELIVERY_WORKERS }, () => jobWorker({ db: raw.db, handlers, pollMs: 50 }));
  await deliverRaw(deps, { activity: { id: `${origin}/ap/activities/warm`, type: 'Create' }, senderActorId: 'instance', inboxes: [] }); // keys created beforehand
  const rawLast = stub.arm();
  const rawStart = performance.now();
  await deliverRaw(deps, {
    activity: { '@context': 'https://www.w3.org/ns/activitystreams', id: `${origin}/ap/activities/bench`, type: 'Create', actor: `${origin}/ap/actors/instance`, object: { type: 'Note', content: 'Assemblée générale samedi' } },
    senderActorId: 'instance', inboxes: Array.from({ length: INBOXES }, (_, i) => `http://127.0.0.1:${stub.port}/inbox/${i}`),
  });
  for (const worker of workers) worker.start();
  const viaRaw = (await rawLast) - rawStart;
  await Promise.all(workers.map((worker) => worker.stop()));
  console.log(`${`raw JSON-LD worker ×${DELIVERY_WORKERS} (proof, signed POSTs)`.padEnd(44)} ${(viaRaw / 1000).toFixed(2).padStart(7)} s`);
  console.log(`ratios to the unsigned baseline: @fedify/sqlite ${(viaTheirs / baseline).toFixed(1)}×, DatabaseMessageQueue ${(viaOurs / baseline).toFixed(1)}×, raw worker ${(viaRaw / baseline).toFixed(1)}×`);
  stub.server.closeAllConnections();
  stub.server.close();
  await Promise.all([ours.close(), fanOurs.close(), raw.close()]);
  theirsDb.close();
}
