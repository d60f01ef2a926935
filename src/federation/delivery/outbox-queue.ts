/**
 * Fedify's outbox queue as the builder hands it to createFederation(): our durable
 * queue, plus two guarantees Fedify alone does not give on it.
 *  - No outbox message for a blocked host is queued (first sends and Fedify's retries
 *    alike go through enqueue) nor run (blocked after being queued).
 *  - Order per record survives retries. Fedify retries a failed delivery (or holds it
 *    while the host's circuit is open) by queueing a copy of the message — same id —
 *    and finishing the original; in our queue the copy would be newer than the next
 *    activity about the same record (same ordering key), which would then go first
 *    (an Update before its Create). The copy takes the original's place instead.
 * Fan-out messages pass untouched: their inboxes are not known yet.
 */
import { getLogger } from '@logtape/logtape';
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';
import type { Db } from '../../db/database.ts';
import { remoteHostRepository } from './delivery.repository.ts';

const logger = getLogger(['benevalibre', 'federation', 'delivery']);

interface OutboxMessageFields {
  type?: unknown;
  id?: unknown;
  inbox?: unknown;
}

const idOf = (payload: string): unknown => {
  try {
    return (JSON.parse(payload) as OutboxMessageFields).id;
  } catch {
    return undefined;
  }
};

/** Wraps `queue` (a DatabaseMessageQueue over `db`'s jobs table) for Fedify's outbox. */
export function fedifyOutboxQueue(queue: MessageQueue, db: Db): MessageQueue {
  const hosts = remoteHostRepository(db);

  async function blocked(message: unknown): Promise<boolean> {
    const m = message as OutboxMessageFields | null;
    if (m?.type !== 'outbox' || typeof m.inbox !== 'string' || !URL.canParse(m.inbox)) return false;
    const url = new URL(m.inbox);
    const refused = await hosts.isBlocked([url.host, url.hostname]);
    if (refused) logger.info('Dropped a delivery to blocked host {host}', { host: url.host });
    return refused;
  }

  /** A copy of the running message (a retry, a hold) takes the original's place in its ordering key. */
  async function keepPlace(message: unknown, orderingKey: string | undefined): Promise<void> {
    const id = (message as OutboxMessageFields | null)?.id;
    if (!orderingKey || typeof id !== 'string') return;
    const jobs = await db.selectFrom('jobs').select(['id', 'created_at', 'payload', 'locked_by']).where('ordering_key', '=', orderingKey).where('failed_at', 'is', null).execute();
    const original = jobs.find((j) => j.locked_by !== null && idOf(j.payload) === id);
    const copy = jobs.find((j) => j.locked_by === null && idOf(j.payload) === id);
    if (!original || !copy) return;
    // The claim orders an ordering key by (created_at, id): the copy gets the original's
    // time and an id sorting right after the original's (and so before any later job's).
    await db.updateTable('jobs').set({ created_at: original.created_at, id: `${original.id}.r` }).where('id', '=', copy.id).execute();
  }

  return {
    nativeRetrial: queue.nativeRetrial,
    async enqueue(message: unknown, options?: MessageQueueEnqueueOptions) {
      if (await blocked(message)) return;
      await queue.enqueue(message, options);
      // Fedify enqueues one by one whenever there is an ordering key, so this covers retries.
      await keepPlace(message, options?.orderingKey);
    },
    async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions) {
      const verdicts = await Promise.all(messages.map(blocked));
      const kept = messages.filter((_m, i) => !verdicts[i]);
      if (kept.length === 0) return;
      if (queue.enqueueMany) await queue.enqueueMany(kept, options);
      else for (const m of kept) await queue.enqueue(m, options);
    },
    listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions) {
      return queue.listen(async (message) => {
        if (!(await blocked(message))) await handler(message);
      }, options);
    },
    ...(queue.getDepth ? { getDepth: () => queue.getDepth!() } : {}),
  };
}
