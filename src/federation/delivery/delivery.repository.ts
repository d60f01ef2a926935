/**
 * SQL of raw JSON-LD deliveries (table `deliveries`) and of the hosts' circuit state
 * (table `remote_hosts`). Each delivery is run by a durable job of queue `delivery`
 * whose id is the delivery's id, so retrying it is one update (or one insert when its
 * job is gone), and the job's lease gives at-least-once delivery across crashes.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jobRepository } from '../../jobs/job.repository.ts';
import type { DeliveriesTable, DeliveryStatus } from './delivery.table.ts';

/** The job queue that runs deliveries. */
export const DELIVERY_QUEUE = 'delivery';
/** Our policy decides when a delivery is dead; the job's own limit is only a safety net. */
const JOB_MAX_ATTEMPTS = 100_000;

export type DeliveryRow = DeliveriesTable;

export interface NewDelivery {
  id: string;
  activityId: string;
  senderActorId: string;
  inbox: string;
  host: string;
  orderingKey: string | null;
  body: string;
}

/** Deliveries of one record to one inbox run in order; other inboxes are not held up. */
const jobOrderingKey = (d: { ordering_key: string | null; inbox: string }): string | null =>
  d.ordering_key ? `delivery:${d.ordering_key}|${d.inbox}` : null;

/** SQL of the `deliveries` table and of their jobs. */
export function deliveryRepository(db: Db) {
  return {
    /**
     * Inserts the deliveries and their jobs (call it inside a transaction). An activity
     * already queued for an inbox is skipped: a publisher run twice adds nothing.
     */
    async enqueue(deliveries: NewDelivery[], now: string): Promise<number> {
      let added = 0;
      // Chunks keep each statement under SQLite's bound-parameter limit.
      for (let i = 0; i < deliveries.length; i += 400) {
        const chunk = deliveries.slice(i, i + 400);
        const inserted = await db
          .insertInto('deliveries')
          .values(chunk.map((d) => ({
            id: d.id, activity_id: d.activityId, sender_actor_id: d.senderActorId, inbox: d.inbox, host: d.host, ordering_key: d.orderingKey,
            body: d.body, status: 'queued' as const, attempts: 0, last_status: null, last_error: null, next_attempt_at: now, created_at: now, updated_at: now,
          })))
          .onConflict((oc) => oc.columns(['activity_id', 'inbox']).doNothing())
          .returning(['id', 'ordering_key', 'inbox'])
          .execute();
        await jobRepository(db).insert(
          inserted.map((d) => ({ id: d.id, queue: DELIVERY_QUEUE, payload: { deliveryId: d.id }, runAt: now, orderingKey: jobOrderingKey(d), maxAttempts: JOB_MAX_ATTEMPTS })),
          now,
        );
        added += inserted.length;
      }
      return added;
    },

    /** Forgets deliveries given up before `before` (kept meanwhile for the admins to see and retry). */
    async purgeDead(before: string): Promise<void> {
      await db.deleteFrom('deliveries').where('status', '=', 'dead').where('updated_at', '<', before).execute();
    },

    find(id: string): Promise<DeliveryRow | undefined> {
      return db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Delivered: the row goes (the host's last success is kept in remote_hosts). */
    async remove(id: string): Promise<void> {
      await db.deleteFrom('deliveries').where('id', '=', id).execute();
    },

    async mark(id: string, change: { status: DeliveryStatus; attempts?: number; lastStatus?: number | null; lastError?: string | null; nextAttemptAt?: string | null }, now: string): Promise<void> {
      await db
        .updateTable('deliveries')
        .set({
          status: change.status,
          ...(change.attempts !== undefined ? { attempts: change.attempts } : {}),
          ...(change.lastStatus !== undefined ? { last_status: change.lastStatus } : {}),
          ...(change.lastError !== undefined ? { last_error: change.lastError?.slice(0, 1000) ?? null } : {}),
          ...(change.nextAttemptAt !== undefined ? { next_attempt_at: change.nextAttemptAt } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Every delivery of a host runs again now with fresh attempts and a fresh age: a
     * waiting one's job (failing, or queued but postponed by an open circuit) is moved to
     * now, a dead one (its job is gone) gets a new job.
     */
    async retryHost(host: string, now: string): Promise<number> {
      const rows = await db.selectFrom('deliveries').select(['id', 'ordering_key', 'inbox', 'status', 'created_at']).where('host', '=', host).orderBy('created_at').execute();
      for (const d of rows) {
        await db.updateTable('deliveries').set({ status: 'queued', attempts: 0, next_attempt_at: now, updated_at: now, created_at: now }).where('id', '=', d.id).execute();
        const moved = await db.updateTable('jobs').set({ run_at: now, failed_at: null }).where('id', '=', d.id).where('locked_by', 'is', null).executeTakeFirst();
        if (Number(moved.numUpdatedRows) === 0) {
          // The new job keeps the delivery's original time, so later documents about the
          // same record still waiting for this inbox go after it (the claim orders by it).
          await jobRepository(db).insertIfAbsent({ id: d.id, queue: DELIVERY_QUEUE, payload: { deliveryId: d.id }, runAt: now, orderingKey: jobOrderingKey(d), maxAttempts: JOB_MAX_ATTEMPTS }, d.created_at);
        }
      }
      return rows.length;
    },

    /** Counts per host and status, for the admin page. */
    async countsByHost(): Promise<{ host: string; status: DeliveryStatus; count: number }[]> {
      const rows = await db
        .selectFrom('deliveries')
        .select((eb) => ['host', 'status', eb.fn.countAll<number>().as('count')])
        .groupBy(['host', 'status'])
        .execute();
      return rows.map((r) => ({ host: r.host, status: r.status, count: Number(r.count) }));
    },

    /** The most recent error of a host's deliveries, if any. */
    async lastError(host: string): Promise<string | null> {
      const row = await db
        .selectFrom('deliveries')
        .select('last_error')
        .where('host', '=', host)
        .where('last_error', 'is not', null)
        .orderBy('updated_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.last_error ?? null;
    },
  };
}

export type RemoteHostRow = {
  host: string;
  blocked_at: string | null;
  consecutive_failures: number;
  circuit_open_until: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
  last_error: string | null;
};

/** The circuit breaker and block state of remote hosts. */
export function remoteHostRepository(db: Db) {
  return {
    find(host: string): Promise<RemoteHostRow | undefined> {
      return db
        .selectFrom('remote_hosts')
        .select(['host', 'blocked_at', 'consecutive_failures', 'circuit_open_until', 'last_success_at', 'last_failure_at', 'last_error'])
        .where('host', '=', host)
        .executeTakeFirst();
    },

    /** Whether any of these names (host with port, host name) is blocked by an admin. */
    async isBlocked(names: string[]): Promise<boolean> {
      const row = await db.selectFrom('remote_hosts').select('host').where('host', 'in', names).where('blocked_at', 'is not', null).executeTakeFirst();
      return row !== undefined;
    },

    /** The host answered: its circuit closes. */
    async recordSuccess(host: string, now: string): Promise<void> {
      await db
        .insertInto('remote_hosts')
        .values({ host, consecutive_failures: 0, circuit_open_until: null, last_success_at: now })
        .onConflict((oc) => oc.column('host').doUpdateSet({ consecutive_failures: 0, circuit_open_until: null, last_success_at: now }))
        .execute();
    },

    /**
     * One more consecutive failure, in one statement (two workers may fail at once); at
     * `threshold` failures or more the circuit opens until `openUntil`. Returns the row.
     */
    async recordFailure(host: string, error: string, now: string, threshold: number, openUntil: string): Promise<RemoteHostRow | undefined> {
      const text = error.slice(0, 1000);
      await db
        .insertInto('remote_hosts')
        .values({ host, consecutive_failures: 1, circuit_open_until: threshold <= 1 ? openUntil : null, last_failure_at: now, last_error: text })
        .onConflict((oc) =>
          oc.column('host').doUpdateSet({
            consecutive_failures: sql<number>`remote_hosts.consecutive_failures + 1`,
            circuit_open_until: sql<string | null>`case when remote_hosts.consecutive_failures + 1 >= ${threshold} then ${openUntil} else remote_hosts.circuit_open_until end`,
            last_failure_at: now,
            last_error: text,
          }),
        )
        .execute();
      return this.find(host);
    },

    /** An admin asked to retry: the circuit closes so the retries are not postponed. */
    async closeCircuit(host: string): Promise<void> {
      await db.updateTable('remote_hosts').set({ consecutive_failures: 0, circuit_open_until: null }).where('host', '=', host).execute();
    },

    list(): Promise<RemoteHostRow[]> {
      return db
        .selectFrom('remote_hosts')
        .select(['host', 'blocked_at', 'consecutive_failures', 'circuit_open_until', 'last_success_at', 'last_failure_at', 'last_error'])
        .execute();
    },
  };
}
