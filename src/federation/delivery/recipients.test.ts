/** Target inboxes: shared inboxes preferred and merged, unknown actors returned apart. */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrator.ts';
import { inboxesOf } from './recipients.ts';

describe('inboxesOf', () => {
  it('prefers shared inboxes, one per site, and lists actors without a known inbox', async () => {
    const { db } = openDatabase(':memory:');
    await migrateToLatest(db);
    const actor = (iri: string, inbox: string | null, shared: string | null) => ({
      iri, type: 'Person', host: new URL(iri).host, handle: null, name: null, url: null, inbox, shared_inbox: shared, document: '{}', fetched_at: '2026-11-27T10:00:00.000Z',
    });
    await db.insertInto('remote_actors').values([
      actor('https://a.example/users/1', 'https://a.example/users/1/inbox', 'https://a.example/inbox'),
      actor('https://a.example/users/2', 'https://a.example/users/2/inbox', 'https://a.example/inbox'),
      actor('https://b.example/u/3', 'https://b.example/u/3/inbox', null),
      actor('https://c.example/u/4', null, null),
    ]).execute();
    expect(await inboxesOf(db, ['https://a.example/users/1', 'https://a.example/users/2', 'https://b.example/u/3', 'https://c.example/u/4', 'https://d.example/x', 'https://b.example/u/3']))
      .toEqual({ inboxes: ['https://a.example/inbox', 'https://b.example/u/3/inbox'], unknown: ['https://c.example/u/4', 'https://d.example/x'] });
    expect(await inboxesOf(db, [])).toEqual({ inboxes: [], unknown: [] });
  });
});
