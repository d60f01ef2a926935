/**
 * SQL of the durable job queue (table `jobs`). A job is claimed by one statement that
 * sets its lease (`locked_until`, `locked_by`), so two workers — even in two processes
 * on the same database file — never run one job at the same time. Written in SQL that
 * PostgreSQL also runs (there, the claim would add `for update skip locked`).
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { newId } from '../lib/ids.ts';
import type { JobsTable } from './job.table.ts';

export type JobRow = JobsTable;

export interface NewJob {
  queue: string;
  payload: unknown;
  /** Earliest run time (ISO); now when absent. */
  runAt: string;
  /** Jobs sharing this key run one after the other, in the order they were enqueued. */
  orderingKey?: string | null | undefined;
  maxAttempts?: number | undefined;
  /** A chosen id makes enqueuing idempotent (see insertIfAbsent). */
  id?: string | undefined;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

export function jobRepository(db: Db) {
  return {
    /** Inserts jobs; inside a caller's transaction they exist only if it commits. */
    async insert(jobs: NewJob[], now: string): Promise<string[]> {
      if (jobs.length === 0) return [];
      const rows = jobs.map((j) => ({
        id: j.id ?? newId(),
        queue: j.queue,
        payload: JSON.stringify(j.payload ?? null),
        ordering_key: j.orderingKey ?? null,
        run_at: j.runAt,
        attempts: 0,
        max_attempts: j.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        locked_until: null,
        locked_by: null,
        last_error: null,
        created_at: now,
        failed_at: null,
      }));
      await db.insertInto('jobs').values(rows).execute();
      return rows.map((r) => r.id);
    },

    /** Inserts a job with a chosen id unless one exists (recurring jobs, fan-out retried after a crash). */
    async insertIfAbsent(job: NewJob & { id: string }, now: string): Promise<boolean> {
      const result = await db
        .insertInto('jobs')
        .values({
          id: job.id, queue: job.queue, payload: JSON.stringify(job.payload ?? null), ordering_key: job.orderingKey ?? null, run_at: job.runAt,
          attempts: 0, max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, locked_until: null, locked_by: null, last_error: null, created_at: now, failed_at: null,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },

    /**
     * Claims the next due job of these queues for `worker` until `lockedUntil`, in one
     * atomic statement. A job with an ordering key waits while an older live job (not
     * dead) of the same key is still in the table — running, due later or retrying.
     */
    async claim(queues: string[], worker: string, now: string, lockedUntil: string): Promise<JobRow | undefined> {
      const result = await sql<JobRow>`
        update jobs set locked_by = ${worker}, locked_until = ${lockedUntil}, attempts = attempts + 1
        where id = (
          select j.id from jobs j
          where j.queue in (${sql.join(queues)})
            and j.failed_at is null
            and j.run_at <= ${now}
            and (j.locked_until is null or j.locked_until <= ${now})
            and (j.ordering_key is null or not exists (
              select 1 from jobs o
              where o.ordering_key = j.ordering_key and o.failed_at is null
                and (o.created_at < j.created_at or (o.created_at = j.created_at and o.id < j.id))
            ))
          order by j.run_at, j.created_at, j.id
          limit 1
        )
        and (locked_until is null or locked_until <= ${now})
        returning *`.execute(db);
      return result.rows[0];
    },

    /** Success: the job leaves the queue, if this worker still holds it. */
    async complete(id: string, worker: string): Promise<void> {
      await db.deleteFrom('jobs').where('id', '=', id).where('locked_by', '=', worker).execute();
    },

    /** Failure: back to the queue at `runAt`, or dead (`failed_at`) when attempts are used up. */
    async fail(job: JobRow, worker: string, error: string, runAt: string, now: string): Promise<'retry' | 'dead'> {
      const dead = job.attempts >= job.max_attempts;
      await db
        .updateTable('jobs')
        .set({ locked_by: null, locked_until: null, last_error: error.slice(0, 2000), run_at: dead ? job.run_at : runAt, failed_at: dead ? now : null })
        .where('id', '=', job.id)
        .where('locked_by', '=', worker)
        .execute();
      return dead ? 'dead' : 'retry';
    },

    /** Extends a running job's lease (long handlers). */
    async extend(id: string, worker: string, lockedUntil: string): Promise<void> {
      await db.updateTable('jobs').set({ locked_until: lockedUntil }).where('id', '=', id).where('locked_by', '=', worker).execute();
    },

    /** Earliest run time among live jobs of these queues, to sleep until then. */
    async nextRunAt(queues: string[]): Promise<string | null> {
      const row = await db
        .selectFrom('jobs')
        .select((eb) => eb.fn.min('run_at').as('next'))
        .where('queue', 'in', queues)
        .where('failed_at', 'is', null)
        .executeTakeFirst();
      return (row?.next as string | null | undefined) ?? null;
    },

    find(id: string): Promise<JobRow | undefined> {
      return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    },
  };
}
