/**
 * Moderated creation (§A2, §A8) over a real SMTP server: admins are told of each new
 * association, approval makes it active and tells its managers, each in their language.
 * Also the admin's list (all, pending, orphaned) that part C's routes serve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { smtpMailer } from '../mail/mailer.ts';
import { SmtpInbox } from '../testing/smtp-inbox.ts';
import { Browser, ORIGIN, PASSWORD, accountRow, createTestApp, type TestApp } from '../testing/test-app.ts';
import { addMember, createAssociation } from './association.fixtures.ts';
import { associationService } from './association.service.ts';

const inbox = new SmtpInbox();
beforeAll(() => inbox.start());
afterAll(() => inbox.stop());

/** An active account made without the activation email (which would go to the SMTP inbox). */
async function account(t: TestApp, email: string, options: { pseudo?: string; language?: 'fr' | 'en'; admin?: boolean } = {}): Promise<Browser> {
  await t.services.accounts.createAdmin({ email, password: PASSWORD, firstName: 'Marie', lastName: 'Curie', ...(options.pseudo ? { pseudo: options.pseudo } : {}) });
  const names = options.pseudo ? { first_name: null, last_name: null } : {};
  await t.db.updateTable('accounts').set({ is_admin: options.admin ? 1 : 0, language: options.language ?? 'fr', ...names }).where('email', '=', email).execute();
  const b = new Browser(t);
  await b.login(email, PASSWORD);
  return b;
}

async function moderatedApp() {
  const mailer = smtpMailer(inbox.url, 'Bénévalibre <no-reply@localhost>');
  const t = await createTestApp({ mailer });
  await t.services.settings.update(SYSTEM_ACTOR, { associationCreationModerated: true });
  const service = associationService({ db: t.db, clock: t.clock, mailer, origin: t.config.origin, settings: t.services.settings });
  return { t, service };
}

describe('approval of new associations', () => {
  it('emails every admin in their language, then the managers once approved', async () => {
    const { t, service } = await moderatedApp();
    await account(t, 'admin.fr@exemple.fr', { pseudo: 'Aline', admin: true });
    await account(t, 'admin.en@example.org', { pseudo: 'Alan', language: 'en', admin: true });
    const creator = await account(t, 'creatrice@exemple.fr');
    const a = await createAssociation(creator, { name: 'Jardin partagé' });
    expect(a.isActive).toBe(false);

    const fr = await inbox.waitFor('admin.fr@exemple.fr', 'Jardin partagé');
    expect(fr.mail.subject).toBe('Nouvelle association à valider');
    expect(fr.mail.headers.get('content-language')).toBe('fr');
    expect(fr.mail.text).toContain('Bonjour Aline,');
    expect(fr.mail.text).toContain('Marie Curie vient de créer l’association « Jardin partagé ».');
    expect(fr.mail.text).toContain(`${ORIGIN}/admin/associations`);
    const en = await inbox.waitFor('admin.en@example.org', 'Jardin partagé');
    expect(en.mail.subject).toBe('New association awaiting approval');
    expect(en.mail.text).toContain('Hello Alan,');
    expect(en.mail.html).toContain('See associations awaiting approval');
    expect(inbox.received.filter((m) => m.to === 'creatrice@exemple.fr' && m.mail.text?.includes('Jardin'))).toEqual([]);

    // Invisible to others until approved.
    expect((await new Browser(t).request('GET', `/api/v1/associations/${a.handle}`)).status).toBe(404);
    expect((await service.listForAdmin({ status: 'pending' })).items.map((x) => x.name)).toEqual(['Jardin partagé']);

    // A second manager reads English; a plain member gets nothing.
    await account(t, 'co@example.org', { language: 'en' });
    await addMember(t, a.id, 'co@example.org', 'active', 'Responsable');
    await account(t, 'member@exemple.fr');
    await addMember(t, a.id, 'member@exemple.fr', 'active');

    const admin = await accountRow(t, 'admin.fr@exemple.fr');
    const approved = await service.approve({ accountId: admin.id, label: 'Aline' }, a.id);
    expect(approved).toMatchObject({ isActive: true, approvedAt: '2026-11-27T10:00:00.000Z', viewer: { isAdmin: true } });
    const toCreator = await inbox.waitFor('creatrice@exemple.fr', 'Jardin partagé');
    expect(toCreator.mail.subject).toBe('Votre association est validée');
    expect(toCreator.mail.text).toContain(`${ORIGIN}/associations/${a.handle}`);
    const toCo = await inbox.waitFor('co@example.org', 'Jardin partagé');
    expect(toCo.mail.subject).toBe('Your association has been approved');
    await service.flush();
    expect(inbox.received.filter((m) => m.to === 'member@exemple.fr')).toEqual([]);

    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'association.approve').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ association_id: a.id, actor_account_id: admin.id, actor_label: 'Aline', changes: JSON.stringify({ isActive: [false, true] }) });
    expect((await new Browser(t).request('GET', `/api/v1/associations/${a.handle}`)).status).toBe(200);

    // Approving again changes nothing and sends nothing.
    const received = inbox.received.length;
    await service.approve({ accountId: admin.id, label: 'Aline' }, a.id);
    await service.flush();
    expect(inbox.received.length).toBe(received);
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'association.approve').execute()).toHaveLength(1);
    await expect(service.approve(SYSTEM_ACTOR, '01900000-0000-7000-8000-000000000000')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('sends nothing when creation is not moderated', async () => {
    const { t } = await moderatedApp();
    await t.services.settings.update(SYSTEM_ACTOR, { associationCreationModerated: false });
    await account(t, 'admin.quiet@exemple.fr', { admin: true });
    const a = await createAssociation(await account(t, 'quiet@exemple.fr'), { name: 'Sans modération' });
    expect(a.isActive).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.received.filter((m) => m.mail.text?.includes('Sans modération'))).toEqual([]);
  });
});

describe('the admin’s list of associations', () => {
  it('filters all, pending and orphaned ones, searches, and counts managers', async () => {
    const { t, service } = await moderatedApp();
    const b = await account(t, 'marie@exemple.fr');
    const pending = await createAssociation(b, { name: 'Bibliothèque' });
    await t.services.settings.update(SYSTEM_ACTOR, { associationCreationModerated: false });
    const orphan = await createAssociation(b, { name: 'Atelier vélo', isHidden: true });
    await createAssociation(b, { name: 'Chorale' });
    await t.db.deleteFrom('memberships').where('association_id', '=', orphan.id).execute();

    const all = await service.listForAdmin({});
    expect(all).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    expect(all.items.map((x) => [x.name, x.isActive, x.managerCount])).toEqual([['Atelier vélo', true, 0], ['Bibliothèque', false, 1], ['Chorale', true, 1]]);
    expect(all.items[0]!.createdAt).toBe('2026-11-27T10:00:00.000Z');
    expect((await service.listForAdmin({ status: 'pending' })).items.map((x) => x.id)).toEqual([pending.id]);
    expect((await service.listForAdmin({ status: 'orphaned' })).items.map((x) => x.id)).toEqual([orphan.id]);
    expect((await service.listForAdmin({ status: 'all', q: 'CHOR' })).items.map((x) => x.name)).toEqual(['Chorale']);
    expect(await service.listForAdmin({ status: 'all', page: 2 })).toMatchObject({ items: [], page: 2, total: 3 });
  });
});
