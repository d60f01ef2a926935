/** /admin/accounts: search, re-send activation, disable / enable, deletion (same erasure and rules as self-deletion). */
import { describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { Browser, PASSWORD, accountRow, countRows, createTestApp, fieldsOf, lastLinkToken, loggedIn, problemOf, registerActive, type TestApp } from '../testing/test-app.ts';

async function asAdmin(t: TestApp, email = 'admin@exemple.fr'): Promise<Browser> {
  const b = await loggedIn(t, email);
  await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', email).execute();
  return b;
}

/** Accounts written straight to the table: enough to page through, without hashing passwords. */
async function insertAccounts(t: TestApp, n: number, status: 'active' | 'inactive' | 'disabled' = 'active') {
  for (let i = 1; i <= n; i++) {
    const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    await t.db
      .insertInto('accounts')
      .values({
        id: newId(), email: `${status}${i}@exemple.fr`, password_hash: null, first_name: 'Jean', last_name: `Dupont ${i}`, pseudo: null,
        theme: 'auto', language: 'fr', is_admin: 0, status, terms_accepted_at: at, age_confirmed_at: at, former_member_number: null,
        created_at: at, updated_at: at, activated_at: status === 'inactive' ? null : at, deleted_at: null, handle: null,
      })
      .execute();
  }
}

interface Page { items: { id: string; email: string | null; displayName: string; status: string; isAdmin: boolean }[]; page: number; pageSize: number; total: number }
const list = async (b: Browser, query = '') => (await (await b.request('GET', `/api/v1/admin/accounts${query}`)).json()) as Page;

describe('admin accounts list', () => {
  it('searches by email or name, filters by status, 20 per page, newest first', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    await insertAccounts(t, 22);
    await insertAccounts(t, 3, 'inactive');
    const first = await list(admin);
    expect(first).toMatchObject({ page: 1, pageSize: 20, total: 26 });
    expect(first.items).toHaveLength(20);
    expect(first.items[0]).toMatchObject({ email: 'admin@exemple.fr', displayName: 'Marie Curie', status: 'active', isAdmin: true });
    expect((await list(admin, '?page=2')).items).toHaveLength(6);

    expect((await list(admin, '?q=INACTIVE2')).items.map((a) => a.email)).toEqual(['inactive2@exemple.fr']);
    expect((await list(admin, '?q=jean%20dupont%2021')).items.map((a) => a.displayName)).toEqual(['Jean Dupont 21']);
    expect((await list(admin, '?q=curie')).total).toBe(1);
    expect((await list(admin, '?q=%25')).total).toBe(0); // LIKE wildcards are taken literally
    expect((await list(admin, '?status=inactive')).total).toBe(3);
    expect((await list(admin, '?status=inactive&q=active1')).items.map((a) => a.email)).toEqual(['inactive1@exemple.fr']);

    const bad = await problemOf(await admin.request('GET', '/api/v1/admin/accounts?status=banni&page=0'));
    expect(fieldsOf(bad).sort()).toEqual(['page', 'status']);
  });
});

describe('admin account actions', () => {
  it('re-sends the activation link of an account not activated yet', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const reg = await new Browser(t).request('POST', '/api/v1/accounts', { email: 'zoe@exemple.fr', password: PASSWORD, pseudo: 'zoe', acceptTerms: true, ageConfirmation: true });
    expect(reg.status).toBe(202);
    await t.mailer.waitFor('zoe@exemple.fr');
    const { id } = await accountRow(t, 'zoe@exemple.fr');

    const res = await admin.request('POST', `/api/v1/admin/accounts/${id}/activation`);
    expect(res.status).toBe(202);
    await t.mailer.waitFor('zoe@exemple.fr', () => t.mailer.sent.filter((m) => m.to === 'zoe@exemple.fr').length === 2);
    const token = await lastLinkToken(t, 'zoe@exemple.fr', '/activation');
    expect((await new Browser(t).request('POST', '/api/v1/accounts/activation', { token })).status).toBe(200);

    const again = await admin.request('POST', `/api/v1/admin/accounts/${id}/activation`);
    expect(again.status).toBe(409);
    expect((await problemOf(again)).code).toBe('admin_account_not_inactive');
    expect((await admin.request('POST', `/api/v1/admin/accounts/${newId()}/activation`)).status).toBe(404);
  });

  it('disabling ends the sessions and blocks login; enabling lets the person in again', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const member = await loggedIn(t, 'membre@exemple.fr');
    const { id } = await accountRow(t, 'membre@exemple.fr');
    expect((await member.request('GET', '/api/v1/me')).status).toBe(200);

    const res = await admin.request('POST', `/api/v1/admin/accounts/${id}/disable`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id, status: 'disabled' });
    expect((await member.request('GET', '/api/v1/me')).status).toBe(401);
    expect(await countRows(t, 'sessions', id)).toBe(0);
    const login = await new Browser(t).login('membre@exemple.fr', PASSWORD);
    expect(login.status).toBe(403);
    expect((await problemOf(login)).code).toBe('account_disabled');

    const enabled = await admin.request('POST', `/api/v1/admin/accounts/${id}/enable`);
    expect(await enabled.json()).toMatchObject({ status: 'active' });
    expect((await new Browser(t).login('membre@exemple.fr', PASSWORD)).status).toBe(200);
    const twice = await admin.request('POST', `/api/v1/admin/accounts/${id}/enable`);
    expect(twice.status).toBe(409);
    expect((await problemOf(twice)).code).toBe('admin_account_not_disabled');

    const audit = (await (await admin.request('GET', '/api/v1/admin/audit')).json()) as { items: { action: string; targetId: string; changes: unknown }[] };
    expect(audit.items.map((e) => [e.action, e.targetId, e.changes])).toEqual([
      ['account.enable', id, { status: ['disabled', 'active'] }],
      ['account.disable', id, { status: ['active', 'disabled'] }],
    ]);
  });

  it('gives an account never activated back its inactive state, and refuses to disable oneself', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    await insertAccounts(t, 1, 'inactive');
    const { id } = await accountRow(t, 'inactive1@exemple.fr');
    await admin.request('POST', `/api/v1/admin/accounts/${id}/disable`);
    expect(await (await admin.request('POST', `/api/v1/admin/accounts/${id}/enable`)).json()).toMatchObject({ status: 'inactive' });

    const me = await accountRow(t, 'admin@exemple.fr');
    for (const action of ['disable', 'deletion']) {
      const res = await admin.request('POST', `/api/v1/admin/accounts/${me.id}/${action}`);
      expect(res.status).toBe(409);
      expect((await problemOf(res)).code).toBe('admin_not_yourself');
    }
    expect((await accountRow(t, 'admin@exemple.fr')).status).toBe('active');
  });

  it('deletes an account like self-deletion does: erased, numbered, logged out, audited', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const member = await loggedIn(t, 'membre@exemple.fr');
    const { id } = await accountRow(t, 'membre@exemple.fr');

    expect((await admin.request('POST', `/api/v1/admin/accounts/${id}/deletion`)).status).toBe(204);
    const row = await t.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: null, password_hash: null, first_name: null, last_name: null, status: 'deleted', former_member_number: 1, handle: null });
    expect(await countRows(t, 'sessions', id)).toBe(0);
    expect((await member.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await admin.request('POST', `/api/v1/admin/accounts/${id}/deletion`)).status).toBe(404);

    expect((await list(admin)).items.map((a) => a.email)).toEqual(['admin@exemple.fr']);
    expect((await list(admin, '?status=deleted')).items).toMatchObject([{ id, email: null, displayName: 'Ancien membre n° 1', status: 'deleted' }]);
    const audit = (await (await admin.request('GET', '/api/v1/admin/audit')).json()) as { items: { action: string; actor: { label: string }; targetId: string }[] };
    expect(audit.items[0]).toMatchObject({ action: 'account.delete', actor: { label: 'Marie Curie' }, targetId: id });
    // The address is free again.
    await registerActive(t, 'membre@exemple.fr');
  });

  it('refuses to delete the last manager of an association with other members; an only member leaves it orphaned', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const manager = await loggedIn(t, 'responsable@exemple.fr');
    const association = (await (await manager.request('POST', '/api/v1/associations', { name: 'La Chorale' })).json()) as { id: string };
    const solo = (await (await manager.request('POST', '/api/v1/associations', { name: 'Le Potager' })).json()) as { id: string };
    await registerActive(t, 'choriste@exemple.fr');
    const choriste = await accountRow(t, 'choriste@exemple.fr');
    const role = await t.db.selectFrom('roles').select('id').where('association_id', '=', association.id).where('is_default', '=', 1).executeTakeFirstOrThrow();
    await t.db
      .insertInto('memberships')
      .values({ id: newId(), association_id: association.id, account_id: choriste.id, role_id: role.id, status: 'active', function: 'none', created_at: t.clock.now().toISOString(), approved_at: null, approved_by: null })
      .execute();
    const { id } = await accountRow(t, 'responsable@exemple.fr');

    const refused = await admin.request('POST', `/api/v1/admin/accounts/${id}/deletion`);
    expect(refused.status).toBe(409);
    const p = await problemOf(refused);
    expect(p.code).toBe('last_manager');
    expect(p.detail).toContain('La Chorale');
    expect((await accountRow(t, 'responsable@exemple.fr')).status).toBe('active');
    // The same rule as when they delete their own account.
    const own = await manager.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD });
    expect([own.status, (await problemOf(own)).code]).toEqual([409, 'last_manager']);

    // Once the choir has no other member, deletion goes ahead and both associations lose their manager.
    await t.db.deleteFrom('memberships').where('account_id', '=', choriste.id).execute();
    expect((await admin.request('POST', `/api/v1/admin/accounts/${id}/deletion`)).status).toBe(204);
    expect(await (await admin.request('GET', '/api/v1/admin/stats')).json()).toMatchObject({ associations: 2, orphanedAssociations: 2, memberships: 0 });
  });
});
