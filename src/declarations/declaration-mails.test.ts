/**
 * Declaration emails through a real SMTP server (spec §A8): a declaration awaiting
 * approval to those who may approve it (not to the one who sent it), the validation to
 * its author (with the reason of a partial validation), the refusal with its reason;
 * each in the recipient's language, leaving through the job queue after the commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../mail/mailer.ts';
import { roleWith } from '../memberships/testing.ts';
import { EMAIL_QUEUE } from '../notifications/notifier.ts';
import { SmtpInbox } from '../testing/smtp-inbox.ts';
import { account, declare, join, world, type World } from './testing.ts';

const inbox = new SmtpInbox();
beforeAll(() => inbox.start());
afterAll(() => inbox.stop());

const smtpWorld = (moderated = true) => world({ moderated, app: { mailer: smtpMailer(inbox.url, 'Bénévalibre <no-reply@localhost>') } });

async function drained(w: World): Promise<void> {
  await w.t.services.jobs.drain();
}

const to = (address: string) => inbox.received.filter((m) => m.to === address);

describe('declaration emails over real SMTP', () => {
  it('a pending declaration reaches each member who may approve it, in their language', async () => {
    const w = await smtpWorld();
    const english = await account(w.t, 'coordinator@example.org', { firstName: 'Carol', language: 'en' });
    await join(w.t, w.a, english.id, 'Coordination');
    const lister = await account(w.t, 'liste@exemple.fr', { firstName: 'Léa' });
    await roleWith(w.t, w.a, 'Liste', ['list_members']);
    await join(w.t, w.a, lister.id, 'Liste');

    await declare(w.volunteer.browser, w, { title: 'Carénage', date: '2026-11-21', durationMinutes: 150, distanceKm: '12.5' });
    await drained(w);
    const fr = await inbox.waitFor('responsable@exemple.fr', 'Carénage');
    expect(fr.mail.subject).toBe('Une action de bénévolat attend votre validation : Club de voile');
    expect(fr.mail.text).toContain('Bonjour Rose Responsable,');
    expect(fr.mail.text).toContain('Bob Bénévole a déclaré une action de bénévolat pour Club de voile');
    expect(fr.mail.text).toContain('« Carénage », le 21 novembre 2026 (2 h 30, 12,50 km).');
    expect(fr.mail.text).toContain(`http://localhost:3000/associations/${w.a.handle}/declarations`);
    expect(fr.mail.headers.get('content-language')).toBe('fr');
    const en = await inbox.waitFor('coordinator@example.org', 'Carénage');
    expect(en.mail.subject).toBe('A volunteering record awaits your approval: Club de voile');
    expect(en.mail.text).toContain('“Carénage”, on 21 November 2026 (2 h 30 min, 12.50 km).');
    expect(to('liste@exemple.fr')).toEqual([]);
    expect(to('benevole@exemple.fr')).toEqual([]);
  });

  it('the manager’s own declaration is not announced to themselves; an unmoderated one to no one', async () => {
    const w = await smtpWorld();
    const colleague = await account(w.t, 'collegue@exemple.fr', { firstName: 'Colette' });
    await join(w.t, w.a, colleague.id, 'Coordination');
    await declare(w.manager.browser, w, { title: 'Réunion du bureau' });
    await drained(w);
    await inbox.waitFor('collegue@exemple.fr', 'Réunion du bureau');
    expect(to('responsable@exemple.fr').filter((m) => (m.mail.text ?? '').includes('Réunion du bureau'))).toEqual([]);

    const open = await smtpWorld(false);
    await declare(open.volunteer.browser, open, { title: 'Sans modération' });
    await drained(open);
    expect(inbox.received.filter((m) => (m.mail.text ?? '').includes('Sans modération'))).toEqual([]);
  });

  it('the author learns of the validation, and of the reason of a partial one', async () => {
    const w = await smtpWorld();
    const full = await declare(w.volunteer.browser, w, { title: 'Régate du dimanche', durationMinutes: 120 });
    const part = await declare(w.volunteer.browser, w, { title: 'Nettoyage du club', durationMinutes: 240 });
    expect((await w.manager.browser.request('POST', `/api/v1/declarations/${full.id}/validation`, {})).status).toBe(200);
    expect((await w.manager.browser.request('POST', `/api/v1/declarations/${part.id}/validation`, { validatedMinutes: 180, reason: 'Pause déjeuner retirée' })).status).toBe(200);
    await drained(w);
    const validated = await inbox.waitFor('benevole@exemple.fr', 'Régate du dimanche');
    expect(validated.mail.subject).toBe('Votre action de bénévolat est validée');
    expect(validated.mail.text).toContain('Club de voile a validé votre action « Régate du dimanche » du 20 novembre 2026 (2 h).');
    expect(validated.mail.text).toContain('http://localhost:3000/mes-benevolats');
    const partial = await inbox.waitFor('benevole@exemple.fr', 'Nettoyage du club');
    expect(partial.mail.text).toContain('Durée validée : 3 h sur 4 h déclarées.');
    expect(partial.mail.text).toContain('Motif : Pause déjeuner retirée');
    expect(partial.mail.html).toContain('Voir mes bénévolats');
  });

  it('the author learns of a refusal with its reason, in English for an English speaker', async () => {
    const w = await smtpWorld();
    const john = await account(w.t, 'john@example.org', { firstName: 'John', language: 'en' });
    await join(w.t, w.a, john.id);
    const d = await declare(john.browser, w, { title: 'Sail repair' });
    const fr = await declare(w.volunteer.browser, w, { title: 'Réparation des voiles' });
    await w.manager.browser.request('POST', `/api/v1/declarations/${d.id}/rejection`, { reason: 'Already recorded last week' });
    await w.manager.browser.request('POST', `/api/v1/declarations/${fr.id}/rejection`, { reason: 'Déjà déclarée la semaine dernière' });
    await drained(w);
    const en = await inbox.waitFor('john@example.org', 'Sail repair');
    expect(en.mail.subject).toBe('Your volunteering record was not approved');
    expect(en.mail.text).toContain('Hello John,');
    expect(en.mail.text).toContain('Reason: Already recorded last week');
    const refused = await inbox.waitFor('benevole@exemple.fr', 'Réparation des voiles');
    expect(refused.mail.subject).toBe('Votre action de bénévolat n’a pas été validée');
    expect(refused.mail.text).toContain('Motif : Déjà déclarée la semaine dernière');
    expect(refused.mail.text).toContain('Vous pouvez la corriger et l’envoyer de nouveau depuis « Mes bénévolats ».');

    // Corrected and sent again: the managers are told once more.
    const before = to('responsable@exemple.fr').filter((m) => (m.mail.text ?? '').includes('Réparation des voiles')).length;
    await w.volunteer.browser.request('PATCH', `/api/v1/declarations/${fr.id}`, { description: 'Pas la même réparation' });
    // drain() waits for the SMTP server's answer: the message has arrived when it returns.
    await drained(w);
    expect(to('responsable@exemple.fr').filter((m) => (m.mail.text ?? '').includes('Réparation des voiles')).length).toBe(before + 1);
  });

  it('nothing is emailed when the change is refused (the email is part of the transaction)', async () => {
    const w = await smtpWorld();
    const res = await w.volunteer.browser.request('POST', `/api/v1/associations/${w.a.id}/declarations`, { categoryId: w.categories[0], title: 'Jamais', date: '2031-01-01', durationMinutes: 60 });
    expect(res.status).toBe(422);
    await drained(w);
    expect(await w.t.db.selectFrom('jobs').select('id').where('queue', '=', EMAIL_QUEUE).execute()).toEqual([]);
    expect(inbox.received.filter((m) => (m.mail.text ?? '').includes('Jamais'))).toEqual([]);
  });
});
