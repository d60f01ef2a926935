/**
 * Enqueuing a durable job. Call it with a transaction to make the job part of the
 * change: it runs only if the transaction commits, and only after it (the worker reads
 * through the same connection, which the transaction holds until it ends).
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { jobRepository } from './job.repository.ts';

export interface EnqueueOptions {
  /** Milliseconds to wait before the first run. */
  delayMs?: number | undefined;
  /** Jobs sharing this key run strictly one after the other, in enqueue order. */
  orderingKey?: string | null | undefined;
  /** Attempts before the job is marked dead (default 10). */
  maxAttempts?: number | undefined;
}

/** Wakes the workers of this process so a new job does not wait for the next poll. */
const listeners = new Set<() => void>();

export const jobSignal = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  notify(): void {
    // After the current task: within a transaction, the row is only readable at commit.
    setImmediate(() => {
      for (const l of [...listeners]) l();
    });
  },
};

/** Enqueues one job on `queue` with a JSON payload; returns its id. */
export async function enqueueJob(db: Db, clock: Clock, queue: string, payload: unknown, options: EnqueueOptions = {}): Promise<string> {
  const [id] = await enqueueJobs(db, clock, queue, [payload], options);
  return id!;
}

/** Enqueues several jobs at once (same options, kept in this order). */
export async function enqueueJobs(db: Db, clock: Clock, queue: string, payloads: unknown[], options: EnqueueOptions = {}): Promise<string[]> {
  const now = clock.now();
  const runAt = new Date(now.getTime() + Math.max(0, options.delayMs ?? 0)).toISOString();
  const ids = await jobRepository(db).insert(
    payloads.map((payload) => ({ queue, payload, runAt, orderingKey: options.orderingKey, maxAttempts: options.maxAttempts })),
    now.toISOString(),
  );
  jobSignal.notify();
  return ids;
}
