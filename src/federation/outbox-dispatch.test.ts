/**
 * Outbox dispatch: the `outbox` job calls the publisher of the event's kind with a real
 * Fedify context, marks the event dispatched, never runs it twice once dispatched,
 * retries a publisher that throws, leaves an event without publisher pending, and a raw
 * JSON-LD publisher run twice queues its deliveries once.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { recordOutboxEvent } from '../db/outbox-events.ts';
import { settingsService } from '../instance/settings.service.ts';
import { ManualClock, MINUTE } from '../lib/clock.ts';
import { MemoryMailer } from '../mail/mailer.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { jobWorker } from '../jobs/worker.ts';
import { deliverRaw } from './delivery/deliver-raw.ts';
import { buildFederation, federationData } from './federation.ts';
import { outboxDispatchJobs } from './outbox-dispatch.ts';
import type { OutboxEventRow, Publisher } from './publishers.ts';

const ORIGIN = 'https://asso.example';

async function setup(publishers: Record<string, Publisher>) {
  const { db } = openDatabase(':memory:');
  await migrateToLatest(db);
  const clock = new ManualClock();
  const settings = settingsService(db, clock, { name: 'Test', registrationOpen: true });
  const deps = { db, clock, origin: ORIGIN, settings, mailer: new MemoryMailer(), allowPrivateAddress: true };
  const federation = buildFederation(deps);
  const data = federationData(deps);
  const jobs = outboxDispatchJobs({ db, clock, federationContext: () => federation.createContext(new URL(ORIGIN), data), publishers });
  const worker = jobWorker({ db, clock, handlers: jobs.handlers });
  const record = (kind: string, subjectId = 's1') =>
    db.transaction().execute((trx) => recordOutboxEvent(trx, clock, { kind: kind as 'news.created', associationId: null, subjectType: 'news', subjectId }));
  const event = (id: string) => db.selectFrom('outbox_events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { db, clock, worker, record, event };
}

describe('outbox dispatch', () => {
  it('calls the publisher of the kind once, in order per record, and marks the events dispatched', async () => {
    const seen: [string, string][] = [];
    const t = await setup({
      'news.created': async (ctx, e) => void seen.push([e.kind, ctx.data.origin]),
      'news.updated': async (_ctx, e) => void seen.push([e.kind, e.subject_id]),
    });
    const first = await t.record('news.created');
    const second = await t.record('news.updated');
    await t.worker.drain();
    expect(seen).toEqual([['news.created', ORIGIN], ['news.updated', 's1']]);
    expect((await t.event(first)).dispatched_at).toBe(t.clock.now().toISOString());
    expect((await t.event(second)).dispatched_at).not.toBeNull();
    await enqueueJob(t.db, t.clock, 'outbox', { eventId: first }); // a job run twice
    await t.worker.drain();
    expect(seen).toHaveLength(2);
  });

  it('retries a publisher that throws; an event without publisher stays pending', async () => {
    let fail = true;
    const t = await setup({ 'news.created': async () => { if (fail) { fail = false; throw new Error('remote down'); } } });
    const id = await t.record('news.created');
    const orphan = await t.record('account.deleted', 'a1');
    await t.worker.drain();
    expect((await t.event(id)).dispatched_at).toBeNull();
    expect((await t.event(orphan)).dispatched_at).toBeNull();
    t.clock.advance(MINUTE);
    await t.worker.drain();
    expect((await t.event(id)).dispatched_at).not.toBeNull();
    expect(await t.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
  });

  it('a raw JSON-LD publisher run twice queues one signed delivery per inbox', async () => {
    const raw: Publisher = async (ctx, e: OutboxEventRow) => {
      await deliverRaw(ctx.data, {
        activity: { '@context': 'https://www.w3.org/ns/activitystreams', id: `${ORIGIN}/ap/activities/${e.id}`, type: 'Create', actor: `${ORIGIN}/ap/actors/instance` },
        senderActorId: 'instance', inboxes: ['https://a.example/inbox', 'https://b.example/inbox'], orderingKey: `${e.subject_type}:${e.subject_id}`,
      });
    };
    const t = await setup({ 'news.created': raw });
    const id = await t.record('news.created');
    // The dispatch job alone: leave deliveries queued (no worker for them here).
    await t.worker.drain();
    await t.db.updateTable('outbox_events').set({ dispatched_at: null }).where('id', '=', id).execute(); // as if it crashed before marking
    await enqueueJob(t.db, t.clock, 'outbox', { eventId: id });
    await t.worker.drain();
    const rows = await t.db.selectFrom('deliveries').select(['inbox', 'host', 'status', 'ordering_key', 'body']).orderBy('inbox').execute();
    expect(rows.map((r) => [r.host, r.status, r.ordering_key])).toEqual([['a.example', 'queued', 'news:s1'], ['b.example', 'queued', 'news:s1']]);
    expect(JSON.parse(rows[0]!.body)).toMatchObject({ id: `${ORIGIN}/ap/activities/${id}`, proof: { verificationMethod: `${ORIGIN}/ap/actors/instance#multikey-2` } });
    const jobs = await t.db.selectFrom('jobs').select(['queue', 'ordering_key']).execute();
    expect(jobs.map((j) => j.queue)).toEqual(['delivery', 'delivery']);
  });
});
