/** /admin/associations: approval queue, orphaned associations, appointing a manager, deletion. */
import { describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { Browser, PASSWORD, createTestApp, errorOn, loggedIn, problemOf, registerActive, type TestApp } from '../testing/test-app.ts';

async function asAdmin(t: TestApp, email = 'admin@exemple.fr'): Promise<Browser> {
  const b = await loggedIn(t, email);
  await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', email).execute();
  return b;
}

interface Page { items: { id: string; name: string; isActive: boolean; managerCount: number; createdAt: string }[]; total: number; pageSize: number }
const adminList = async (b: Browser, query = '') => (await (await b.request('GET', `/api/v1/admin/associations${query}`)).json()) as Page;

describe('admin associations', () => {
  it('lists those awaiting approval and approves them (managers emailed, audited)', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    await admin.request('PATCH', '/api/v1/admin/settings', { associationCreationModerated: true });
    const manager = await loggedIn(t, 'responsable@exemple.fr');
    const created = (await (await manager.request('POST', '/api/v1/associations', { name: 'Les Amis du Jardin' })).json()) as { id: string; isActive: boolean };
    expect(created.isActive).toBe(false);
    await t.mailer.waitFor('admin@exemple.fr', (m) => m.subject === 'Nouvelle association à valider');

    const pending = await adminList(admin, '?status=pending');
    expect(pending).toMatchObject({ total: 1, pageSize: 20 });
    expect(pending.items[0]).toMatchObject({ id: created.id, name: 'Les Amis du Jardin', isActive: false, managerCount: 1 });

    const res = await admin.request('POST', `/api/v1/admin/associations/${created.id}/approval`);
    expect(res.status).toBe(200);
    const approved = (await res.json()) as { isActive: boolean; approvedAt: string | null };
    expect(approved).toMatchObject({ isActive: true, approvedAt: t.clock.now().toISOString() });
    await t.mailer.waitFor('responsable@exemple.fr', (m) => m.subject === 'Votre association est validée');
    expect((await adminList(admin, '?status=pending')).total).toBe(0);
    expect((await adminList(admin)).total).toBe(1);

    const audit = (await (await admin.request('GET', `/api/v1/admin/audit?associationId=${created.id}`)).json()) as { items: { action: string }[] };
    expect(audit.items[0]!.action).toBe('association.approve');
    expect((await admin.request('POST', `/api/v1/admin/associations/${newId()}/approval`)).status).toBe(404);
  });

  it('shows associations left without a manager, and appoints one by email', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const manager = await loggedIn(t, 'responsable@exemple.fr');
    const { id } = (await (await manager.request('POST', '/api/v1/associations', { name: 'La Chorale' })).json()) as { id: string };
    await manager.request('POST', '/api/v1/associations', { name: 'Le Potager' });
    expect((await adminList(admin, '?status=orphaned')).total).toBe(0);
    // Its only member deletes their account: the choir is left without manager.
    expect((await manager.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD })).status).toBe(204);
    const orphaned = await adminList(admin, '?status=orphaned&q=chorale');
    expect(orphaned.items.map((a) => [a.name, a.managerCount])).toEqual([['La Chorale', 0]]);

    const unknown = await problemOf(await admin.request('POST', `/api/v1/admin/associations/${id}/managers`, { email: 'personne@exemple.fr' }));
    expect(unknown.status).toBe(422);
    expect(errorOn(unknown, 'email').message).toBe('Aucun compte n’utilise cette adresse e-mail.');
    await new Browser(t).request('POST', '/api/v1/accounts', { email: 'zoe@exemple.fr', password: PASSWORD, pseudo: 'zoe', acceptTerms: true, ageConfirmation: true });
    const inactive = await problemOf(await admin.request('POST', `/api/v1/admin/associations/${id}/managers`, { email: 'zoe@exemple.fr' }));
    expect(errorOn(inactive, 'email').code).toBe('admin_manager_not_active');
    admin.lang = 'en';
    const invalid = await problemOf(await admin.request('POST', `/api/v1/admin/associations/${id}/managers`, { email: 'pas une adresse' }));
    expect(errorOn(invalid, 'email').message).toBe('Invalid email address.');

    await registerActive(t, 'nouvelle@exemple.fr');
    const res = await admin.request('POST', `/api/v1/admin/associations/${id}/managers`, { email: 'Nouvelle@Exemple.fr' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'active', role: { name: 'Responsable' } });
    expect((await adminList(admin, '?status=orphaned')).items.map((a) => a.name)).toEqual(['Le Potager']);
    expect(await (await admin.request('GET', '/api/v1/admin/stats')).json()).toMatchObject({ orphanedAssociations: 1 });
    expect((await admin.request('POST', `/api/v1/admin/associations/${newId()}/managers`, { email: 'nouvelle@exemple.fr' })).status).toBe(404);
  });

  it('deletes an association', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const manager = await loggedIn(t, 'responsable@exemple.fr');
    const { id } = (await (await manager.request('POST', '/api/v1/associations', { name: 'La Chorale' })).json()) as { id: string };
    expect((await admin.request('DELETE', `/api/v1/admin/associations/${id}`)).status).toBe(204);
    expect((await adminList(admin)).total).toBe(0);
    expect((await admin.request('DELETE', `/api/v1/admin/associations/${id}`)).status).toBe(404);
  });

  it('validates the list filters, naming them', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const p = await problemOf(await admin.request('GET', '/api/v1/admin/associations?status=dormant&page=-1'));
    expect(p.errors?.map((e) => e.field).sort()).toEqual(['page', 'status']);
  });
});
