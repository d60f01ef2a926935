/**
 * What a test reads from an instance's own database (read-only) when no API says it:
 * whether everything it had to send has been sent. Used as a barrier before asserting
 * that something did **not** arrive.
 */
import type { Instance } from './instance.ts';
import { pollUntil } from './harness.ts';

/** Queues of outgoing federation work: outbox events, Fedify's deliveries, our raw deliveries. */
export const FEDERATION_QUEUES = ['outbox', 'fedify', 'delivery'] as const;

/** Jobs still to run (not dead) on the federation queues. */
export function pendingFederationJobs(instance: Instance): number {
  const marks = FEDERATION_QUEUES.map(() => '?').join(', ');
  const [row] = instance.query<{ n: number }>(`select count(*) as n from jobs where failed_at is null and queue in (${marks})`, ...FEDERATION_QUEUES);
  return row?.n ?? 0;
}

/** Outbox events not yet turned into deliveries. */
export function undispatchedEvents(instance: Instance): number {
  const [row] = instance.query<{ n: number }>('select count(*) as n from outbox_events where dispatched_at is null');
  return row?.n ?? 0;
}

/** Waits until the instance has nothing left to send (every event dispatched, no federation job waiting). */
export async function queueIdle(instance: Instance, timeoutMs = 60_000): Promise<void> {
  await pollUntil(() => undispatchedEvents(instance) === 0 && pendingFederationJobs(instance) === 0, {
    what: `instance ${instance.name} to have nothing left to send`,
    timeoutMs,
  });
}

/** Waits until the outbox events of one subject (e.g. a news item) number `count` and are all dispatched. */
export async function eventsDispatched(instance: Instance, subjectId: string, count: number, timeoutMs = 30_000): Promise<void> {
  await pollUntil(
    () => {
      const rows = instance.query<{ dispatched_at: string | null }>('select dispatched_at from outbox_events where subject_id = ?', subjectId);
      return rows.length === count && rows.every((r) => r.dispatched_at !== null);
    },
    { what: `${count} dispatched outbox event(s) of ${subjectId} on ${instance.name}`, timeoutMs },
  );
}
