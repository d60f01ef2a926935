/**
 * The job handler of queue `delivery`: sends one raw JSON-LD document to one inbox and
 * applies the delivery policy (policy.ts). Outcomes:
 *   2xx            → delivered: the row goes, the host's circuit closes;
 *   404 / 410      → dead at once (the inbox is gone);
 *   refused        → dead at once (blocked host, private address, redirect loop);
 *   anything else  → failing: retried with backoff until MAX_ATTEMPTS or MAX_AGE, then
 *                    dead; 5xx, 408, 429 and network errors also count towards the
 *                    host's circuit, which, once open, postpones all its deliveries.
 * Retries are RetryLater errors, so the job keeps its place in its ordering key (the
 * next document for the same record and inbox waits) and its lease makes a crash lose
 * nothing: the job runs again, the activity id is stable (receivers are idempotent).
 */
import { getLogger } from '@logtape/logtape';
import type { HttpMessageSignaturesSpec, KvKey } from '@fedify/fedify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { DatabaseKvStore } from '../../jobs/kv-store.ts';
import { RetryLater, type JobHandler } from '../../jobs/worker.ts';
import { actorKeyPairs } from '../keys.ts';
import { deliveryRepository, remoteHostRepository, DELIVERY_QUEUE } from './delivery.repository.ts';
import { defaultDeliveryPolicy, isHostFailure, PERMANENT_STATUSES, type DeliveryPolicy } from './policy.ts';
import { signedPost, type SpecMemory } from './signed-post.ts';

const logger = getLogger(['benevalibre', 'federation', 'delivery']);

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  /** Our public origin: actor ids are `${origin}/ap/actors/{id}`. */
  origin: string;
  allowPrivateAddresses: boolean;
  policy?: Partial<DeliveryPolicy> | undefined;
  timeoutMs?: number | undefined;
  /** Tests only: stands in for Fedify's validatePublicUrl (to pretend a local stub is public). */
  validateAddress?: ((url: string) => Promise<void>) | undefined;
}

/** The actor id of a sender: an account's or association's UUIDv7, or 'instance'. */
export const actorIri = (origin: string, actorId: string): string => `${origin}/ap/actors/${actorId}`;

/** Per-origin memory of the HTTP signature spec that worked, in the KV store (shared by processes). */
export function kvSpecMemory(db: Db, clock: Clock): SpecMemory {
  const kv = new DatabaseKvStore(db, clock);
  const key = (origin: string): KvKey => ['benevalibre', 'http-signature-spec', origin];
  return {
    get: async (origin) => (await kv.get<HttpMessageSignaturesSpec>(key(origin))) ?? undefined,
    set: (origin, spec) => kv.set(key(origin), spec),
  };
}

/** The handlers to register in the app's job runtime: `{ delivery }`. */
export function deliveryJobs(deps: DeliveryDeps): { handlers: Record<string, JobHandler> } {
  const policy = { ...defaultDeliveryPolicy, ...deps.policy };
  const deliveries = deliveryRepository(deps.db);
  const hosts = remoteHostRepository(deps.db);
  const specs = kvSpecMemory(deps.db, deps.clock);
  const iso = (offsetMs = 0) => new Date(deps.clock.now().getTime() + offsetMs).toISOString();

  async function deliver(payload: unknown): Promise<void> {
    const id = (payload as { deliveryId?: unknown } | null)?.deliveryId;
    if (typeof id !== 'string') return; // not ours: nothing to do, never retried
    const delivery = await deliveries.find(id);
    if (!delivery || delivery.status === 'dead') return;
    const now = iso();

    const host = await hosts.find(delivery.host);
    if (host?.blocked_at) {
      await deliveries.mark(id, { status: 'dead', lastError: 'Blocked host' }, now);
      return;
    }
    const age = deps.clock.now().getTime() - new Date(delivery.created_at).getTime();
    if (host?.circuit_open_until && host.circuit_open_until > now) {
      if (age >= policy.maxAgeMs) {
        await deliveries.mark(id, { status: 'dead', lastError: `Given up: host unreachable (${host.last_error ?? 'circuit open'})` }, now);
        return;
      }
      // Postponed, not attempted: the attempt count stays as it is.
      await deliveries.mark(id, { status: delivery.attempts > 0 ? 'failing' : 'queued', nextAttemptAt: host.circuit_open_until }, now);
      throw new RetryLater(new Date(host.circuit_open_until).getTime() - deps.clock.now().getTime(), `Circuit open for ${delivery.host}`);
    }

    const attempts = delivery.attempts + 1;
    const [rsa] = await actorKeyPairs(deps.db, deps.clock, delivery.sender_actor_id);
    const sender = actorIri(deps.origin, delivery.sender_actor_id);
    const outcome = await signedPost({
      inbox: delivery.inbox, body: delivery.body, privateKey: rsa!.privateKey, keyId: new URL(`${sender}#main-key`), specs,
      allowPrivateAddresses: deps.allowPrivateAddresses, isBlocked: (names) => hosts.isBlocked(names),
      userAgent: `Benevalibre (+${deps.origin})`, timeoutMs: deps.timeoutMs, validateAddress: deps.validateAddress,
    });
    const done = iso();

    if (outcome.kind === 'answered' && outcome.status >= 200 && outcome.status < 300) {
      await deliveries.remove(id);
      await hosts.recordSuccess(delivery.host, done);
      return;
    }
    if (outcome.kind === 'refused' || (outcome.kind === 'answered' && PERMANENT_STATUSES.includes(outcome.status))) {
      const error = outcome.kind === 'refused' ? outcome.reason : outcome.detail;
      await deliveries.mark(id, { status: 'dead', attempts, lastStatus: outcome.kind === 'answered' ? outcome.status : null, lastError: error }, done);
      // A 404/410 is an answer: the host itself is fine.
      if (outcome.kind === 'answered') await hosts.recordSuccess(delivery.host, done);
      logger.info('Delivery {id} to {inbox} is dead: {error}', { id, inbox: delivery.inbox, error });
      return;
    }

    const status = outcome.kind === 'answered' ? outcome.status : null;
    const error = outcome.kind === 'answered' ? outcome.detail : outcome.reason;
    if (isHostFailure(status)) {
      await hosts.recordFailure(delivery.host, error, done, policy.circuitThreshold, iso(policy.circuitOpenMs));
    }
    if (attempts >= policy.maxAttempts || age >= policy.maxAgeMs) {
      await deliveries.mark(id, { status: 'dead', attempts, lastStatus: status, lastError: error }, done);
      logger.warn('Delivery {id} to {inbox} is dead after {attempts} attempts: {error}', { id, inbox: delivery.inbox, attempts, error });
      return;
    }
    const delay = policy.retryDelayMs(attempts);
    await deliveries.mark(id, { status: 'failing', attempts, lastStatus: status, lastError: error, nextAttemptAt: iso(delay) }, done);
    throw new RetryLater(delay, `Delivery to ${delivery.inbox} failed (attempt ${attempts}): ${error}`);
  }

  return { handlers: { [DELIVERY_QUEUE]: deliver } };
}
