/**
 * Fedify's MessageQueue over the durable `jobs` table: what the federation issues will
 * hand to `createFederation({ queue })`. Messages are stored as JSON (Fedify's messages
 * are plain JSON); a message leaves the table only after its handler succeeded.
 * `nativeRetrial` is false: Fedify applies its own retry policy to failed deliveries,
 * our backoff is only the safety net for a handler that throws anyway.
 */
import type { MessageQueue, MessageQueueDepth, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';
import type { Db } from '../db/database.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { enqueueJobs } from './enqueue.ts';
import { jobWorker } from './worker.ts';

/** Milliseconds of a Temporal.Duration made of days and smaller units (what Fedify uses). */
export function durationMs(d: Temporal.Duration | undefined): number {
  if (!d) return 0;
  const days = d.weeks * 7 + d.days;
  const ms = (((days * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000 + d.milliseconds + d.microseconds / 1e3 + d.nanoseconds / 1e6;
  return Math.max(0, Math.ceil(ms));
}

export interface DatabaseMessageQueueOptions {
  clock?: Clock | undefined;
  /** Name of the queue in the `jobs` table. */
  queue?: string | undefined;
  pollMs?: number | undefined;
  leaseMs?: number | undefined;
}

export class DatabaseMessageQueue implements MessageQueue {
  readonly nativeRetrial = false;
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #queue: string;
  readonly #pollMs: number;
  readonly #leaseMs: number;

  constructor(db: Db, options: DatabaseMessageQueueOptions = {}) {
    this.#db = db;
    this.#clock = options.clock ?? systemClock;
    this.#queue = options.queue ?? 'fedify';
    this.#pollMs = options.pollMs ?? 1000;
    this.#leaseMs = options.leaseMs ?? 60_000; // renewed while a message runs (see worker.ts)
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    await enqueueJobs(this.#db, this.#clock, this.#queue, [...messages], {
      delayMs: durationMs(options?.delay),
      orderingKey: options?.orderingKey,
    });
  }

  /** Runs a worker on this queue until the signal aborts; resolves once the running message is done. */
  listen(handler: (message: unknown) => Promise<void> | void, options: MessageQueueListenOptions = {}): Promise<void> {
    const worker = jobWorker({
      db: this.#db,
      clock: this.#clock,
      handlers: { [this.#queue]: (payload) => handler(payload) },
      pollMs: this.#pollMs,
      leaseMs: this.#leaseMs,
    });
    const { signal } = options;
    if (signal?.aborted) return Promise.resolve();
    worker.start();
    return new Promise<void>((resolve) => {
      signal?.addEventListener('abort', () => void worker.stop().then(resolve, resolve), { once: true });
    });
  }

  async getDepth(): Promise<MessageQueueDepth> {
    const now = this.#clock.now().toISOString();
    const row = await this.#db
      .selectFrom('jobs')
      .select((eb) => [
        eb.fn.countAll<number>().as('queued'),
        eb.fn.sum<number>(eb.case().when('run_at', '<=', now).then(1).else(0).end()).as('ready'),
      ])
      .where('queue', '=', this.#queue)
      .where('failed_at', 'is', null)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
      .executeTakeFirstOrThrow();
    const queued = Number(row.queued);
    const ready = Number(row.ready ?? 0);
    return { queued, ready, delayed: queued - ready };
  }
}
