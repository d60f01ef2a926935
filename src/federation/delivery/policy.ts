/**
 * The delivery policy of federation.md ("Delivery"): exponential backoff for at least two
 * days (Mastodon retries for about 2–3 days; Fedify's default gives up after about half
 * an hour), a per-host circuit breaker, and what counts as a permanent refusal.
 * Pure values and functions, shared by our worker and Fedify's options.
 */
import { DAY, HOUR, MINUTE } from '../../lib/clock.ts';

/** Delay before retry n (1-based): 1 min, 2, 4 … doubling, capped at 12 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(MINUTE * 2 ** Math.max(0, attempt - 1), 12 * HOUR);
}

/**
 * Attempts before a delivery is dead: the retries of retryDelayMs() after attempts
 * 1…13 add up to 17 h + 3 × 12 h ≈ 53 h, just over two days.
 */
export const MAX_ATTEMPTS = 14;

/** Total time from the first attempt to the last one (the test checks it is ≥ 2 days). */
export function retryHorizonMs(maxAttempts = MAX_ATTEMPTS): number {
  let total = 0;
  for (let attempt = 1; attempt < maxAttempts; attempt++) total += retryDelayMs(attempt);
  return total;
}

/**
 * A delivery older than this is dead even if it has not used its attempts, so a host
 * whose circuit stays open does not keep deliveries forever (Fedify holds them 7 days;
 * we give up sooner, an admin can still retry them from the deliveries page).
 */
export const MAX_AGE_MS = 4 * DAY;

/** Consecutive failures of a host that open its circuit. */
export const CIRCUIT_THRESHOLD = 5;
/** How long an open circuit postpones the host's deliveries before one probes it again. */
export const CIRCUIT_OPEN_MS = 30 * MINUTE;

/** The inbox is gone: the actor moved or was deleted. Never retried (federation.md). */
export const PERMANENT_STATUSES: readonly number[] = [404, 410];

/**
 * Answers that may mean "I do not accept this signature format": the other HTTP
 * signature spec is tried once (double-knock, SWICG ActivityPub HTTP Signature §
 * "How to upgrade"). Mastodon answers 401; some servers 400 or 403.
 */
export const SIGNATURE_REFUSALS: readonly number[] = [400, 401, 403];

/** Statuses that say the host itself is in trouble (count towards its circuit). */
export function isHostFailure(status: number | null): boolean {
  return status === null || status >= 500 || status === 408 || status === 429;
}

export interface DeliveryPolicy {
  retryDelayMs: (attempt: number) => number;
  maxAttempts: number;
  maxAgeMs: number;
  circuitThreshold: number;
  circuitOpenMs: number;
}

/** The policy above, as the worker takes it (tests override parts). */
export const defaultDeliveryPolicy: DeliveryPolicy = {
  retryDelayMs,
  maxAttempts: MAX_ATTEMPTS,
  maxAgeMs: MAX_AGE_MS,
  circuitThreshold: CIRCUIT_THRESHOLD,
  circuitOpenMs: CIRCUIT_OPEN_MS,
};
