/**
 * The job worker: polls the `jobs` table, claims one due job at a time with a lease,
 * runs its handler, deletes it on success, retries it with exponential backoff on
 * failure and marks it dead after `max_attempts`. A worker killed mid-job (crash,
 * SIGKILL) loses nothing: its lease expires and another worker runs the job again, so
 * handlers must be idempotent (at least once). stop() waits for the running job.
 */
import { getLogger } from '@logtape/logtape';
import type { Db } from '../db/database.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { jobSignal } from './enqueue.ts';
import { jobRepository, type JobRow } from './job.repository.ts';

const logger = getLogger(['benevalibre', 'jobs']);

export interface JobContext {
  job: JobRow;
  /** 1 on the first run. */
  attempt: number;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void> | void;

export interface WorkerOptions {
  db: Db;
  /** Handlers by queue name; the worker claims jobs of these queues only. */
  handlers: Record<string, JobHandler>;
  clock?: Clock | undefined;
  /** How long a claimed job stays locked; renewed every third of it while it runs. */
  leaseMs?: number | undefined;
  /** Real time between polls when idle (new jobs of this process wake it at once). */
  pollMs?: number | undefined;
  /** Delay before retry n (1-based): 30 s, 1 min, 2 min … capped at 6 h by default. */
  backoffMs?: ((attempt: number) => number) | undefined;
  id?: string | undefined;
}

export interface Worker {
  readonly id: string;
  /** Starts polling in the background (no-op when running). */
  start(): void;
  /** Stops polling and waits for the running job, if any, to finish. */
  stop(): Promise<void>;
  /** Runs due jobs now until none is left; returns how many ran (tests, CLI). */
  drain(): Promise<number>;
  /** Claims and runs at most one due job; false when none was due. */
  runOne(): Promise<boolean>;
}

export const defaultBackoff = (attempt: number): number => Math.min(30_000 * 2 ** (attempt - 1), 6 * 3600_000);

/**
 * Thrown by a handler that keeps its own schedule (deliveries: backoff over days, a host's
 * open circuit): the job goes back to the queue, keeping its place in its ordering key,
 * and runs again after `delayMs` instead of the default backoff.
 */
export class RetryLater extends Error {
  readonly delayMs: number;
  constructor(delayMs: number, message: string) {
    super(message);
    this.name = 'RetryLater';
    this.delayMs = Math.max(0, delayMs);
  }
}

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** The database closed under a running worker (end of a test, shutdown): stop quietly. */
const isClosed = (error: unknown): boolean => /driver has already been destroyed|database connection is not open/i.test(errorText(error));

export function jobWorker(options: WorkerOptions): Worker {
  const { db, handlers } = options;
  const clock = options.clock ?? systemClock;
  // Short on purpose: the heartbeat renews it while the job runs, so only a dead
  // worker (kill -9, power loss) lets it lapse — and its job waits at most this long.
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1000;
  const backoff = options.backoffMs ?? defaultBackoff;
  const id = options.id ?? `worker-${newId()}`;
  const queues = Object.keys(handlers);
  const repo = jobRepository(db);
  const iso = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

  let loop: Promise<void> | undefined;
  let running = false;
  let wake: (() => void) | undefined;

  async function runOne(): Promise<boolean> {
    if (queues.length === 0) return false;
    const job = await repo.claim(queues, id, iso(), iso(leaseMs));
    if (!job) return false;
    // Keep the lease while a long handler runs, so no other worker takes the job over.
    const heartbeat = setInterval(() => {
      repo.extend(job.id, id, iso(leaseMs)).catch(() => undefined);
    }, Math.max(50, Math.floor(leaseMs / 3)));
    heartbeat.unref();
    try {
      await handlers[job.queue]!(JSON.parse(job.payload) as unknown, { job, attempt: job.attempts });
      clearInterval(heartbeat);
      await repo.complete(job.id, id);
      jobSignal.notify(); // the next job of its ordering key may now run
    } catch (error) {
      clearInterval(heartbeat);
      // If the database itself is gone, this throws and the loop stops (see run()).
      const delay = error instanceof RetryLater ? error.delayMs : backoff(job.attempts);
      const outcome = await repo.fail(job, id, errorText(error), iso(delay), iso());
      const properties = { queue: job.queue, id: job.id, attempt: job.attempts, max: job.max_attempts, outcome, error: errorText(error) };
      const message = 'Job {queue} {id} failed (attempt {attempt}/{max}, {outcome}): {error}';
      if (outcome === 'dead') logger.error(message, properties);
      else if (error instanceof RetryLater) logger.debug(message, properties); // planned, logged by the handler
      else logger.warn(message, properties);
    }
    return true;
  }

  async function drain(): Promise<number> {
    let count = 0;
    while (await runOne()) count++;
    return count;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      const unsubscribe = jobSignal.subscribe(done);
      function done() {
        clearTimeout(timer);
        unsubscribe();
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function idleDelay(): Promise<number> {
    const next = await repo.nextRunAt(queues);
    const untilNext = next ? new Date(next).getTime() - clock.now().getTime() : pollMs;
    // A due job that could not be claimed is locked or waits for its ordering key: poll.
    return untilNext <= 0 ? pollMs : Math.max(10, Math.min(pollMs, untilNext));
  }

  async function run(): Promise<void> {
    while (running) {
      try {
        if (await runOne()) continue;
        if (!running) break;
        await sleep(await idleDelay());
      } catch (error) {
        if (isClosed(error)) {
          running = false;
          break;
        }
        logger.error('Job worker {id}: {error}', { id, error: errorText(error) });
        if (running) await sleep(pollMs);
      }
    }
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = undefined;
    },
    drain,
    runOne,
  };
}
