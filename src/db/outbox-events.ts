/**
 * Outbox events (engineering guide): a service that changes something other instances
 * must learn records a neutral event **in the same transaction** as the change. The same
 * transaction enqueues a durable `outbox` job, so the federation layer turns the event
 * into deliveries only after commit, and nothing is lost if the process dies meanwhile.
 */
import type { Db } from './database.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { enqueueJob } from '../jobs/enqueue.ts';

export const OUTBOX_QUEUE = 'outbox';

export type OutboxEventKind =
  | 'news.created' | 'news.updated' | 'news.deleted' | 'association.updated' | 'association.deleted' | 'account.updated' | 'account.deleted'
  // Memberships of remote accounts (flow 2): the answers to their Join, removal, function change.
  | 'membership.accepted' | 'membership.pending' | 'membership.rejected' | 'membership.removed' | 'membership.updated'
  // Members-only news, for the association's members on other sites.
  | 'news.members.created' | 'news.members.updated' | 'news.members.deleted'
  // Answers to declarations received from members' sites (flows 3–5, the association's side).
  | 'declaration.received.pending' | 'declaration.received.validated' | 'declaration.received.rejected' | 'declaration.received.removed'
  // Declarations of our accounts for associations of other sites (flows 3–5, the volunteer's side).
  | 'declaration.remote.sent' | 'declaration.remote.deleted';

export interface OutboxEventInput {
  kind: OutboxEventKind;
  associationId?: string | null | undefined;
  subjectType: string;
  subjectId: string;
  payload?: Record<string, unknown> | undefined;
}

/** Records the event and its dispatch job; call it with the transaction of the change. */
export async function recordOutboxEvent(trx: Db, clock: Clock, event: OutboxEventInput): Promise<string> {
  const id = newId();
  await trx.insertInto('outbox_events').values({
    id, kind: event.kind, association_id: event.associationId ?? null, subject_type: event.subjectType, subject_id: event.subjectId,
    payload: JSON.stringify(event.payload ?? {}), created_at: clock.now().toISOString(), dispatched_at: null,
  }).execute();
  // One ordering key per record: its events are dispatched in the order they happened.
  await enqueueJob(trx, clock, OUTBOX_QUEUE, { eventId: id }, { orderingKey: `${event.subjectType}:${event.subjectId}` });
  return id;
}
