/**
 * Membership emails through a real SMTP server (spec §A8): a join request reaches every
 * active member who manages members, in their language; the approval reaches the member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, smtpMailer } from '../mail/mailer.ts';
import { ORIGIN, createTestApp } from '../testing/test-app.ts';
import { SmtpInbox } from '../testing/smtp-inbox.ts';
import { account, association, join } from './testing.ts';

const inbox = new SmtpInbox();
beforeAll(() => inbox.start());
afterAll(() => inbox.stop());

describe('membership emails over real SMTP', () => {
  it('join request to member managers (French and English), acceptance to the member', async () => {
    const t = await createTestApp({ mailer: smtpMailer(inbox.url, 'Bénévalibre <no-reply@localhost>') });
    const manager = await account(t, 'responsable@exemple.fr', { firstName: 'Zoé' });
    const a = await association(t, 'Chorale du Morvan', { creatorId: manager.id, moderateMembership: true });
    const coordinator = await account(t, 'coordination@example.org', { firstName: 'John', language: 'en' });
    await join(t, a, coordinator.id, 'Coordination');
    const volunteer = await account(t, 'benevole@exemple.fr');
    await join(t, a, volunteer.id, 'Bénévole');
    const pendingCoordinator = await account(t, 'attente@exemple.fr');
    await join(t, a, pendingCoordinator.id, 'Coordination', 'pending');

    const marie = await account(t, 'marie@exemple.fr', { firstName: 'Marie', lastName: 'Curie' });
    const res = await marie.browser.request('POST', `/api/v1/associations/${a.id}/membership`);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };

    const fr = await inbox.waitFor('responsable@exemple.fr', 'Marie Curie');
    expect(fr.mail.subject).toBe('Nouvelle demande d’adhésion : Chorale du Morvan');
    expect(fr.mail.text).toContain('Bonjour Zoé,');
    expect(fr.mail.headers.get('content-language')).toBe('fr');
    expect(linkIn(fr.mail.text ?? '', ORIGIN)).toBe(`${ORIGIN}/associations/${a.handle}/membres`);
    const en = await inbox.waitFor('coordination@example.org', 'Marie Curie');
    expect(en.mail.subject).toBe('New membership request: Chorale du Morvan');
    expect(en.mail.text).toContain('Hello John,');
    expect(en.mail.headers.get('content-language')).toBe('en');

    const approved = await manager.browser.request('POST', `/api/v1/associations/${a.id}/members/${id}/approval`);
    expect(approved.status).toBe(200);
    const accepted = await inbox.waitFor('marie@exemple.fr', 'Chorale du Morvan');
    expect(accepted.mail.subject).toBe('Votre adhésion est acceptée : Chorale du Morvan');
    expect(accepted.mail.html).toContain('Voir l’association');
    expect(linkIn(accepted.mail.text ?? '', ORIGIN)).toBe(`${ORIGIN}/associations/${a.handle}`);

    // Neither a plain volunteer nor a pending coordinator was asked to approve.
    expect(inbox.received.filter((m) => m.to === 'benevole@exemple.fr' || m.to === 'attente@exemple.fr')).toEqual([]);
    expect(inbox.received.filter((m) => m.to === 'responsable@exemple.fr')).toHaveLength(1);
  });

  it('an open association sends no join request', async () => {
    const t = await createTestApp({ mailer: smtpMailer(inbox.url, 'Bénévalibre <no-reply@localhost>') });
    const manager = await account(t, 'ouvert@exemple.fr');
    const a = await association(t, 'Club ouvert', { creatorId: manager.id });
    const paul = await account(t, 'paul@exemple.fr');
    expect((await paul.browser.request('POST', `/api/v1/associations/${a.id}/membership`)).status).toBe(201);
    // Give any stray message time to arrive before asserting none did.
    await new Promise((r) => setTimeout(r, 300));
    expect(inbox.received.filter((m) => m.to === 'ouvert@exemple.fr')).toEqual([]);
  });
});
