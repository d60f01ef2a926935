/**
 * The « passeport bénévole »: every association here and on another site, validated hours
 * per association, year and category (pending and refused actions listed, never added),
 * as JSON and as a PDF that renders and carries the figures.
 */
import { describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { association, join } from '../memberships/testing.ts';
import { moderate, withCatalog, world } from '../declarations/testing.ts';
import { renderPage, pdfText } from '../testing/pdf-render.ts';
import { Browser } from '../testing/test-app.ts';
import type { PassportView } from './passport.service.ts';

describe('the volunteer record', () => {
  it('gathers every association and site, adds only validated minutes, and prints as a PDF', async () => {
    const w = await world();
    const { t, volunteer } = w;
    const declare = async (associationId: string, categoryId: string, title: string, date: string, durationMinutes: number) => {
      const res = await volunteer.browser.request('POST', `/api/v1/associations/${associationId}/declarations`, { categoryId, title, date, durationMinutes, distanceKm: '1.5' });
      expect(res.status).toBe(201);
    };
    await declare(w.a.id, w.categories[0]!, 'Régate de printemps', '2025-04-12', 150);
    await declare(w.a.id, w.categories[1]!, 'Assemblée générale', '2026-02-03', 90);
    const chorale = await association(t, 'Chorale du quartier', { creatorId: w.manager.id });
    const choraleCategory = (await withCatalog(t, chorale.id)).categories[0]!;
    await join(t, chorale, volunteer.id);
    await moderate(t, chorale.id, true);
    await declare(chorale.id, choraleCategory, 'Concert', '2026-06-21', 120); // pending: listed, not added

    const group = 'https://autre.exemple/ap/actors/lavoir';
    const now = t.clock.now().toISOString();
    await t.db.insertInto('remote_actors').values({ iri: group, type: 'Group', host: 'autre.exemple', handle: null, name: 'Le Lavoir', url: 'https://autre.exemple/associations/lavoir', inbox: null, shared_inbox: null, document: '{}', fetched_at: now }).execute();
    await t.db.insertInto('remote_memberships').values({ id: newId(), account_id: volunteer.id, group_iri: group, status: 'active', reason: null, function: 'governance', join_activity_iri: 'https://ici/ap/activities/1', membership: null, created_at: now, updated_at: now }).execute();
    const remote = (title: string, status: 'validated' | 'withdrawn', validated: number | null) => ({
      id: newId(), account_id: volunteer.id, group_iri: group, title, description: '', date: '2026-03-01', end_date: null, duration_minutes: 60, distance_hundredths: 0,
      category_iri: 'https://autre.exemple/c/1', category_name: 'Entretien', project_iri: null, project_name: null, level_iri: null, level_name: null, default_category: null,
      status, validated_minutes: validated, reason: null, document: '{}', activity_iri: null, validation: status === 'validated' ? '{"type":"Validation"}' : null,
      sent_at: now, resent_at: null, association_deleted_at: null, created_at: now, updated_at: now,
    });
    await t.db.insertInto('remote_declarations').values([remote('Lessive', 'validated', 45), remote('Retirée', 'withdrawn', null)]).execute();

    const res = await volunteer.browser.request('GET', '/api/v1/me/passport');
    expect(res.status).toBe(200);
    const passport = (await res.json()) as PassportView;
    expect(passport.volunteer.displayName).toBe('Bob Bénévole');
    expect(passport.totals).toEqual({ validatedMinutes: 285, validatedActions: 3, otherActions: 1, associations: 3, distanceKm: '3.00', firstDate: '2025-04-12', lastDate: '2026-03-01' });
    expect(passport.years).toEqual([{ year: 2026, minutes: 135, actions: 2 }, { year: 2025, minutes: 150, actions: 1 }]);
    expect(passport.associations.map((a) => [a.name, a.kind, a.site, a.function, a.validatedMinutes, a.otherActions])).toEqual([
      ['Club de voile', 'local', null, 'none', 240, 0],
      ['Le Lavoir', 'remote', 'autre.exemple', 'governance', 45, 0],
      ['Chorale du quartier', 'local', null, 'none', 0, 1],
    ]);
    expect(passport.associations[0]!.categories.map((c) => c.minutes)).toEqual([150, 90]);
    expect(passport.actions.map((a) => [a.title, a.status, a.validatedMinutes, a.signedValidation])).toEqual([
      ['Concert', 'pending', null, false],
      ['Lessive', 'validated', 45, true],
      ['Assemblée générale', 'validated', 90, false],
      ['Régate de printemps', 'validated', 150, false],
    ]);

    const pdf = await volunteer.browser.request('GET', '/api/v1/me/passport/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    expect(pdf.headers.get('Content-Disposition')).toBe('attachment; filename="passeport-benevole-2026-11-27.pdf"');
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect((await renderPage(bytes)).inkRatio).toBeGreaterThan(0.01);
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    for (const expected of ['Passeport bénévole', 'Bob Bénévole', 'Le Lavoir', 'autre.exemple', '4 h 45', 'Régate de printemps', 'en attente']) expect(text).toContain(expected);

    // In English for an English reader: headings, labels, dates and statuses; names as written.
    volunteer.browser.lang = 'en';
    const en = await volunteer.browser.request('GET', '/api/v1/me/passport/pdf');
    expect(en.headers.get('Content-Disposition')).toBe('attachment; filename="volunteer-record-2026-11-27.pdf"');
    const words = (await pdfText(new Uint8Array(await en.arrayBuffer()))).replace(/\s+/g, ' ');
    for (const expected of ['Volunteer record', 'Approved hours', 'Per association', 'Per year', 'Bob Bénévole', 'Le Lavoir', '4 h 45', 'Régate de printemps', '12 April 2025', 'awaiting approval', 'member of the governing body', 'this site']) {
      expect(words).toContain(expected);
    }
    expect(words).not.toContain('Passeport bénévole');
    volunteer.browser.lang = 'fr';

    expect((await new Browser(t).request('GET', '/api/v1/me/passport')).status).toBe(401);
  });

  it('is empty but whole for a newcomer', async () => {
    const w = await world();
    const passport = (await (await w.volunteer.browser.request('GET', '/api/v1/me/passport')).json()) as PassportView;
    expect(passport.totals).toMatchObject({ validatedMinutes: 0, validatedActions: 0, associations: 1, firstDate: null });
    const pdf = await w.volunteer.browser.request('GET', '/api/v1/me/passport/pdf');
    expect((await pdfText(new Uint8Array(await pdf.arrayBuffer())))).toContain('Aucune action de bénévolat');
  });
});
