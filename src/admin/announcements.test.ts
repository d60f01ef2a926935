/** Announcements: written by the admin, shown while active, to everyone or to managers only. */
import { describe, expect, it } from 'vitest';
import { HOUR, DAY } from '../lib/clock.ts';
import { Browser, createTestApp, errorOn, fieldsOf, loggedIn, problemOf, type TestApp } from '../testing/test-app.ts';

async function asAdmin(t: TestApp, email = 'admin@exemple.fr'): Promise<Browser> {
  const b = await loggedIn(t, email);
  await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', email).execute();
  return b;
}

const titlesSeenBy = async (b: Browser) => {
  const res = await b.request('GET', '/api/v1/announcements');
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { title: string }[] }).items.map((i) => i.title).sort();
};

const at = (t: TestApp, ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();

describe('announcements', () => {
  it('are shown by audience and between their publication and expiry', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const visitor = new Browser(t);
    const volunteer = await loggedIn(t, 'benevole@exemple.fr');
    const manager = await loggedIn(t, 'responsable@exemple.fr');
    expect((await manager.request('POST', '/api/v1/associations', { name: 'Les Amis du Jardin' })).status).toBe(201);

    const post = (body: Record<string, unknown>) => admin.request('POST', '/api/v1/admin/announcements', body);
    const created = await post({ title: 'Bienvenue', content: 'Le site est ouvert.' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ title: 'Bienvenue', audience: 'everyone', publishAt: t.clock.now().toISOString(), expireAt: null });
    await post({ title: 'Pour les responsables', content: 'Nouveaux bilans.', audience: 'managers' });
    await post({ title: 'Maintenance', content: 'Coupure ce soir.', expireAt: at(t, 2 * HOUR) });
    await post({ title: 'Demain', content: 'Bientôt.', publishAt: at(t, DAY) });

    expect(await titlesSeenBy(visitor)).toEqual(['Bienvenue', 'Maintenance']);
    expect(await titlesSeenBy(volunteer)).toEqual(['Bienvenue', 'Maintenance']);
    expect(await titlesSeenBy(manager)).toEqual(['Bienvenue', 'Maintenance', 'Pour les responsables']);
    expect(await titlesSeenBy(admin)).toEqual(['Bienvenue', 'Maintenance', 'Pour les responsables']);

    t.clock.advance(2 * HOUR); // expiry instant: no longer shown
    expect(await titlesSeenBy(visitor)).toEqual(['Bienvenue']);
    t.clock.advance(DAY);
    expect(await titlesSeenBy(visitor)).toEqual(['Bienvenue', 'Demain']);

    const all = (await (await admin.request('GET', '/api/v1/admin/announcements')).json()) as { items: { title: string }[] };
    // Newest publication first; the admin sees future and expired ones too.
    expect(all.items.map((i) => i.title)).toEqual(['Demain', 'Maintenance', 'Pour les responsables', 'Bienvenue']);
  });

  it('shows managers’ announcements only to active members whose role manages an association', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const manager = await loggedIn(t, 'responsable@exemple.fr');
    const created = (await (await manager.request('POST', '/api/v1/associations', { name: 'La Chorale' })).json()) as { id: string };
    await admin.request('POST', '/api/v1/admin/announcements', { title: 'Responsables', content: 'À lire.', audience: 'managers' });
    expect(await titlesSeenBy(manager)).toEqual(['Responsables']);
    // Their role loses the right to manage: the announcement is no longer theirs to see.
    await t.db.updateTable('roles').set({ manage_association: 0 }).where('association_id', '=', created.id).execute();
    expect(await titlesSeenBy(manager)).toEqual([]);
  });

  it('validates title, content, audience and dates, naming the fields, and saves nothing', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const res = await admin.request('POST', '/api/v1/admin/announcements', { title: ' ', content: 'x'.repeat(2001), audience: 'tous', publishAt: 'demain' });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p).sort()).toEqual(['audience', 'content', 'publishAt', 'title']);
    expect(errorOn(p, 'title').message).toBe('Ce champ est obligatoire.');
    expect(errorOn(p, 'content').message).toBe('2000 caractères au maximum.');
    expect(errorOn(p, 'publishAt').code).toBe('announcement_date_invalid');

    admin.lang = 'en';
    const dates = await admin.request('POST', '/api/v1/admin/announcements', {
      title: 't'.repeat(121), content: 'ok', publishAt: '2026-12-01T10:00:00+01:00', expireAt: '2026-12-01T09:00:00Z',
    });
    const q = await problemOf(dates);
    expect(fieldsOf(q)).toEqual(['title']);
    expect(errorOn(q, 'title').message).toBe('120 characters at most.');
    const order = await problemOf(await admin.request('POST', '/api/v1/admin/announcements', {
      title: 'Ok', content: 'ok', publishAt: '2026-12-01T10:00:00+01:00', expireAt: '2026-12-01T09:00:00Z',
    }));
    expect(errorOn(order, 'expireAt').message).toBe('The announcement must end after it starts being shown.');
    expect(await (await admin.request('GET', '/api/v1/admin/announcements')).json()).toEqual({ items: [] });
  });

  it('are edited (dates checked against the stored ones) and deleted, each change audited', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const { id } = (await (await admin.request('POST', '/api/v1/admin/announcements', {
      title: 'Assemblée', content: 'Le 12.', publishAt: '2026-11-27T11:00:00+01:00',
    })).json()) as { id: string };

    const refused = await admin.request('PATCH', `/api/v1/admin/announcements/${id}`, { expireAt: '2026-11-27T09:30:00Z' });
    expect(refused.status).toBe(422);
    expect(fieldsOf(await problemOf(refused))).toEqual(['expireAt']);
    const ok = await admin.request('PATCH', `/api/v1/admin/announcements/${id}`, { audience: 'managers', expireAt: '2026-12-12T18:00:00+01:00' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id, title: 'Assemblée', audience: 'managers', publishAt: '2026-11-27T10:00:00.000Z', expireAt: '2026-12-12T17:00:00.000Z' });

    expect((await admin.request('DELETE', `/api/v1/admin/announcements/${id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/api/v1/admin/announcements/${id}`)).status).toBe(404);
    expect((await admin.request('PATCH', `/api/v1/admin/announcements/${id}`, { title: 'x' })).status).toBe(404);

    const audit = (await (await admin.request('GET', '/api/v1/admin/audit')).json()) as { items: { action: string; targetId: string; changes: unknown }[] };
    expect(audit.items.map((e) => e.action)).toEqual(['announcement.delete', 'announcement.update', 'announcement.create']);
    expect(audit.items.every((e) => e.targetId === id)).toBe(true);
    expect(audit.items[1]!.changes).toEqual({ audience: ['everyone', 'managers'], expireAt: [null, '2026-12-12T17:00:00.000Z'] });
  });
});
