/**
 * The same delivery guarantees for Fedify's own deliveries (`ctx.sendActivity`) as for
 * our raw JSON-LD worker (federation.md, "Delivery"): retries for at least two days with
 * the same schedule (Fedify's default gives up after about half an hour of retries),
 * 404/410 permanent, Fedify's per-host circuit breaker mirrored into `remote_hosts` (so
 * the admin page shows it and our worker honours it), and no delivery to a blocked host.
 * The builder (federation.ts) spreads fedifyDeliveryOptions() into createFederation(),
 * wraps its outbox queue with fedifyOutboxQueue() (outbox-queue.ts) and lists
 * registerPermanentFailureHandler among its modules.
 */
import { getLogger } from '@logtape/logtape';
import { createExponentialBackoffPolicy, type Federation, type FederationOptions, type RetryPolicy } from '@fedify/fedify';
import type { Db } from '../../db/database.ts';
import type { FederationData } from '../federation.ts';
import type { Clock } from '../../lib/clock.ts';
import { remoteHostRepository } from './delivery.repository.ts';
import { CIRCUIT_OPEN_MS, CIRCUIT_THRESHOLD, MAX_AGE_MS, MAX_ATTEMPTS, PERMANENT_STATUSES, retryDelayMs } from './policy.ts';

const logger = getLogger(['benevalibre', 'federation', 'delivery']);

/**
 * Fedify's retry policy on our schedule: Fedify passes the attempts made so far (0 after
 * the first failure), so its delay initialDelay × 2^attempts is our retryDelayMs(attempts
 * + 1), and MAX_ATTEMPTS − 1 retries make MAX_ATTEMPTS attempts in all (≥ 53 h; Fedify's
 * jitter only lengthens the delays, up to the 12 h cap).
 */
export const outboxRetryPolicy: RetryPolicy = createExponentialBackoffPolicy({
  initialDelay: { milliseconds: retryDelayMs(1) },
  maxDelay: { hours: 12 },
  factor: 2,
  maxAttempts: MAX_ATTEMPTS - 1,
});

interface OptionsDeps {
  db: Db;
  clock: Clock;
}

/** Options to spread into createFederation(). */
export function fedifyDeliveryOptions<T>(deps: OptionsDeps): Partial<FederationOptions<T>> {
  const hosts = remoteHostRepository(deps.db);
  const iso = (offsetMs = 0) => new Date(deps.clock.now().getTime() + offsetMs).toISOString();
  return {
    outboxRetryPolicy,
    permanentFailureStatusCodes: PERMANENT_STATUSES,
    circuitBreaker: {
      failureThreshold: CIRCUIT_THRESHOLD,
      failureWindow: { hours: 1 },
      recoveryDelay: { milliseconds: CIRCUIT_OPEN_MS },
      heldActivityTtl: { milliseconds: MAX_AGE_MS },
      // Mirrored so that one place (remote_hosts) tells the admin which hosts are down.
      onStateChange: async (host, _previous, state) => {
        if (state === 'closed') await hosts.recordSuccess(host, iso());
        else if (state === 'open') await hosts.recordFailure(host, 'Circuit opened by Fedify', iso(), 1, iso(CIRCUIT_OPEN_MS));
      },
    },
    onOutboxError: (error, activity) => {
      logger.warn('Fedify delivery of {activity} failed: {error}', { activity: activity?.id?.href ?? null, error: error.message });
    },
  };
}

/**
 * Fedify gave up on an inbox for good (404/410, or held past its circuit's TTL): the
 * actors behind it no longer follow anyone here, as Fedify's documentation advises.
 * A FederationModule for the builder's list.
 */
export function registerPermanentFailureHandler(federation: Federation<FederationData>): void {
  federation.setOutboxPermanentFailureHandler(async (ctx, { inbox, statusCode, reason, actorIds }) => {
    const iris = actorIds.map((u) => u.href);
    logger.info('Fedify gave up delivering to {inbox} ({reason} {status}); {count} follower(s) removed', { inbox: inbox.href, reason, status: statusCode, count: iris.length });
    if (reason === 'http' && iris.length > 0) await ctx.data.db.deleteFrom('follows').where('follower_iri', 'in', iris).execute();
  });
}
