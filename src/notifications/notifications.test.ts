/**
 * Notifications over a real SMTP server (spec §A8): an immediate email carries a signed
 * one-click List-Unsubscribe link that switches the kind off; « none » sends nothing; the
 * daily digest groups the day's items in one email at 07:00 Paris; preferences API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/transaction.ts';
import { HOUR, MINUTE } from '../lib/clock.ts';
import { smtpMailer } from '../mail/mailer.ts';
import { render } from '../mail/templates.ts';
import { account, association, type TestAssociation } from '../memberships/testing.ts';
import { SmtpInbox, type ReceivedMail } from '../testing/smtp-inbox.ts';
import { ORIGIN, createTestApp, problemOf, type TestApp } from '../testing/test-app.ts';
import { notify } from './notifier.ts';
import { unsubscribeToken } from './unsubscribe.ts';

const inbox = new SmtpInbox();
beforeAll(() => inbox.start());
afterAll(() => inbox.stop());

const app = () => createTestApp({ mailer: smtpMailer(inbox.url, 'Bénévalibre <no-reply@localhost>') });
const header = (m: ReceivedMail, name: string) => m.mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
const sentTo = (to: string) => inbox.received.filter((m) => m.to === to);
const settle = () => new Promise((r) => setTimeout(r, 300)); // time for a stray email to arrive

async function askToJoin(t: TestApp, a: TestAssociation, email: string, firstName: string) {
  const person = await account(t, email, { firstName, lastName: 'Martin' });
  const res = await person.browser.request('POST', `/api/v1/associations/${a.id}/membership`);
  expect(res.status).toBe(201);
}

function oneClick(t: TestApp, url: string) {
  // As a mail provider does it (RFC 8058): a form POST, no cookie, no Origin.
  return t.app.request(url.replace(ORIGIN, ''), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
}

describe('immediate emails and one-click unsubscribe', () => {
  it('carry List-Unsubscribe; the link switches the kind to none; then no more email', async () => {
    const t = await app();
    const manager = await account(t, 'gestion-immediat@exemple.fr', { firstName: 'Zoé' });
    const a = await association(t, 'Jardin partagé', { creatorId: manager.id, moderateMembership: true });
    await askToJoin(t, a, 'lea@exemple.fr', 'Léa');

    const mail = await inbox.waitFor('gestion-immediat@exemple.fr', 'Léa Martin');
    expect(mail.mail.subject).toBe('Nouvelle demande d’adhésion : Jardin partagé');
    const link = header(mail, 'list-unsubscribe')!.replace(/^<|>$/g, '');
    expect(link).toMatch(new RegExp(`^${ORIGIN}/api/v1/notifications/unsubscribe\\?token=[\\w-]+\\.[\\w-]+$`));
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.mail.text).toContain(`Choisir les e-mails que je reçois : ${ORIGIN}/profil`);

    // GET tells what the link is about, changes nothing, shows nothing secret.
    const peek = await t.app.request(link.replace(ORIGIN, ''));
    expect(peek.status).toBe(200);
    expect(await peek.json()).toEqual({ kind: 'membership_request', mode: 'immediate' });

    const res = await oneClick(t, link);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ kind: 'membership_request', mode: 'none' });
    const prefs = await manager.browser.request('GET', '/api/v1/me/notifications');
    expect(((await prefs.json()) as { preferences: { kind: string; mode: string }[] }).preferences).toContainEqual({ kind: 'membership_request', mode: 'none' });

    await askToJoin(t, a, 'hugo@exemple.fr', 'Hugo');
    await t.services.jobs.drain();
    await settle();
    expect(sentTo('gestion-immediat@exemple.fr')).toHaveLength(1);
    expect(await t.db.selectFrom('digest_items').selectAll().execute()).toEqual([]);
  });

  it('refuses forged or tampered links', async () => {
    const t = await app();
    const manager = await account(t, 'forge@exemple.fr');
    const good = unsubscribeToken('test-secret-test-secret-test-secret-0123', { accountId: manager.id, kind: 'membership_request' });
    const forged = unsubscribeToken('another-secret', { accountId: manager.id, kind: 'membership_request' });
    const otherKind = unsubscribeToken('test-secret-test-secret-test-secret-0123', { accountId: manager.id, kind: 'password_reset' });
    expect((await t.app.request(`/api/v1/notifications/unsubscribe?token=${good}`)).status).toBe(200);
    for (const token of [forged, otherKind, `${good}x`, 'nimportequoi']) {
      const res = await t.app.request(`/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST' });
      expect(res.status).toBe(404);
      expect((await problemOf(res)).code).toBe('unsubscribe_invalid');
    }
  });
});

describe('daily digest', () => {
  it('groups the day’s items into one email at 07:00 Paris, then marks them sent', async () => {
    const t = await app();
    const manager = await account(t, 'gestion-resume@exemple.fr', { firstName: 'Zoé' });
    const a = await association(t, 'Club de lecture', { creatorId: manager.id, moderateMembership: true });
    const put = await manager.browser.request('PUT', '/api/v1/me/notifications', { preferences: [{ kind: 'membership_request', mode: 'digest' }] });
    expect(put.status).toBe(200);

    // The test clock says 2026-11-27 10:00 UTC: the digest leaves on the 28th at 06:00 UTC.
    await askToJoin(t, a, 'ines@exemple.fr', 'Inès');
    t.clock.advance(2 * HOUR);
    await askToJoin(t, a, 'omar@exemple.fr', 'Omar');
    await askToJoin(t, a, 'jules@exemple.fr', 'Jules');
    await t.services.jobs.drain();
    expect(await t.db.selectFrom('digest_items').select('sent_at').execute()).toEqual([{ sent_at: null }, { sent_at: null }, { sent_at: null }]);

    t.clock.advance(17 * HOUR + 59 * MINUTE); // 2026-11-28 05:59 UTC
    await t.services.jobs.drain();
    await settle();
    expect(sentTo('gestion-resume@exemple.fr')).toEqual([]);

    t.clock.advance(MINUTE); // 07:00 in Paris
    await t.services.jobs.drain();
    const digest = await inbox.waitFor('gestion-resume@exemple.fr', 'Inès Martin');
    expect(digest.mail.subject).toBe('Votre résumé du jour : 3 nouvelles');
    for (const name of ['Inès Martin', 'Omar Martin', 'Jules Martin']) {
      expect(digest.mail.text).toContain(`• ${name} demande à rejoindre Club de lecture. ${ORIGIN}/associations/${a.handle}/membres`);
    }
    expect(header(digest, 'list-unsubscribe')).toMatch(/unsubscribe\?token=/);
    await settle();
    expect(sentTo('gestion-resume@exemple.fr')).toHaveLength(1);
    const items = await t.db.selectFrom('digest_items').select('sent_at').execute();
    expect(items.every((i) => i.sent_at === t.clock.now().toISOString())).toBe(true);

    // The next digest is already scheduled for tomorrow; nothing new → no email then.
    const next = await t.db.selectFrom('jobs').select(['id', 'run_at']).where('queue', '=', 'digest').execute();
    expect(next).toEqual([{ id: 'digest:2026-11-29', run_at: '2026-11-29T06:00:00.000Z' }]);
    t.clock.advance(24 * HOUR);
    await t.services.jobs.drain();
    await settle();
    expect(sentTo('gestion-resume@exemple.fr')).toHaveLength(1);

    // The digest's own link switches every kind sent in the digest to none.
    const link = header(digest, 'list-unsubscribe')!.replace(/^<|>$/g, '');
    expect(await (await oneClick(t, link)).json()).toEqual({ kind: 'digest', mode: 'none' });
    const prefs = (await (await manager.browser.request('GET', '/api/v1/me/notifications')).json()) as { preferences: { kind: string; mode: string }[] };
    expect(prefs.preferences.find((p) => p.kind === 'membership_request')?.mode).toBe('none');
  });
});

describe('notify() and preferences', () => {
  it('none stores and sends nothing; a rolled-back change sends nothing; inactive accounts are skipped', async () => {
    const t = await app();
    const person = await account(t, 'rien@exemple.fr');
    const mail = () => render({ subject: 'Essai', greeting: 'Bonjour,', lines: ['Un essai.'] }, 'Bénévalibre', 'fr');
    const base = { accountId: person.id, kind: 'declaration_validated' as const, site: 'Bénévalibre', clock: t.clock, render: mail };

    await person.browser.request('PUT', '/api/v1/me/notifications', { preferences: [{ kind: 'declaration_validated', mode: 'none' }] });
    expect(await notify(t.db, base)).toBe('none');

    await person.browser.request('PUT', '/api/v1/me/notifications', { preferences: [{ kind: 'declaration_validated', mode: 'immediate' }] });
    await expect(
      inTransaction(t.db, async (trx) => {
        expect(await notify(trx, base)).toBe('immediate');
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');

    await t.db.updateTable('accounts').set({ status: 'disabled' }).where('id', '=', person.id).execute();
    expect(await notify(t.db, base)).toBe('skipped');
    await t.services.jobs.drain();
    await settle();
    expect(sentTo('rien@exemple.fr')).toEqual([]);
    expect(await t.db.selectFrom('digest_items').selectAll().execute()).toEqual([]);
    expect(await t.db.selectFrom('jobs').select('queue').where('queue', '=', 'email').execute()).toEqual([]);
  });

  it('GET lists every kind (immediate by default); PUT changes only the kinds given and checks them', async () => {
    const t = await app();
    const person = await account(t, 'prefs@exemple.fr');
    const get = async () => ((await (await person.browser.request('GET', '/api/v1/me/notifications')).json()) as { preferences: unknown[] }).preferences;
    expect(await get()).toEqual([
      { kind: 'declaration_pending', mode: 'immediate' },
      { kind: 'declaration_validated', mode: 'immediate' },
      { kind: 'declaration_rejected', mode: 'immediate' },
      { kind: 'membership_request', mode: 'immediate' },
      { kind: 'membership_approved', mode: 'immediate' },
    ]);
    const res = await person.browser.request('PUT', '/api/v1/me/notifications', {
      preferences: [{ kind: 'declaration_pending', mode: 'digest' }, { kind: 'membership_approved', mode: 'none' }],
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { preferences: unknown[] }).preferences).toEqual(await get());
    expect(await get()).toContainEqual({ kind: 'declaration_pending', mode: 'digest' });
    expect(await get()).toContainEqual({ kind: 'declaration_validated', mode: 'immediate' });

    const bad = await person.browser.request('PUT', '/api/v1/me/notifications', { preferences: [{ kind: 'password_reset', mode: 'none' }] });
    expect(bad.status).toBe(422);
    const weird = await person.browser.request('PUT', '/api/v1/me/notifications', { preferences: [{ kind: 'declaration_pending', mode: 'weekly' }] });
    expect(weird.status).toBe(422);
    expect((await t.app.request('/api/v1/me/notifications')).status).toBe(401);

    const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/me/notifications'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths['/notifications/unsubscribe'] ?? {}).sort()).toEqual(['get', 'post']);
  });
});
