/** Deleting an association (after typing its name) and reading its audit trail. */
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../lib/clock.ts';
import { Browser, PASSWORD, createTestApp, errorOn, fieldsOf, loggedIn, problemOf } from '../testing/test-app.ts';
import { PNG, addMember, count, createAssociation } from './association.fixtures.ts';
import { associationService } from './association.service.ts';

interface AuditJson {
  items: { id: string; associationId: string | null; actor: { accountId: string | null; label: string }; action: string; targetType: string; targetId: string | null; changes: Record<string, [unknown, unknown]> | null; createdAt: string }[];
}

const OWNED = ['categories', 'levels', 'roles', 'memberships', 'association_logos', 'anonymous_members', 'audit_log'] as const;

describe('deleting an association', () => {
  it('needs the exact name (any case); then removes everything of it and frees its address later', async () => {
    const t = await createTestApp();
    const manager = await loggedIn(t, 'manager@exemple.fr');
    const a = await createAssociation(manager, { name: 'Chorale du Lac' });
    const kept = await createAssociation(manager, { name: 'Fanfare' });
    await manager.request('PUT', `/api/v1/associations/${a.id}/logo`, PNG, { 'Content-Type': 'image/png' });
    await loggedIn(t, 'member@exemple.fr');
    await addMember(t, a.id, 'member@exemple.fr', 'active');
    const anonymousId = '01900000-0000-7000-8fff-000000000001';
    await t.db.insertInto('anonymous_members').values({ id: anonymousId, association_id: a.id, name: 'Léo', expires_on: null, is_active: 1, secret_hash: 'h', last_visit_at: null, created_at: 'x', updated_at: 'x' }).execute();
    await t.db.insertInto('anonymous_sessions').values({ id: 's1', anonymous_member_id: anonymousId, token_hash: 'th', created_at: 'x', expires_at: 'y' }).execute();
    const counts = async (id: string) => Promise.all(OWNED.map((table) => count(t, table, id)));
    expect(await counts(a.id)).toEqual([10, 3, 3, 2, 1, 1, 2]);

    for (const confirmName of ['Chorale', 'Chorale du Lac !', '']) {
      const res = await manager.request('POST', `/api/v1/associations/${a.id}/deletion`, { confirmName });
      expect(res.status).toBe(422);
      const p = await problemOf(res);
      expect(fieldsOf(p)).toEqual(['confirmName']);
      expect(p.errors![0]!.message).toBe('Recopiez le nom exact de l’association pour confirmer.');
    }
    manager.lang = 'en';
    const en = await problemOf(await manager.request('POST', `/api/v1/associations/${a.id}/deletion`, { confirmName: 'nope' }));
    expect(errorOn(en, 'confirmName').message).toBe('Type the exact name of the association to confirm.');
    expect(fieldsOf(await problemOf(await manager.request('POST', `/api/v1/associations/${a.id}/deletion`, {})))).toEqual(['confirmName']);
    expect(await counts(a.id)).toEqual([10, 3, 3, 2, 1, 1, 2]);

    const res = await manager.request('POST', `/api/v1/associations/${a.id}/deletion`, { confirmName: '  chorale DU LAC ' });
    expect(res.status).toBe(204);
    expect(await count(t, 'associations', a.id)).toBe(0);
    expect(await counts(a.id)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(await t.db.selectFrom('anonymous_sessions').selectAll().execute()).toEqual([]);
    expect(await counts(kept.id)).toEqual([10, 3, 3, 1, 0, 0, 1]);
    expect((await new Browser(t).request('GET', '/api/v1/associations/chorale_du_lac')).status).toBe(404);

    // The deletion itself stays in the instance's trail.
    const trace = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'association.delete').executeTakeFirstOrThrow();
    expect(trace).toMatchObject({ association_id: null, target_id: a.id, changes: JSON.stringify({ name: ['Chorale du Lac', null] }) });

    // The name is free at once; the address only after 90 days.
    const again = await createAssociation(manager, { name: 'Chorale du Lac' });
    expect(again.handle).toBe('chorale_du_lac2');
    t.clock.advance(91 * 24 * 60 * MINUTE);
    const later = new Browser(t);
    await later.login('manager@exemple.fr', PASSWORD);
    const third = await createAssociation(later, { name: 'chorale du lac bis' });
    expect((await later.request('PUT', `/api/v1/associations/${third.id}/handle`, { handle: 'chorale_du_lac' })).status).toBe(200);
  });

  it('lets the admin’s routes delete without typing the name', async () => {
    const t = await createTestApp();
    const a = await createAssociation(await loggedIn(t), { name: 'Chorale' });
    const service = associationService({ db: t.db, clock: t.clock, mailer: t.mailer, origin: t.config.origin, settings: t.services.settings });
    await service.deleteAssociation({ accountId: null, label: 'Système' }, a.id);
    expect(await count(t, 'associations')).toBe(0);
    expect(await count(t, 'roles')).toBe(0);
    await expect(service.deleteAssociation({ accountId: null, label: 'Système' }, a.id)).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('the audit trail of an association', () => {
  it('lists who changed what, newest first, page by page', async () => {
    const t = await createTestApp();
    const manager = await loggedIn(t, 'manager@exemple.fr');
    const a = await createAssociation(manager, { name: 'Chorale' });
    for (const name of ['Chorale 2', 'Chorale 3']) {
      t.clock.advance(MINUTE);
      await manager.request('PATCH', `/api/v1/associations/${a.id}`, { name });
    }
    t.clock.advance(MINUTE);
    await manager.request('PUT', `/api/v1/associations/${a.id}/handle`, { handle: 'chorale_3' });
    const res = await manager.request('GET', `/api/v1/associations/${a.id}/audit`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as AuditJson;
    expect(items.map((e) => e.action)).toEqual(['association.handle', 'association.update', 'association.update', 'association.create']);
    expect(items[1]).toMatchObject({
      associationId: a.id,
      actor: { label: 'Marie Curie' },
      targetType: 'association',
      targetId: a.id,
      changes: { name: ['Chorale 2', 'Chorale 3'] },
      createdAt: '2026-11-27T10:02:00.000Z',
    });
    expect(items[1]!.actor.accountId).toEqual(expect.any(String));

    const marker = `${items[1]!.createdAt},${items[1]!.id}`;
    const next = (await (await manager.request('GET', `/api/v1/associations/chorale_3/audit?before=${encodeURIComponent(marker)}`)).json()) as AuditJson;
    expect(next.items.map((e) => e.changes)).toEqual([{ name: ['Chorale', 'Chorale 2'] }, { name: [null, 'Chorale'] }]);

    const bad = await manager.request('GET', `/api/v1/associations/${a.id}/audit?before=hier`);
    expect(bad.status).toBe(422);
    expect(errorOn(await problemOf(bad), 'before').code).toBe('association_before_invalid');
    expect((await new Browser(t).request('GET', `/api/v1/associations/${a.id}/audit`)).status).toBe(401);
  });
});
