/** Joining, leaving, the member list, approval, role and function changes, removal — and their audit trail. */
import { describe, expect, it } from 'vitest';
import { Browser, createTestApp, problemOf } from '../testing/test-app.ts';
import { SYSTEM_ACTOR, auditService } from '../audit/audit.service.ts';
import { membershipService } from './membership.service.ts';
import { account, association, join } from './testing.ts';

interface MemberBody {
  id: string;
  status: string;
  function: string;
  role: { id: string; name: string };
  account: { id: string; displayName: string; initials: string; handle: string | null; avatarUrl: string | null };
  approvedAt: string | null;
}
interface MemberPage {
  items: MemberBody[];
  page: number;
  pageSize: number;
  total: number;
}

describe('joining', () => {
  it('an open association: active at once with the default role; no email to managers', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr');
    const a = await association(t, 'Club de voile', { creatorId: manager.id });
    const marie = await account(t, 'marie@exemple.fr', { firstName: 'Marie', lastName: 'Curie' });
    const res = await marie.browser.request('POST', `/api/v1/associations/${a.handle}/membership`);
    expect(res.status).toBe(201);
    const member = (await res.json()) as MemberBody;
    expect(member).toMatchObject({ status: 'active', function: 'none', role: { id: a.roles.Bénévole, name: 'Bénévole' } });
    expect(member.account).toMatchObject({ id: marie.id, displayName: 'Marie Curie', initials: 'MC', avatarUrl: null });
    expect(member.approvedAt).not.toBeNull();
    const [entry] = await auditService(t.db, t.clock).list({ associationId: a.id });
    expect(entry).toMatchObject({ action: 'membership.join', actor: { accountId: marie.id, label: 'Marie Curie' }, changes: { status: [null, 'active'] } });
    expect(t.mailer.sent.filter((m) => m.to === 'responsable@exemple.fr')).toEqual([]);

    const again = await marie.browser.request('POST', `/api/v1/associations/${a.id}/membership`);
    expect(again.status).toBe(409);
    expect((await problemOf(again)).code).toBe('already_member');
  });

  it('a moderated association: pending, without permissions until approved', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr');
    const a = await association(t, 'Chorale', { creatorId: manager.id, moderateMembership: true });
    const paul = await account(t, 'paul@exemple.fr', { pseudo: 'Polo' });
    const res = await paul.browser.request('POST', `/api/v1/associations/${a.id}/membership`);
    expect(res.status).toBe(201);
    const member = (await res.json()) as MemberBody;
    expect(member).toMatchObject({ status: 'pending', approvedAt: null });
    expect((await paul.browser.request('POST', `/api/v1/associations/${a.id}/membership`)).status).toBe(409);

    const approved = await manager.browser.request('POST', `/api/v1/associations/${a.id}/members/${member.id}/approval`);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'active' });
    const row = await t.db.selectFrom('memberships').selectAll().where('id', '=', member.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'active', approved_by: manager.id });
    // Approving again (a double click) changes nothing.
    expect((await manager.browser.request('POST', `/api/v1/associations/${a.id}/members/${member.id}/approval`)).status).toBe(200);
    const actions = (await auditService(t.db, t.clock).list({ associationId: a.id })).map((e) => e.action);
    expect(actions).toEqual(['membership.approve', 'membership.join']);
  });

  it('a hidden association can be joined by its address; one awaiting approval cannot be seen (404)', async () => {
    const t = await createTestApp();
    const hidden = await association(t, 'Cercle discret', { isHidden: true });
    const waiting = await association(t, 'Pas encore validée', { isActive: false });
    const marie = await account(t, 'marie@exemple.fr');
    expect((await marie.browser.request('POST', `/api/v1/associations/${hidden.handle}/membership`)).status).toBe(201);
    const res = await marie.browser.request('POST', `/api/v1/associations/${waiting.id}/membership`);
    expect(res.status).toBe(404);
    expect(await t.db.selectFrom('memberships').select('id').where('association_id', '=', waiting.id).execute()).toEqual([]);
    expect((await new Browser(t).request('POST', `/api/v1/associations/${hidden.id}/membership`)).status).toBe(401);
    expect((await marie.browser.request('POST', '/api/v1/associations/inconnue/membership')).status).toBe(404);
  });

  it('leaving removes the membership; leaving again says not a member', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr');
    const a = await association(t, 'Club', { creatorId: manager.id });
    const marie = await account(t, 'marie@exemple.fr');
    await join(t, a, marie.id);
    expect((await marie.browser.request('DELETE', `/api/v1/associations/${a.id}/membership`)).status).toBe(204);
    const again = await marie.browser.request('DELETE', `/api/v1/associations/${a.id}/membership`);
    expect(again.status).toBe(404);
    expect((await problemOf(again)).code).toBe('not_member');
    expect((await auditService(t.db, t.clock).list({ associationId: a.id }))[0]).toMatchObject({ action: 'membership.leave', actor: { accountId: marie.id } });
  });
});

describe('the member list', () => {
  it('shows pending members first, then by name in French order; filters by role and status; pages by 20', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr', { firstName: 'Zoé', lastName: 'Martin' });
    const a = await association(t, 'Club', { creatorId: manager.id });
    for (const [email, firstName, status] of [
      ['eloise@exemple.fr', 'Éloïse', 'active'],
      ['bob@exemple.fr', 'bob', 'active'],
      ['yann@exemple.fr', 'Yann', 'pending'],
      ['adele@exemple.fr', 'Adèle', 'pending'],
      ['camille@exemple.fr', 'Camille', 'active'],
    ] as const) {
      const acc = await account(t, email, { firstName });
      await join(t, a, acc.id, firstName === 'Camille' ? 'Coordination' : 'Bénévole', status);
    }
    const list = async (query = '') => {
      const res = await manager.browser.request('GET', `/api/v1/associations/${a.id}/members${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as MemberPage;
    };
    const names = (p: MemberPage) => p.items.map((m) => m.account.displayName);
    expect(names(await list())).toEqual(['Adèle', 'Yann', 'bob', 'Camille', 'Éloïse', 'Zoé Martin']);
    expect(names(await list('?status=pending'))).toEqual(['Adèle', 'Yann']);
    expect(names(await list('?status=active'))).toEqual(['bob', 'Camille', 'Éloïse', 'Zoé Martin']);
    expect(names(await list(`?role=${a.roles.Coordination}`))).toEqual(['Camille']);
    expect(names(await list(`?role=${a.roles.Bénévole}&status=pending`))).toEqual(['Adèle', 'Yann']);

    for (let i = 0; i < 20; i++) await join(t, a, (await account(t, `m${String(i).padStart(2, '0')}@exemple.fr`, { firstName: `Membre ${i}` })).id);
    const first = await list();
    expect(first).toMatchObject({ page: 1, pageSize: 20, total: 26 });
    expect(first.items).toHaveLength(20);
    const second = await list('?page=2');
    expect(second.items).toHaveLength(6);
    expect(new Set([...first.items, ...second.items].map((m) => m.id)).size).toBe(26);
    expect((await list('?page=3')).items).toEqual([]);
  });
});

describe('managing members', () => {
  it('changes role and function, audited with before and after; removal keeps nothing but the audit', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr');
    const a = await association(t, 'Club', { creatorId: manager.id });
    const marie = await account(t, 'marie@exemple.fr', { firstName: 'Marie' });
    const id = await join(t, a, marie.id);
    const res = await manager.browser.request('PATCH', `/api/v1/associations/${a.id}/members/${id}`, { roleId: a.roles.Coordination, function: 'supervision' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: { name: 'Coordination' }, function: 'supervision' });
    const [entry] = await auditService(t.db, t.clock).list({ associationId: a.id });
    expect(entry).toMatchObject({ action: 'membership.update', targetId: id, changes: { role: ['Bénévole', 'Coordination'], function: ['none', 'supervision'] } });

    // Marie now lists members (Coordination) but her permissions ended with her removal.
    expect((await marie.browser.request('GET', `/api/v1/associations/${a.id}/members`)).status).toBe(200);
    expect((await manager.browser.request('DELETE', `/api/v1/associations/${a.id}/members/${id}`)).status).toBe(204);
    expect((await marie.browser.request('GET', `/api/v1/associations/${a.id}/members`)).status).toBe(403);
    const [removal] = await auditService(t.db, t.clock).list({ associationId: a.id });
    expect(removal).toMatchObject({ action: 'membership.remove', changes: { account: ['Marie', null], role: ['Coordination', null] } });
    expect((await manager.browser.request('DELETE', `/api/v1/associations/${a.id}/members/${id}`)).status).toBe(404);
  });

  it('a membership of another association is not found through this one', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr');
    const a = await association(t, 'Club', { creatorId: manager.id });
    const b = await association(t, 'Autre club');
    const marie = await account(t, 'marie@exemple.fr');
    const elsewhere = await join(t, b, marie.id);
    expect((await manager.browser.request('DELETE', `/api/v1/associations/${a.id}/members/${elsewhere}`)).status).toBe(404);
    expect((await manager.browser.request('PATCH', `/api/v1/associations/${a.id}/members/${elsewhere}`, { function: 'governance' })).status).toBe(404);
    expect(await t.db.selectFrom('memberships').select('function').where('id', '=', elsewhere).executeTakeFirstOrThrow()).toEqual({ function: 'none' });
  });

  it('appointManager (for the instance admin) joins or switches an account to the first managing role, active', async () => {
    const t = await createTestApp();
    const a = await association(t, 'Orpheline', { moderateMembership: true });
    const marie = await account(t, 'marie@exemple.fr');
    const paul = await account(t, 'paul@exemple.fr');
    await join(t, a, paul.id, 'Bénévole', 'pending');
    const service = membershipService({ db: t.db, clock: t.clock, mailer: t.mailer, origin: t.config.origin, settings: t.services.settings });
    const admin = { accountId: null, label: SYSTEM_ACTOR.label };
    expect(await service.appointManager(admin, a.id, marie.id)).toMatchObject({ status: 'active', role: { name: 'Responsable' } });
    expect(await service.appointManager(admin, a.id, paul.id)).toMatchObject({ status: 'active', role: { name: 'Responsable' } });
    const actions = (await auditService(t.db, t.clock).list({ associationId: a.id })).map((e) => e.action);
    expect(actions).toEqual(['membership.appoint', 'membership.appoint']);
    await expect(service.appointManager(admin, a.id, 'inconnu')).rejects.toMatchObject({ code: 'not_found' });
  });
});
