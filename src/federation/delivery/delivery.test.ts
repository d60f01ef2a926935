/**
 * The raw JSON-LD delivery worker against a local stub inbox that checks every HTTP
 * signature with Fedify's verifyRequest(): signed delivery with a verifiable proof,
 * double-knock to draft-cavage and its memory, order per record, backoff over two days,
 * the per-host circuit, 404/410, the public-address check on redirects, blocked hosts,
 * and a worker killed with SIGKILL mid-delivery losing nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePublicUrl } from '@fedify/vocab-runtime';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrator.ts';
import { DAY, ManualClock, MINUTE, systemClock, type Clock } from '../../lib/clock.ts';
import { jobWorker } from '../../jobs/worker.ts';
import { DatabaseKvStore } from '../../jobs/kv-store.ts';
import { actorKeyPairs } from '../keys.ts';
import type { ActorKeysTable } from '../federation.table.ts';
import { verifyProofs } from '../proof.ts';
import { deliverRaw } from './deliver-raw.ts';
import { deliveryJobs, type DeliveryDeps } from './deliver.ts';
import { deliveryRepository } from './delivery.repository.ts';
import { MAX_ATTEMPTS, retryHorizonMs, type DeliveryPolicy } from './policy.ts';
import { actorDocumentLoader, startStubInbox, type Script, type StubInbox } from './stub-inbox.fixture.ts';

const ORIGIN = 'https://asso.example';
const INSTANCE = `${ORIGIN}/ap/actors/instance`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bv-delivery-'));
const handles: DatabaseHandle[] = [];
const stubs: StubInbox[] = [];
afterEach(async () => {
  for (const s of stubs.splice(0)) await s.close();
});
afterAll(async () => {
  for (const h of handles) await h.close();
  rmSync(dir, { recursive: true, force: true });
});

const instanceKeys: ActorKeysTable[] = [];

interface SetupOptions {
  allowPrivateAddresses?: boolean;
  policy?: Partial<DeliveryPolicy>;
  validateAddress?: DeliveryDeps['validateAddress'];
  script?: Script;
  file?: string;
  clock?: Clock;
}

async function setup(options: SetupOptions = {}) {
  const handle = openDatabase(options.file ?? ':memory:');
  handles.push(handle);
  const { db } = handle;
  await migrateToLatest(db);
  const clock = options.clock ?? new ManualClock(new Date());
  // RSA generation is slow: the instance's keys are made once and copied to each database.
  if (instanceKeys.length > 0) await db.insertInto('actor_keys').values(instanceKeys).execute();
  const [rsa, ed25519] = await actorKeyPairs(db, clock, 'instance');
  if (instanceKeys.length === 0) instanceKeys.push(...(await db.selectFrom('actor_keys').selectAll().execute()));
  const stub = await startStubInbox(await actorDocumentLoader(INSTANCE, rsa!.publicKey), options.script);
  stubs.push(stub);
  const jobs = deliveryJobs({
    db, clock, origin: ORIGIN, allowPrivateAddresses: options.allowPrivateAddresses ?? true, policy: options.policy, validateAddress: options.validateAddress,
  });
  const worker = jobWorker({ db, clock, handlers: jobs.handlers });
  const send = (n: number, inboxes: string[], orderingKey?: string) =>
    deliverRaw({ db, clock, origin: ORIGIN }, {
      activity: { '@context': 'https://www.w3.org/ns/activitystreams', id: `${ORIGIN}/ap/activities/${n}`, type: 'Create', actor: INSTANCE, object: { type: 'Note', content: `n° ${n}` } },
      senderActorId: 'instance', inboxes, orderingKey,
    });
  const deliveries = () => db.selectFrom('deliveries').selectAll().orderBy('created_at').execute();
  const host = () => db.selectFrom('remote_hosts').selectAll().where('host', '=', `127.0.0.1:${stub.port}`).executeTakeFirst();
  return { db, clock, stub, worker, send, deliveries, host, ed25519: ed25519!.publicKey };
}

const ids = (stub: StubInbox) => stub.received.map((r) => String(r.body['id']).split('/').pop());

describe('raw JSON-LD delivery', () => {
  it('posts the signed document (RFC 9421 first) with a proof by #multikey-2, then forgets it', async () => {
    const t = await setup();
    expect(await t.send(1, [t.stub.url('/inbox'), t.stub.url('/inbox')])).toBe(1); // one delivery per inbox
    expect(await t.send(1, [t.stub.url('/inbox')])).toBe(0); // idempotent per activity and inbox
    expect(await t.worker.drain()).toBe(1);
    expect(t.stub.received).toHaveLength(1);
    const [request] = t.stub.received;
    expect(request).toMatchObject({ path: '/inbox', spec: 'rfc9421', verified: true });
    expect(await verifyProofs(request!.body, async () => t.ed25519)).toEqual([`${INSTANCE}#multikey-2`]);
    expect(await t.deliveries()).toEqual([]);
    expect(await t.host()).toMatchObject({ consecutive_failures: 0, circuit_open_until: null });
    expect(await t.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });

  it('falls back to draft-cavage when RFC 9421 is refused, and knocks once with it next time', async () => {
    const t = await setup({ script: (p, spec) => ({ status: spec === 'rfc9421' ? 401 : 202 }) });
    await t.send(1, [t.stub.url('/inbox')]);
    await t.worker.drain();
    expect(t.stub.received.map((r) => [r.spec, r.verified])).toEqual([['rfc9421', true], ['draft-cavage-http-signatures-12', true]]);
    expect(await new DatabaseKvStore(t.db, t.clock).get(['benevalibre', 'http-signature-spec', `http://127.0.0.1:${t.stub.port}`])).toBe('draft-cavage-http-signatures-12');
    await t.send(2, [t.stub.url('/inbox')]);
    await t.worker.drain();
    expect(t.stub.received.slice(2).map((r) => r.spec)).toEqual(['draft-cavage-http-signatures-12']);
    expect(await t.deliveries()).toEqual([]);
  });

  it('keeps the order per record and inbox: a retrying document holds up the next one', async () => {
    const t = await setup({ script: (p, _s, count) => ({ status: p === '/flaky' && count === 1 ? 503 : 202 }) });
    await t.send(1, [t.stub.url('/flaky')], 'news:1');
    await t.send(2, [t.stub.url('/flaky')], 'news:1');
    await t.send(3, [t.stub.url('/other')], 'news:1'); // another inbox is not held up
    await t.worker.drain();
    expect(ids(t.stub)).toEqual(['1', '3']);
    expect((await t.deliveries()).map((d) => [d.status, d.attempts, d.last_status])).toEqual([['failing', 1, 503], ['queued', 0, null]]);
    (t.clock as ManualClock).advance(MINUTE);
    await t.worker.drain();
    expect(ids(t.stub)).toEqual(['1', '3', '1', '2']);
    expect(await t.deliveries()).toEqual([]);
  });

  it('an admin retry puts a dead document back before the later ones about the same record', async () => {
    const t = await setup({ script: (_p, _s, count) => ({ status: count === 1 ? 404 : count === 2 ? 503 : 202 }) });
    await t.send(1, [t.stub.url('/r')], 'declaration:1');
    await t.send(2, [t.stub.url('/r')], 'declaration:1');
    await t.worker.drain(); // 1 dead (404), 2 failing (503)
    expect((await t.deliveries()).map((d) => d.status)).toEqual(['dead', 'failing']);
    (t.clock as ManualClock).advance(30_000);
    expect(await deliveryRepository(t.db).retryHost(`127.0.0.1:${t.stub.port}`, t.clock.now().toISOString())).toBe(2);
    await t.worker.drain();
    expect(ids(t.stub)).toEqual(['1', '2', '1', '2']);
    expect(await t.deliveries()).toEqual([]);
  });

  it('retries with exponential backoff for more than two days, then marks the delivery dead', async () => {
    expect(retryHorizonMs()).toBeGreaterThanOrEqual(2 * DAY);
    const t = await setup({ script: () => ({ status: 500 }), policy: { circuitThreshold: 1000 } });
    await t.send(1, [t.stub.url('/down')]);
    const delays: number[] = [];
    for (;;) {
      await t.worker.drain();
      const [d] = await t.deliveries();
      if (d!.status === 'dead') break;
      const delay = new Date(d!.next_attempt_at!).getTime() - t.clock.now().getTime();
      delays.push(delay);
      (t.clock as ManualClock).advance(delay);
    }
    expect(delays.slice(0, 3)).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE]);
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2 * DAY);
    expect(t.stub.received).toHaveLength(MAX_ATTEMPTS);
    expect(await t.deliveries()).toMatchObject([{ status: 'dead', attempts: MAX_ATTEMPTS, last_status: 500 }]);
    expect(await t.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });

  it('opens the host circuit after N failures (its deliveries wait, unsent), closes it on success', async () => {
    let up = false;
    const t = await setup({ script: () => ({ status: up ? 202 : 503 }), policy: { circuitThreshold: 3, circuitOpenMs: 30 * MINUTE } });
    await t.send(1, [t.stub.url('/a'), t.stub.url('/b'), t.stub.url('/c')]);
    await t.worker.drain();
    expect(t.stub.received).toHaveLength(3);
    const opened = await t.host();
    expect(opened?.consecutive_failures).toBe(3);
    expect(opened?.circuit_open_until).toBe(new Date(t.clock.now().getTime() + 30 * MINUTE).toISOString());
    await t.send(2, [t.stub.url('/d')]);
    (t.clock as ManualClock).advance(5 * MINUTE); // the first retries are due, the circuit is still open
    await t.worker.drain();
    expect(t.stub.received).toHaveLength(3); // nothing sent while open
    expect((await t.deliveries()).map((d) => d.next_attempt_at)).toEqual(Array(4).fill(opened?.circuit_open_until));
    up = true;
    (t.clock as ManualClock).advance(25 * MINUTE);
    await t.worker.drain();
    expect(t.stub.received).toHaveLength(7);
    expect(await t.deliveries()).toEqual([]);
    expect(await t.host()).toMatchObject({ consecutive_failures: 0, circuit_open_until: null });
  });

  it('404 and 410 are dead at once', async () => {
    const t = await setup({ script: (p) => ({ status: p === '/gone' ? 410 : 404 }) });
    await t.send(1, [t.stub.url('/gone'), t.stub.url('/missing')]);
    await t.worker.drain();
    expect(t.stub.received).toHaveLength(2);
    expect((await t.deliveries()).map((d) => [d.inbox.split('/').pop(), d.status, d.attempts, d.last_status]).sort()).toEqual([
      ['gone', 'dead', 1, 410], ['missing', 'dead', 1, 404],
    ]);
    expect(await t.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });

  it('refuses private addresses unless allowed, on the target and on every redirect', async () => {
    // Only the first hop is taken for public; the real check judges the redirect target.
    let stubUrl = '';
    const t = await setup({
      allowPrivateAddresses: false,
      validateAddress: async (url) => (url === stubUrl ? undefined : validatePublicUrl(url)),
      script: (p) => (p === '/to-private' ? { status: 302, location: '/inbox' } : { status: 202 }),
    });
    stubUrl = t.stub.url('/to-private');
    await t.send(1, [stubUrl, t.stub.url('/direct')]);
    await t.worker.drain();
    expect(t.stub.received.map((r) => r.path)).toEqual(['/to-private']); // never reached /inbox nor /direct
    const dead = await t.deliveries();
    expect(dead.map((d) => d.status)).toEqual(['dead', 'dead']);
    expect(dead.every((d) => /Not a public address/.test(d.last_error ?? ''))).toBe(true);

    const allowed = await setup({ script: (p) => (p === '/to-private' ? { status: 302, location: '/inbox' } : { status: 202 }) });
    await allowed.send(1, [allowed.stub.url('/to-private')]);
    await allowed.worker.drain();
    expect(allowed.stub.received.map((r) => [r.path, r.verified])).toEqual([['/to-private', true], ['/inbox', true]]);
    expect(await allowed.deliveries()).toEqual([]);
  });

  it('forgets dead deliveries after a month (when the next ones are queued)', async () => {
    const t = await setup({ script: () => ({ status: 410 }) });
    await t.send(1, [t.stub.url('/gone')]);
    await t.worker.drain();
    expect((await t.deliveries()).map((d) => d.status)).toEqual(['dead']);
    (t.clock as ManualClock).advance(29 * DAY);
    await t.send(2, [t.stub.url('/gone')]);
    expect(await t.deliveries()).toHaveLength(2);
    (t.clock as ManualClock).advance(2 * DAY);
    await t.send(3, [t.stub.url('/gone')]);
    expect((await t.deliveries()).map((d) => d.activity_id.split('/').pop())).toEqual(['2', '3']);
  });

  it('never delivers to a blocked host', async () => {
    const t = await setup();
    await t.db.insertInto('remote_hosts').values({ host: `127.0.0.1:${t.stub.port}`, blocked_at: t.clock.now().toISOString(), consecutive_failures: 0 }).execute();
    await t.send(1, [t.stub.url('/inbox')]);
    await t.worker.drain();
    expect(t.stub.received).toEqual([]);
    expect(await t.deliveries()).toMatchObject([{ status: 'dead', last_error: 'Blocked host' }]);
  });

  it('a worker killed with SIGKILL mid-delivery loses nothing: the delivery runs again after its lease', async () => {
    let hang = true;
    const t = await setup({ file: path.join(dir, 'crash.sqlite'), clock: systemClock, script: () => (hang ? 'hang' : { status: 202 }) });
    await t.send(1, [t.stub.url('/inbox')]);
    const child = spawn(process.execPath, [fileURLToPath(new URL('./crash-child.fixture.ts', import.meta.url)), path.join(dir, 'crash.sqlite'), '1500', ORIGIN], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    for (let i = 0; i < 200 && t.stub.received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(t.stub.received).toHaveLength(1); // the child is mid-request
    child.kill('SIGKILL');
    await exited;
    hang = false;
    expect(await t.worker.runOne()).toBe(false); // still leased to the dead worker
    await new Promise((r) => setTimeout(r, 1600));
    expect(await t.worker.runOne()).toBe(true);
    expect(ids(t.stub)).toEqual(['1', '1']); // the same stable activity id twice: at least once
    expect(t.stub.received[1]?.verified).toBe(true);
    expect(await t.deliveries()).toEqual([]);
    expect(await t.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  }, 20_000);
});
