/**
 * The durable job queue: Fedify's own MessageQueue test suite on two queue objects over
 * one database file, then what matters to us: a crash loses nothing (a throwing handler
 * is retried with backoff until dead; a worker killed by SIGKILL mid-job gives the job
 * back when its lease ends), two workers never run one job, one ordering key runs in
 * order, and stop() waits for the running job.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { testMessageQueue } from '@fedify/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { ManualClock } from '../lib/clock.ts';
import { enqueueJob } from './enqueue.ts';
import { jobRepository } from './job.repository.ts';
import { DatabaseMessageQueue } from './message-queue.ts';
import { jobWorker } from './worker.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bv-jobs-'));
const opened: DatabaseHandle[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
async function database(file = path.join(dir, `q${files++}.sqlite`)): Promise<DatabaseHandle & { file: string }> {
  const handle = openDatabase(file);
  opened.push(handle);
  await migrateToLatest(handle.db);
  return { ...handle, file };
}

async function memory() {
  const handle = openDatabase(':memory:');
  opened.push(handle);
  await migrateToLatest(handle.db);
  return handle.db;
}

describe('Fedify MessageQueue', () => {
  it('passes testMessageQueue() with two queue objects on one database file, ordering keys on', async () => {
    const first = await database();
    let made = 0;
    await testMessageQueue(
      // Each object gets its own connection to the same file, as two processes would.
      () => {
        if (made++ === 0) return new DatabaseMessageQueue(first.db, { pollMs: 200 });
        const second = openDatabase(first.file);
        opened.push(second);
        return new DatabaseMessageQueue(second.db, { pollMs: 200 });
      },
      ({ controller }) => controller.abort(),
      { testOrderingKey: true },
    );
  }, 60_000);
});

describe('durable jobs', () => {
  it('retries a throwing handler with exponential backoff, then marks it dead', async () => {
    const db = await memory();
    const clock = new ManualClock();
    const runs: number[] = [];
    const worker = jobWorker({
      db,
      clock,
      handlers: { flaky: (_p, { attempt }) => { runs.push(attempt); throw new Error(`boom ${attempt}`); } },
    });
    const id = await enqueueJob(db, clock, 'flaky', { n: 1 }, { maxAttempts: 3 });
    expect(await worker.drain()).toBe(1);
    let job = await jobRepository(db).find(id);
    expect(job).toMatchObject({ attempts: 1, failed_at: null, locked_by: null, last_error: 'Error: boom 1' });
    expect(new Date(job!.run_at).getTime() - clock.now().getTime()).toBe(30_000);
    expect(await worker.drain()).toBe(0); // not due yet
    clock.advance(30_000);
    expect(await worker.drain()).toBe(1);
    job = await jobRepository(db).find(id);
    expect(new Date(job!.run_at).getTime() - clock.now().getTime()).toBe(60_000); // doubled
    clock.advance(60_000);
    expect(await worker.drain()).toBe(1);
    job = await jobRepository(db).find(id);
    expect(job?.failed_at).toBe(clock.now().toISOString()); // dead, kept for inspection
    clock.advance(3600_000);
    expect(await worker.drain()).toBe(0);
    expect(runs).toEqual([1, 2, 3]);
  });

  it('a handler that throws once loses nothing: the message runs again and then leaves', async () => {
    const db = await memory();
    const clock = new ManualClock();
    const seen: unknown[] = [];
    let fail = true;
    const worker = jobWorker({
      db, clock, backoffMs: () => 0,
      handlers: { once: (p) => { if (fail) { fail = false; throw new Error('crash'); } seen.push(p); } },
    });
    await enqueueJob(db, clock, 'once', { hello: 'monde' });
    await worker.drain();
    expect(seen).toEqual([{ hello: 'monde' }]);
    expect(await db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });

  it('a worker killed with SIGKILL while holding a job: the job runs again after the lease', async () => {
    const { db, file } = await database();
    const id = await enqueueJob(db, new ManualClock(new Date()), 'crash', { important: true });
    const child = spawn(process.execPath, [fileURLToPath(new URL('./crash-child.fixture.ts', import.meta.url)), file, '1500'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('holding') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const held = await jobRepository(db).find(id);
    expect(held?.locked_by).toMatch(/^worker-/);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    const ran: unknown[] = [];
    const survivor = jobWorker({ db, handlers: { crash: (p) => void ran.push(p) } });
    expect(await survivor.runOne()).toBe(false); // still leased to the dead worker
    await new Promise((r) => setTimeout(r, 1600));
    expect(await survivor.runOne()).toBe(true);
    expect(ran).toEqual([{ important: true }]);
    expect(await jobRepository(db).find(id)).toBeUndefined();
  }, 20_000);

  it('two workers on two connections never run one job twice', async () => {
    const { db, file } = await database();
    const other = openDatabase(file);
    opened.push(other);
    const clock = new ManualClock(new Date());
    const runs = new Map<number, number>();
    const handler = async (p: unknown) => {
      const n = (p as { n: number }).n;
      runs.set(n, (runs.get(n) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 1));
    };
    for (let n = 0; n < 60; n++) await enqueueJob(db, clock, 'twice', { n });
    const a = jobWorker({ db, clock, handlers: { twice: handler } });
    const b = jobWorker({ db: other.db, clock, handlers: { twice: handler } });
    await Promise.all([a.drain(), b.drain(), a.drain()]);
    expect(runs.size).toBe(60);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
  });

  it('jobs of one ordering key run strictly in order, even when one fails and retries', async () => {
    const db = await memory();
    const clock = new ManualClock();
    const order: string[] = [];
    let failed = false;
    const worker = jobWorker({
      db, clock, backoffMs: () => 1000,
      handlers: {
        ordered: (p) => {
          const { v } = p as { v: string };
          if (v === 'a1' && !failed) { failed = true; throw new Error('later'); }
          order.push(v);
        },
      },
    });
    for (const v of ['a1', 'a2', 'a3']) await enqueueJob(db, clock, 'ordered', { v }, { orderingKey: 'a' });
    await enqueueJob(db, clock, 'ordered', { v: 'free' });
    await worker.drain();
    expect(order).toEqual(['free']); // a2 and a3 wait behind the retrying a1
    clock.advance(1000);
    await worker.drain();
    expect(order).toEqual(['free', 'a1', 'a2', 'a3']);
  });

  it('delayed jobs wait; stop() waits for the running job', async () => {
    const db = await memory();
    const clock = new ManualClock();
    let finished = false;
    const worker = jobWorker({
      db, clock, pollMs: 20,
      handlers: { slow: async () => { await new Promise((r) => setTimeout(r, 200)); finished = true; } },
    });
    await enqueueJob(db, clock, 'slow', {}, { delayMs: 5000 });
    expect(await worker.drain()).toBe(0);
    clock.advance(5000);
    worker.start();
    await new Promise((r) => setTimeout(r, 60));
    await worker.stop();
    expect(finished).toBe(true);
    expect(await db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });
});
