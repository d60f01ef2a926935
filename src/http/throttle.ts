/** Per-IP and per-account limits on the endpoints attackers like (login, registration, reset, tokens). */
import { MINUTE, HOUR } from '../lib/clock.ts';
import { RateLimitedError } from '../lib/errors.ts';
import type { RateLimiter } from '../lib/rate-limiter.ts';

export interface Limit {
  limit: number;
  windowMs: number;
}

export interface ThrottleRules {
  loginPerIp: Limit;
  loginPerAccount: Limit;
  registerPerIp: Limit;
  emailLinkPerIp: Limit;
  emailLinkPerAccount: Limit;
  tokenPerIp: Limit;
  tokenPerAccount: Limit;
}

export const defaultThrottleRules: ThrottleRules = {
  loginPerIp: { limit: 30, windowMs: 15 * MINUTE },
  loginPerAccount: { limit: 10, windowMs: 15 * MINUTE },
  registerPerIp: { limit: 10, windowMs: HOUR },
  emailLinkPerIp: { limit: 20, windowMs: HOUR },
  emailLinkPerAccount: { limit: 5, windowMs: HOUR },
  tokenPerIp: { limit: 600, windowMs: MINUTE },
  tokenPerAccount: { limit: 600, windowMs: MINUTE },
};

/** Counts a hit on every key; throws 429 with the longest wait if any limit is passed. */
export function throttle(limiter: RateLimiter, hits: [key: string, rule: Limit][]): void {
  let wait = 0;
  for (const [key, rule] of hits) {
    const r = limiter.hit(key, rule.limit, rule.windowMs);
    if (!r.allowed) wait = Math.max(wait, r.retryAfterSeconds);
  }
  if (wait > 0) throw new RateLimitedError(wait);
}
