/**
 * The application's job runtime: one worker for every queue the domains register, and
 * what must be scheduled when it starts (recurring jobs such as the daily digest).
 * main.ts starts it and stops it on SIGTERM (waiting for the running job); test apps
 * start it too, and tests call drain() to run due jobs at once.
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { jobWorker, type JobHandler } from './worker.ts';

export interface JobRuntimeOptions {
  db: Db;
  clock: Clock;
  handlers: Record<string, JobHandler>;
  /** Run before the worker starts (idempotent scheduling). */
  onStart?: (() => Promise<void>) | undefined;
  pollMs?: number | undefined;
}

export function jobRuntime(options: JobRuntimeOptions) {
  const worker = jobWorker({ db: options.db, clock: options.clock, handlers: options.handlers, pollMs: options.pollMs });
  return {
    /** Schedules the recurring jobs, then polls in the background. */
    async start(): Promise<void> {
      await options.onStart?.();
      worker.start();
    },
    /** Stops polling; waits for the job being run. */
    stop: (): Promise<void> => worker.stop(),
    /** Runs every due job now (tests; a job enqueued meanwhile runs too). */
    drain: (): Promise<number> => worker.drain(),
  };
}

export type JobRuntime = ReturnType<typeof jobRuntime>;
