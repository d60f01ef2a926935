/**
 * The handler of job queue `outbox` (engineering guide, "Outbox events"): each committed
 * outbox event has one durable job (written in the same transaction as the change, with
 * the record as ordering key), which calls the publisher for the event's kind and marks
 * the event dispatched. A crash between the two runs the publisher again: publishers use
 * activity ids derived from the event id, deliverRaw() adds no second delivery of a
 * queued activity, and receivers are idempotent by id.
 */
import { getLogger } from '@logtape/logtape';
import type { Context } from '@fedify/fedify';
import type { Db } from '../db/database.ts';
import { OUTBOX_QUEUE } from '../db/outbox-events.ts';
import type { Clock } from '../lib/clock.ts';
import type { JobHandler } from '../jobs/worker.ts';
import type { FederationData } from './federation.ts';
import { publishers as defaultPublishers, type Publisher } from './publishers.ts';

const logger = getLogger(['benevalibre', 'federation', 'outbox']);

export interface OutboxDispatchDeps {
  db: Db;
  clock: Clock;
  /** A Fedify context outside any request (createApp's federationContext). */
  federationContext: () => Context<FederationData>;
  /** Tests replace the registry. */
  publishers?: Readonly<Record<string, Publisher>> | undefined;
}

/**
 * The context a publisher gets: its `sendActivity` calls carry the event's record as
 * ordering key unless the publisher chose one, so Fedify delivers the Create, Update and
 * Delete of one record to each server in order (federation.md: in order per record).
 */
export function orderedContext(ctx: Context<FederationData>, orderingKey: string): Context<FederationData> {
  return new Proxy(ctx, {
    get(target, property) {
      if (property === 'sendActivity') {
        return (sender: unknown, recipients: unknown, activity: unknown, options?: Record<string, unknown>) =>
          Reflect.apply(target.sendActivity, target, [sender, recipients, activity, { orderingKey, ...options }]);
      }
      const value: unknown = Reflect.get(target, property, target);
      // Fedify's context keeps private fields: its methods must run on the real object.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The handlers to register in the app's job runtime: `{ outbox }`. */
export function outboxDispatchJobs(deps: OutboxDispatchDeps): { handlers: Record<string, JobHandler> } {
  const registry = deps.publishers ?? defaultPublishers;

  async function dispatch(payload: unknown): Promise<void> {
    const eventId = (payload as { eventId?: unknown } | null)?.eventId;
    if (typeof eventId !== 'string') return;
    const event = await deps.db.selectFrom('outbox_events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (!event || event.dispatched_at) return; // already done (a job run twice)
    const publisher = registry[event.kind];
    if (!publisher) {
      // Left pending rather than marked: once a publisher exists, the event can still go.
      logger.warn('No publisher for outbox event {id} of kind {kind}', { id: event.id, kind: event.kind });
      return;
    }
    // A throw leaves the event pending and the job retries it with backoff.
    await publisher(orderedContext(deps.federationContext(), `${event.subject_type}:${event.subject_id}`), event);
    await deps.db.updateTable('outbox_events').set({ dispatched_at: deps.clock.now().toISOString() }).where('id', '=', event.id).where('dispatched_at', 'is', null).execute();
  }

  return { handlers: { [OUTBOX_QUEUE]: dispatch } };
}
