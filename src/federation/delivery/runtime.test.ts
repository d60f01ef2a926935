/**
 * Delivery workers beside the main job worker: a delivery hanging on a dead site holds
 * up neither the other deliveries nor the main worker's jobs (emails…), and drain() runs
 * both until nothing is left.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrator.ts';
import { systemClock } from '../../lib/clock.ts';
import { enqueueJob } from '../../jobs/enqueue.ts';
import { jobRuntime } from '../../jobs/runtime.ts';
import { actorKeyPairs } from '../keys.ts';
import { deliverRaw } from './deliver-raw.ts';
import { withDeliveryWorkers } from './runtime.ts';
import { actorDocumentLoader, startStubInbox, type StubInbox } from './stub-inbox.fixture.ts';

const ORIGIN = 'https://asso.example';
let stub: StubInbox | undefined;
afterEach(async () => {
  await stub?.close();
});

async function setup() {
  const { db } = openDatabase(':memory:');
  await migrateToLatest(db);
  const clock = systemClock;
  const [rsa] = await actorKeyPairs(db, clock, 'instance');
  stub = await startStubInbox(await actorDocumentLoader(`${ORIGIN}/ap/actors/instance`, rsa!.publicKey), (p) => (p === '/dead' ? 'hang' : { status: 202 }));
  const mails: unknown[] = [];
  const main = jobRuntime({ db, clock, handlers: { mail: (p) => void mails.push(p) }, pollMs: 20 });
  const runtime = withDeliveryWorkers(main, { db, clock, origin: ORIGIN, allowPrivateAddresses: true, timeoutMs: 60_000 }, 3);
  const send = (n: number, inbox: string) =>
    deliverRaw({ db, clock, origin: ORIGIN }, { activity: { id: `${ORIGIN}/ap/activities/${n}`, type: 'Create' }, senderActorId: 'instance', inboxes: [inbox] });
  return { db, clock, runtime, send, mails, stub: stub! };
}

const until = async (check: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
};

describe('delivery workers', () => {
  it('a delivery hanging on a dead site holds up neither other deliveries nor the main jobs', async () => {
    const t = await setup();
    await t.runtime.start();
    await t.send(0, t.stub.url('/dead'));
    await until(() => t.stub.received.length === 1); // one delivery worker is now stuck
    for (let n = 1; n <= 5; n++) await t.send(n, t.stub.url(`/ok/${n}`));
    await enqueueJob(t.db, t.clock, 'mail', { to: 'marie@exemple.fr' });
    const left = async () => (await t.db.selectFrom('deliveries').select('inbox').execute()).map((d) => d.inbox);
    // The stub counts a request when it arrives; the worker records it done just after.
    await until(async () => t.stub.received.length === 6 && t.mails.length === 1 && (await left()).length === 1);
    expect(t.stub.received.map((r) => r.path).sort()).toEqual(['/dead', '/ok/1', '/ok/2', '/ok/3', '/ok/4', '/ok/5']);
    expect(t.mails).toEqual([{ to: 'marie@exemple.fr' }]);
    // Only the hanging one is left, still leased to its worker.
    expect(await left()).toEqual([t.stub.url('/dead')]);
    await t.stub.close(); // ends the hanging request so stop() can return
    stub = undefined;
    await t.runtime.stop();
  });

  it('drain() runs main jobs and deliveries until none is left', async () => {
    const t = await setup();
    await t.send(1, t.stub.url('/ok/1'));
    await enqueueJob(t.db, t.clock, 'mail', { to: 'x' });
    expect(await t.runtime.drain()).toBe(2);
    expect(t.stub.received).toHaveLength(1);
    expect(t.mails).toHaveLength(1);
  });
});
