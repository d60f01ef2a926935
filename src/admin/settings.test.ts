/** /admin/settings: name, legal texts and switches; validation; what each switch changes. */
import { describe, expect, it } from 'vitest';
import { Browser, PASSWORD, createTestApp, errorOn, fieldsOf, loggedIn, problemOf, type TestApp } from '../testing/test-app.ts';

async function asAdmin(t: TestApp, email = 'admin@exemple.fr'): Promise<Browser> {
  const b = await loggedIn(t, email);
  await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', email).execute();
  return b;
}

const register = (t: TestApp, email: string) =>
  new Browser(t).request('POST', '/api/v1/accounts', { email, password: PASSWORD, pseudo: 'zoe', acceptTerms: true, ageConfirmation: true });

describe('instance settings', () => {
  it('starts from the configuration and saves changes, shown on the public pages and audited', async () => {
    const t = await createTestApp({ env: { BV_INSTANCE_NAME: 'Bénévoles du Doubs' } });
    const admin = await asAdmin(t);
    expect(await (await admin.request('GET', '/api/v1/admin/settings')).json()).toEqual({
      name: 'Bénévoles du Doubs',
      termsOfUse: '',
      legalNotice: '',
      privacyNotice: '',
      registrationOpen: true,
      associationCreationOpen: true,
      associationCreationModerated: false,
    });
    const res = await admin.request('PATCH', '/api/v1/admin/settings', {
      name: '  Bénévoles du Jura ',
      termsOfUse: 'Article 1 : soyez aimables.',
      legalNotice: 'Éditeur : association Bénévoles du Jura.',
      privacyNotice: 'Vos données restent ici.',
      associationCreationModerated: true,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Bénévoles du Jura', associationCreationModerated: true, registrationOpen: true });

    expect(await (await t.app.request('/api/v1/instance')).json()).toEqual({
      name: 'Bénévoles du Jura',
      registrationOpen: true,
      associationCreationOpen: true,
      associationCreationModerated: true,
    });
    for (const [kind, content] of [['terms', 'Article 1 : soyez aimables.'], ['notice', 'Éditeur : association Bénévoles du Jura.'], ['privacy', 'Vos données restent ici.']]) {
      expect(await (await t.app.request(`/api/v1/instance/legal/${kind}`)).json()).toEqual({ kind, content });
    }

    const audit = (await (await admin.request('GET', '/api/v1/admin/audit')).json()) as { items: { action: string; actor: { label: string }; changes: Record<string, unknown> }[] };
    expect(audit.items[0]).toMatchObject({
      action: 'settings.update',
      actor: { label: 'Marie Curie' },
      changes: { name: ['Bénévoles du Doubs', 'Bénévoles du Jura'], associationCreationModerated: [false, true] },
    });
  });

  it('names each invalid field, in French and in English, and saves nothing', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const bad = { name: '   ', termsOfUse: 'x'.repeat(50_001), legalNotice: 'ok', registrationOpen: 'oui' };
    const res = await admin.request('PATCH', '/api/v1/admin/settings', bad);
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p).sort()).toEqual(['name', 'registrationOpen', 'termsOfUse']);
    expect(errorOn(p, 'name').message).toBe('Ce champ est obligatoire.');
    expect(errorOn(p, 'termsOfUse').message).toBe('50000 caractères au maximum.');
    admin.lang = 'en';
    const en = await problemOf(await admin.request('PATCH', '/api/v1/admin/settings', { name: 'x'.repeat(81) }));
    expect(errorOn(en, 'name').message).toBe('80 characters at most.');
    expect(await (await admin.request('GET', '/api/v1/admin/settings')).json()).toMatchObject({ name: 'Bénévalibre', legalNotice: '', registrationOpen: true });
    expect(await t.db.selectFrom('instance_settings').selectAll().execute()).toEqual([]);
  });

  it('accepts legal texts of 50 000 characters', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const long = 'é'.repeat(50_000);
    expect((await admin.request('PATCH', '/api/v1/admin/settings', { privacyNotice: long })).status).toBe(200);
    expect(await (await t.app.request('/api/v1/instance/legal/privacy')).json()).toEqual({ kind: 'privacy', content: long });
  });

  it('closing registration refuses new accounts (403) until it opens again', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    await admin.request('PATCH', '/api/v1/admin/settings', { registrationOpen: false });
    const closed = await register(t, 'zoe@exemple.fr');
    expect(closed.status).toBe(403);
    expect((await problemOf(closed)).code).toBe('registration_closed');
    await admin.request('PATCH', '/api/v1/admin/settings', { registrationOpen: true });
    expect((await register(t, 'zoe@exemple.fr')).status).toBe(202);
  });

  it('closing association creation leaves it to administrators', async () => {
    const t = await createTestApp();
    const admin = await asAdmin(t);
    const member = await loggedIn(t, 'membre@exemple.fr');
    await admin.request('PATCH', '/api/v1/admin/settings', { associationCreationOpen: false });
    const refused = await member.request('POST', '/api/v1/associations', { name: 'Les Amis du Jardin' });
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).code).toBe('association_creation_closed');
    expect((await admin.request('POST', '/api/v1/associations', { name: 'Les Amis du Jardin' })).status).toBe(201);
    await admin.request('PATCH', '/api/v1/admin/settings', { associationCreationOpen: true });
    expect((await member.request('POST', '/api/v1/associations', { name: 'La Chorale' })).status).toBe(201);
  });
});
