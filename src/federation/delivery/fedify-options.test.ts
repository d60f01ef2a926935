/**
 * Fedify's own deliveries keep our guarantees: its retry policy spans at least two days,
 * 404/410 are permanent, the circuit breaker options are accepted by Fedify, and no
 * outbox message for a blocked host is queued or run.
 */
import { normalizeCircuitBreakerOptions, type RetryPolicy } from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrator.ts';
import { DAY, ManualClock, MINUTE } from '../../lib/clock.ts';
import { DatabaseMessageQueue } from '../../jobs/message-queue.ts';
import { fedifyDeliveryOptions, outboxRetryPolicy } from './fedify-options.ts';
import { fedifyOutboxQueue } from './outbox-queue.ts';
import { MAX_ATTEMPTS } from './policy.ts';

async function memory() {
  const { db } = openDatabase(':memory:');
  await migrateToLatest(db);
  return db;
}

describe("Fedify's delivery options", () => {
  it('retries for at least two days, MAX_ATTEMPTS attempts in all, starting at about a minute', () => {
    // Fedify types it with the standard Temporal; it runs on this same polyfill.
    const zero = Temporal.Duration.from({ hours: 0 }) as Parameters<RetryPolicy>[0]['elapsedTime'];
    const delays: number[] = [];
    for (let attempts = 0; ; attempts++) {
      const delay = outboxRetryPolicy({ attempts, elapsedTime: zero });
      if (delay === null) break;
      delays.push(delay.total('millisecond'));
    }
    expect(delays).toHaveLength(MAX_ATTEMPTS - 1);
    expect(delays[0]).toBeGreaterThanOrEqual(MINUTE);
    expect(delays[0]).toBeLessThanOrEqual(2 * MINUTE);
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2 * DAY);
  });

  it('treats 404 and 410 as permanent and configures a circuit breaker Fedify accepts', async () => {
    const options = fedifyDeliveryOptions({ db: await memory(), clock: new ManualClock() });
    expect(options.permanentFailureStatusCodes).toEqual([404, 410]);
    expect(options.circuitBreaker).toBeTruthy();
    const normalized = normalizeCircuitBreakerOptions(options.circuitBreaker || {});
    expect(normalized.recoveryDelay.total('minute')).toBe(30);
    expect(normalized.heldActivityTtl.total('day')).toBeGreaterThanOrEqual(2);
  });

  it("mirrors Fedify's circuit state into remote_hosts, which our worker and the admin page read", async () => {
    const db = await memory();
    const clock = new ManualClock();
    const options = fedifyDeliveryOptions({ db, clock });
    const breaker = options.circuitBreaker || {};
    await breaker.onStateChange?.('down.example', 'closed', 'open');
    expect(await db.selectFrom('remote_hosts').select(['consecutive_failures', 'circuit_open_until']).where('host', '=', 'down.example').executeTakeFirst())
      .toEqual({ consecutive_failures: 1, circuit_open_until: new Date(clock.now().getTime() + 30 * MINUTE).toISOString() });
    await breaker.onStateChange?.('down.example', 'half-open', 'closed');
    expect(await db.selectFrom('remote_hosts').select(['consecutive_failures', 'circuit_open_until', 'last_success_at']).where('host', '=', 'down.example').executeTakeFirst())
      .toEqual({ consecutive_failures: 0, circuit_open_until: null, last_success_at: clock.now().toISOString() });
  });

  it('never queues nor runs an outbox message for a blocked host', async () => {
    const db = await memory();
    const clock = new ManualClock();
    const queue = fedifyOutboxQueue(new DatabaseMessageQueue(db, { clock, pollMs: 20 }), db);
    await db.insertInto('remote_hosts').values({ host: 'bad.example', blocked_at: clock.now().toISOString(), consecutive_failures: 0 }).execute();
    await queue.enqueueMany!([
      { type: 'outbox', inbox: 'https://bad.example/inbox', activity: {} },
      { type: 'outbox', inbox: 'https://good.example/inbox', activity: {} },
      { type: 'fanout', activity: {} },
    ]);
    await queue.enqueue({ type: 'outbox', inbox: 'https://bad.example/users/x/inbox', activity: {} });
    const queued = await db.selectFrom('jobs').select('payload').execute();
    expect(queued.map((j) => JSON.parse(j.payload) as { type: string; inbox?: string }).map((m) => m.inbox ?? m.type)).toEqual(['https://good.example/inbox', 'fanout']);

    // Blocked after being queued: dropped when its turn comes.
    await db.insertInto('remote_hosts').values({ host: 'good.example', blocked_at: clock.now().toISOString(), consecutive_failures: 0 }).execute();
    const ran: unknown[] = [];
    const controller = new AbortController();
    const listening = queue.listen((m) => void ran.push(m), { signal: controller.signal });
    for (let i = 0; i < 100 && (await db.selectFrom('jobs').select('id').execute()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await listening;
    expect(ran).toEqual([{ type: 'fanout', activity: {} }]);
  });
});
