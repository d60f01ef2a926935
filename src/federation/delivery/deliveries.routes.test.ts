/**
 * The admin deliveries API over HTTP: per-host figures from our deliveries, Fedify's
 * queued outbox messages and the circuit state; retrying a host brings all its
 * deliveries back to now (dead ones too), closes its circuit, and is audited.
 */
import { describe, expect, it } from 'vitest';
import { jobRepository } from '../../jobs/job.repository.ts';
import { createTestApp, loggedIn } from '../../testing/test-app.ts';
import { deliveryRepository } from './delivery.repository.ts';

describe('admin deliveries', () => {
  it('lists queued, failing and dead deliveries per host, and retries a host now', async () => {
    const t = await createTestApp();
    await t.services.jobs.stop(); // the figures must not move under the test
    const now = t.clock.now().toISOString();
    const body = '{}';
    await deliveryRepository(t.db).enqueue(
      ['a1', 'a2', 'a3'].map((id, i) => ({ id: `0190abcd-0000-7000-8000-00000000000${i}`, activityId: `act-${id}`, senderActorId: 'instance', inbox: `https://a.example/inbox/${id}`, host: 'a.example', orderingKey: null, body })),
      now,
    );
    const [dead, failing] = ['0190abcd-0000-7000-8000-000000000000', '0190abcd-0000-7000-8000-000000000001'];
    await t.db.updateTable('deliveries').set({ status: 'dead', last_error: '410 Gone', last_status: 410 }).where('id', '=', dead).execute();
    await t.db.deleteFrom('jobs').where('id', '=', dead).execute(); // a dead delivery's job is gone
    await t.db.updateTable('deliveries').set({ status: 'failing', attempts: 3 }).where('id', '=', failing).execute();
    await t.db.updateTable('jobs').set({ run_at: '2030-01-01T00:00:00.000Z' }).where('id', '=', failing).execute();
    await t.db.insertInto('remote_hosts').values({ host: 'a.example', consecutive_failures: 7, circuit_open_until: '2030-01-01T00:00:00.000Z', last_error: '503 Service Unavailable' }).execute();
    await jobRepository(t.db).insert([
      { queue: 'fedify', payload: { type: 'outbox', inbox: 'https://b.example/inbox', attempt: 0 }, runAt: now },
      { queue: 'fedify', payload: { type: 'outbox', inbox: 'https://b.example/inbox', attempt: 2 }, runAt: '2030-01-01T00:00:00.000Z' },
      { queue: 'fedify', payload: { type: 'fanout', activity: {} }, runAt: now },
    ], now);

    const b = await loggedIn(t, 'admin@exemple.fr');
    await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', 'admin@exemple.fr').execute();
    const list = await b.request('GET', '/api/v1/admin/deliveries');
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: Record<string, unknown>[] };
    expect(items).toMatchObject([
      { host: 'a.example', queued: 1, failing: 1, dead: 1, circuit: 'open', consecutiveFailures: 7, blocked: false, lastError: '410 Gone' },
      { host: 'b.example', queued: 1, failing: 1, dead: 0, circuit: 'closed' },
    ]);

    const retry = await b.request('POST', '/api/v1/admin/deliveries/a.example/retry');
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ host: 'a.example', retried: 3 });
    const rows = await t.db.selectFrom('deliveries').select(['status', 'attempts']).execute();
    expect(rows.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
    const jobs = await t.db.selectFrom('jobs').select(['id', 'run_at']).where('queue', '=', 'delivery').orderBy('id').execute();
    // The dead one has a job again; the queued one postponed by the open circuit runs now too.
    expect(jobs.map((j) => j.run_at)).toEqual([now, now, now]);
    expect(await t.db.selectFrom('remote_hosts').select(['consecutive_failures', 'circuit_open_until']).where('host', '=', 'a.example').executeTakeFirst()).toEqual({ consecutive_failures: 0, circuit_open_until: null });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'target_id']).where('action', '=', 'deliveries.retry').execute();
    expect(audit).toEqual([{ action: 'deliveries.retry', target_id: 'a.example' }]);

    const fedifyRetry = await b.request('POST', '/api/v1/admin/deliveries/b.example/retry');
    expect(await fedifyRetry.json()).toEqual({ host: 'b.example', retried: 2 });
    // A host with a port, percent-encoded by the page.
    const withPort = await b.request('POST', '/api/v1/admin/deliveries/c.example%3A8443/retry');
    expect(await withPort.json()).toEqual({ host: 'c.example:8443', retried: 0 });
    const fedify = await t.db.selectFrom('jobs').select('run_at').where('queue', '=', 'fedify').execute();
    expect(fedify.map((j) => j.run_at)).toEqual([now, now, now]);
  });
});
