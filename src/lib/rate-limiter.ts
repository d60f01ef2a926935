/**
 * Throttling counters. The in-memory implementation serves one process; a multi-process
 * deployment backs the same interface with the database (a later issue). Fixed windows:
 * simple, and no permanent lockout — a window always ends.
 */
export interface RateLimitResult {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one hit on `key`; refused once `limit` hits fell within the window. */
  hit(key: string, limit: number, windowMs: number): RateLimitResult;
  /** Forgets a key (e.g. after a successful login). */
  reset(key: string): void;
}

export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number; windowMs: number }>();
  let lastSweep = now();
  function sweep(t: number) {
    if (t - lastSweep < 60_000) return;
    lastSweep = t;
    for (const [key, w] of windows) if (t - w.start >= w.windowMs) windows.delete(key);
  }
  return {
    hit(key, limit, windowMs) {
      const t = now();
      sweep(t);
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        w = { start: t, count: 0, windowMs };
        windows.set(key, w);
      }
      w.count += 1;
      if (w.count <= limit) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - t) / 1000)) };
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
