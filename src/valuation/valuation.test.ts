/**
 * Valuation over HTTP against hand-computed fixtures (spec §B2, §C): a rate change
 * mid-year (and a financial year across two calendar years); a December action validated
 * in January (December's SMIC); validated → rate edited (frozen value unchanged) → edited
 * by its author → re-validated (new rate); a manager's edit re-values; Mayotte; SMIC with
 * charges; per level; no rate → « non valorisée » with the reason, then valued by the
 * action that values those without a value, which never touches a valued one.
 */
import { describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.ts';
import { account, declare, world, moderate, type World } from '../declarations/testing.ts';
import { errorOn, PASSWORD, problemOf, type Browser } from '../testing/test-app.ts';
import type { DeclarationView } from '../declarations/declaration.view.ts';
import type { Summary } from './valuation.summary.ts';
import { pdfText, renderPage } from '../testing/pdf-render.ts';
import { remoteDeclarationService } from '../declarations/remote-declaration.service.ts';
import { ORIGIN } from '../testing/test-app.ts';

const api = (w: World, path: string) => `/api/v1/associations/${w.a.id}/valuation${path}`;

async function setRate(w: World, body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await w.manager.browser.request('POST', api(w, '/rates'), body);
  if (res.status !== 201) throw new Error(`rate: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

async function valueOf(w: World, id: string, b: Browser = w.manager.browser) {
  const res = await b.request('GET', `/api/v1/declarations/${id}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as DeclarationView).validation?.value;
}

async function summary(w: World, query: string): Promise<Summary> {
  const res = await w.manager.browser.request('GET', `${api(w, '/summary')}?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Summary;
}

async function validate(w: World, id: string, body: Record<string, unknown> = {}): Promise<DeclarationView> {
  const res = await w.manager.browser.request('POST', `/api/v1/declarations/${id}/validation`, body);
  expect(res.status).toBe(200);
  return (await res.json()) as DeclarationView;
}

describe('the rate in force on the date of the action', () => {
  it('a rate change mid-year: each action at its date’s rate; totals are sums of frozen cents', async () => {
    const w = await world();
    await setRate(w, { effectiveFrom: '2025-01-01', method: 'smic' });
    await setRate(w, { effectiveFrom: '2026-07-01', method: 'custom', rateCents: 1500 });
    const d1 = await declare(w.volunteer.browser, w, { date: '2025-12-31', durationMinutes: 120 }); // 2 h × 11,88 = 23,76
    const d2 = await declare(w.volunteer.browser, w, { date: '2026-01-01', durationMinutes: 45, projectId: w.project }); // 0,75 × 12,02 = 9,015 → 9,02
    const d3 = await declare(w.volunteer.browser, w, { date: '2026-06-30', durationMinutes: 60, categoryId: w.categories[1] }); // 12,02
    const d4 = await declare(w.volunteer.browser, w, { date: '2026-07-01', durationMinutes: 20, distanceKm: '12,5' }); // 1/3 × 15 = 5,00
    expect(await valueOf(w, d1.id)).toEqual({ status: 'valued', cents: 2376, rateCents: 1188, method: 'smic', reason: null });
    expect(await valueOf(w, d2.id)).toMatchObject({ cents: 902, rateCents: 1202 });
    expect(await valueOf(w, d3.id)).toMatchObject({ cents: 1202, rateCents: 1202 });
    expect(await valueOf(w, d4.id)).toEqual({ status: 'valued', cents: 500, rateCents: 1500, method: 'custom', reason: null });
    // The volunteer does not see the value.
    expect(await valueOf(w, d4.id, w.volunteer.browser)).toBeUndefined();

    const year = await summary(w, 'year=2026');
    expect(year.totals).toEqual({ minutes: 125, valuedMinutes: 125, cents: 2604, count: 3, distanceHundredths: 1250 });
    expect(year.entry).toEqual({ debit: { account: '864', label: 'Personnel bénévole', cents: 2604 }, credit: { account: '875', label: 'Bénévolat', cents: 2604 } });
    expect(year.byCategory.map((c) => [c.id, c.cents])).toEqual([[w.categories[0], 1402], [w.categories[1], 1202]]);
    expect(year.byProject.map((p) => [p.id, p.cents])).toEqual([[w.project, 902], [null, 1702]]);
    // By month: every month of the year, the same cents as categories and projects.
    expect(year.byMonth).toHaveLength(12);
    expect(year.byMonth.filter((m) => m.count > 0).map((m) => [m.month, m.minutes, m.cents])).toEqual([['2026-01', 45, 902], ['2026-06', 60, 1202], ['2026-07', 20, 500]]);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(year.byMonth.map((m) => m.cents))).toBe(sum(year.byCategory.map((c) => c.cents)));
    expect(sum(year.byMonth.map((m) => m.cents))).toBe(sum(year.byProject.map((p) => p.cents)));
    expect(sum(year.byMonth.map((m) => m.minutes))).toBe(year.totals.minutes);
    expect(year.rates.map((r) => [r.effectiveFrom, r.effectiveTo, r.method])).toEqual([['2025-01-01', '2026-06-30', 'smic'], ['2026-07-01', null, 'custom']]);
    expect(year.methodsUsed.sort()).toEqual(['custom', 'smic']);
    // Another financial year (July to June) across two calendar years.
    const financial = await summary(w, 'from=2025-07-01&to=2026-06-30');
    expect(financial.totals.cents).toBe(2376 + 902 + 1202);
    expect(financial.rates.map((r) => r.method)).toEqual(['smic']);
    expect(financial.byMonth.map((m) => m.month)).toEqual(['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(financial.byMonth.filter((m) => m.cents > 0).map((m) => [m.month, m.cents])).toEqual([['2025-12', 2376], ['2026-01', 902], ['2026-06', 1202]]);
    const wrong = await w.manager.browser.request('GET', `${api(w, '/summary')}?from=2026-06-30&to=2025-07-01`);
    expect(errorOn(await problemOf(wrong), 'to').code).toBe('valuation_period_order');
  });

  it('a December action validated in January is valued at December’s SMIC', async () => {
    const w = await world({ moderated: true });
    const admin = await account(w.t, 'admin@exemple.fr', { isAdmin: true });
    expect((await admin.browser.request('POST', '/api/v1/admin/smic', { territory: 'metropole', effectiveFrom: '2027-01-01', hourlyCents: 1230 })).status).toBe(201);
    expect((await w.manager.browser.request('POST', '/api/v1/admin/smic', { territory: 'metropole', effectiveFrom: '2027-02-01', hourlyCents: 1240 })).status).toBe(403);
    const twice = await admin.browser.request('POST', '/api/v1/admin/smic', { territory: 'metropole', effectiveFrom: '2027-01-01', hourlyCents: 1231 });
    expect(errorOn(await problemOf(twice), 'effectiveFrom').code).toBe('valuation_smic_date_taken');
    const listed = (await (await w.volunteer.browser.request('GET', '/api/v1/valuation/smic')).json()) as { items: { territory: string; effectiveFrom: string; hourlyCents: number }[] };
    expect(listed.items.filter((s) => s.territory === 'metropole')).toEqual([
      { territory: 'metropole', effectiveFrom: '2027-01-01', hourlyCents: 1230 },
      { territory: 'metropole', effectiveFrom: '2026-01-01', hourlyCents: 1202 },
      { territory: 'metropole', effectiveFrom: '2024-11-01', hourlyCents: 1188 },
    ]);
    await setRate(w, { effectiveFrom: '2026-01-01', method: 'smic' });
    // Weeks pass: sessions expire, each logs in again.
    const later = async (days: number) => {
      w.t.clock.advance(days * DAY);
      expect((await w.volunteer.browser.login('benevole@exemple.fr', PASSWORD)).status).toBe(200);
      expect((await w.manager.browser.login('responsable@exemple.fr', PASSWORD)).status).toBe(200);
    };
    await later(23); // 2026-12-20
    const december = await declare(w.volunteer.browser, w, { date: '2026-12-15', durationMinutes: 60 });
    await later(16); // 2027-01-05
    const january = await declare(w.volunteer.browser, w, { date: '2027-01-04', durationMinutes: 60 });
    expect((await validate(w, december.id)).validation?.value).toEqual({ status: 'valued', cents: 1202, rateCents: 1202, method: 'smic', reason: null });
    expect((await validate(w, january.id)).validation?.value).toMatchObject({ cents: 1230, rateCents: 1230 });
    expect((await summary(w, 'year=2026')).totals.cents).toBe(1202);
  });
});

describe('frozen values', () => {
  it('validated → rate edited (unchanged) → edited by its author → re-validated at the new rate; a manager’s edit re-values', async () => {
    const w = await world({ moderated: true });
    const rate = await setRate(w, { effectiveFrom: '2026-01-01', method: 'custom', rateCents: 1000 });
    const d = await declare(w.volunteer.browser, w, { date: '2026-11-02', durationMinutes: 90 });
    expect(await valueOf(w, d.id)).toBeUndefined(); // pending: no validation yet
    expect((await validate(w, d.id)).validation?.value).toMatchObject({ status: 'valued', cents: 1500 });

    const changed = await w.manager.browser.request('PUT', api(w, `/rates/${rate.id}`), { effectiveFrom: '2026-01-01', method: 'custom', rateCents: 1200 });
    expect(changed.status).toBe(200);
    expect(await valueOf(w, d.id)).toMatchObject({ cents: 1500, rateCents: 1000 }); // history never changes

    const edited = await w.volunteer.browser.request('PATCH', `/api/v1/declarations/${d.id}`, { title: 'Entretien des voiles' });
    expect(((await edited.json()) as DeclarationView).status).toBe('pending');
    expect((await validate(w, d.id)).validation?.value).toMatchObject({ cents: 1800, rateCents: 1200 });
    // The superseded validation keeps its own frozen value.
    const rows = await w.t.db.selectFrom('validations').select(['valuation_cents', 'superseded_at']).where('declaration_id', '=', d.id).orderBy('validated_at').execute();
    expect(rows.map((r) => [r.valuation_cents, r.superseded_at !== null])).toEqual([[1500, true], [1800, false]]);

    // A manager's correction re-values at once (rate now 13,00 €): 1 h → 13,00 €.
    await w.manager.browser.request('PUT', api(w, `/rates/${rate.id}`), { effectiveFrom: '2026-01-01', method: 'custom', rateCents: 1300 });
    const corrected = await w.manager.browser.request('PATCH', `/api/v1/declarations/${d.id}`, { durationMinutes: 60 });
    expect(corrected.status).toBe(200);
    expect(((await corrected.json()) as DeclarationView).validation).toMatchObject({ validatedMinutes: 60, value: { cents: 1300, rateCents: 1300 } });
  });

  it('no rate → « non valorisée » with the reason; the action values those without a value and never touches a valued one', async () => {
    const w = await world();
    const early = await declare(w.volunteer.browser, w, { date: '2026-02-10', durationMinutes: 60 });
    expect(await valueOf(w, early.id)).toEqual({ status: 'not_valued', cents: null, rateCents: null, method: null, reason: 'no_rate' });
    // A validation from before valuation existed (or imported): never valued.
    await w.t.db.updateTable('validations').set({ valued_at: null, valuation_reason: null }).where('declaration_id', '=', early.id).execute();
    expect((await valueOf(w, early.id))?.status).toBe('not_yet_valued');
    expect((await summary(w, 'year=2026')).notValued).toEqual([{ reason: 'not_yet_valued', count: 1, minutes: 60 }]);

    await setRate(w, { effectiveFrom: '2026-03-01', method: 'custom', rateCents: 1000 });
    const valued = await declare(w.volunteer.browser, w, { date: '2026-03-10', durationMinutes: 60 });
    expect(await valueOf(w, valued.id)).toMatchObject({ cents: 1000 });
    await setRate(w, { effectiveFrom: '2026-01-01', method: 'smic' });
    await w.manager.browser.request('PUT', api(w, `/rates/${(await setRate(w, { effectiveFrom: '2026-02-15', method: 'custom', rateCents: 5000 })).id}`), { effectiveFrom: '2026-02-15', method: 'custom', rateCents: 5000 });

    expect((await w.volunteer.browser.request('POST', api(w, '/value-missing'))).status).toBe(403);
    const res = await w.manager.browser.request('POST', api(w, '/value-missing'));
    expect(await res.json()).toEqual({ valued: 1, notValued: 0 });
    expect(await valueOf(w, early.id)).toMatchObject({ status: 'valued', cents: 1202, method: 'smic' });
    expect(await valueOf(w, valued.id)).toMatchObject({ cents: 1000 }); // untouched though its date now falls under 50,00 €
    const s = await summary(w, 'year=2026');
    expect(s.notValued).toEqual([]);
    expect(s.totals.cents).toBe(2202);
  });
});

describe('a declaration received from a member’s site', () => {
  it('validated automatically here is valued like a local one', async () => {
    const w = await world();
    await setRate(w, { effectiveFrom: '2026-01-01', method: 'custom', rateCents: 1100 });
    const authorIri = 'https://autre.exemple/ap/actors/bob';
    await w.t.db.updateTable('accounts').set({ status: 'remote', remote_iri: authorIri }).where('id', '=', w.volunteer.id).execute();
    const received = await remoteDeclarationService({ db: w.t.db, clock: w.t.clock, origin: ORIGIN, settings: { get: async () => ({ name: 'Bénévalibre' }) } }).receive(w.a.id, {
      remoteIri: 'https://autre.exemple/declarations/1', authorIri, activityIri: 'https://autre.exemple/activities/1', document: '{"v":1}',
      versionAt: '2026-11-27T09:00:00.000Z', categoryId: w.categories[0]!, projectId: null, levelId: null, title: 'Tenue du stand',
      description: '', date: '2026-11-01', endDate: null, durationMinutes: 150, distanceHundredths: 0,
    });
    expect(received).toMatchObject({ outcome: 'created', status: 'validated' });
    const id = (received as { declarationId: string }).declarationId;
    expect(await valueOf(w, id)).toEqual({ status: 'valued', cents: 2750, rateCents: 1100, method: 'custom', reason: null }); // 2,5 h × 11,00
  });
});

describe('territories and methods', () => {
  it('Mayotte: suggested from the postal code, its own SMIC; before its first value, not valued', async () => {
    const w = await world();
    await w.t.db.updateTable('associations').set({ postal_code: '97600' }).where('id', '=', w.a.id).execute();
    const before = await (await w.manager.browser.request('GET', api(w, '/settings'))).json();
    expect(before).toEqual({ territory: 'metropole', suggestedTerritory: 'mayotte', postalCode: '97600', rnaNumber: null, siren: null });
    const saved = await w.manager.browser.request('PUT', api(w, '/settings'), { territory: 'mayotte', rnaNumber: 'w976 000 123', siren: '732 829 320' });
    expect(await saved.json()).toMatchObject({ territory: 'mayotte', rnaNumber: 'W976000123', siren: '732829320' });
    await setRate(w, { effectiveFrom: '2025-01-01', method: 'smic' });
    const d = await declare(w.volunteer.browser, w, { date: '2026-03-10', durationMinutes: 100 }); // 100/60 × 9,33 = 15,55
    expect(await valueOf(w, d.id)).toMatchObject({ cents: 1555, rateCents: 933 });
    const old = await declare(w.volunteer.browser, w, { date: '2025-12-10', durationMinutes: 60 });
    expect(await valueOf(w, old.id)).toMatchObject({ status: 'not_valued', reason: 'no_smic', method: 'smic' });
  });

  it('SMIC with charges and per level', async () => {
    const w = await world();
    await setRate(w, { effectiveFrom: '2026-01-01', method: 'smic_charged', coefficient: '1,45' });
    const charged = await declare(w.volunteer.browser, w, { date: '2026-04-01', durationMinutes: 30 }); // 17,43 / 2 = 8,715 → 8,72
    expect(await valueOf(w, charged.id)).toMatchObject({ cents: 872, rateCents: 1743, method: 'smic_charged' });
    await setRate(w, { effectiveFrom: '2026-05-01', method: 'per_level', items: [{ targetId: w.levels[0], rateCents: 1000 }, { targetId: w.levels[1], rateCents: 2000 }] });
    const high = await declare(w.volunteer.browser, w, { date: '2026-05-02', durationMinutes: 75, levelId: w.levels[1] }); // 1,25 × 20 = 25,00
    const none = await declare(w.volunteer.browser, w, { date: '2026-05-02', durationMinutes: 75 });
    expect(await valueOf(w, high.id)).toMatchObject({ cents: 2500, rateCents: 2000, method: 'per_level' });
    expect(await valueOf(w, none.id)).toMatchObject({ status: 'not_valued', reason: 'no_level' });
    const other = w.levels[2];
    if (other) expect(await valueOf(w, (await declare(w.volunteer.browser, w, { date: '2026-05-02', durationMinutes: 60, levelId: other })).id)).toMatchObject({ reason: 'level_without_rate' });
    const s = await summary(w, 'year=2026');
    expect(s.totals.cents).toBe(872 + 2500);
    expect(s.rates[1]?.items.map((i) => i.rateCents)).toEqual([1000, 2000]);
    expect(s.rates[1]?.items[0]?.name).toBeTruthy();
  });
});

describe('input errors name the field (French and English), nothing saved', () => {
  it('settings and rates', async () => {
    const w = await world();
    const bad = await w.manager.browser.request('PUT', api(w, '/settings'), { territory: 'mayotte', rnaNumber: 'X123', siren: '732829321' });
    const p = await problemOf(bad);
    expect(bad.status).toBe(422);
    expect(errorOn(p, 'rnaNumber').message).toContain('W suivi de 9 chiffres');
    expect(errorOn(p, 'siren').code).toBe('valuation_siren_key');
    expect((await w.t.db.selectFrom('associations').select('territory').where('id', '=', w.a.id).executeTakeFirstOrThrow()).territory).toBe('metropole');
    w.manager.browser.lang = 'en';
    const en = await problemOf(await w.manager.browser.request('PUT', api(w, '/settings'), { territory: 'metropole', siren: '1234' }));
    expect(errorOn(en, 'siren').message).toBe('The SIREN number has 9 digits.');
    w.manager.browser.lang = 'fr';

    const coefficient = await problemOf(await w.manager.browser.request('POST', api(w, '/rates'), { effectiveFrom: '2026-01-01', method: 'smic_charged', coefficient: '0,5' }));
    expect(errorOn(coefficient, 'coefficient').code).toBe('valuation_coefficient_invalid');
    const items = await problemOf(await w.manager.browser.request('POST', api(w, '/rates'), { effectiveFrom: '2026-01-01', method: 'per_level', items: [{ targetId: w.categories[0], rateCents: 100 }] }));
    expect(errorOn(items, 'items.0.targetId').code).toBe('valuation_item_unknown');
    const custom = await problemOf(await w.manager.browser.request('POST', api(w, '/rates'), { effectiveFrom: '2026-02-30', method: 'custom' }));
    expect(errorOn(custom, 'effectiveFrom').code).toBe('declaration_date_invalid');
    await setRate(w, { effectiveFrom: '2026-01-01', method: 'smic' });
    const taken = await problemOf(await w.manager.browser.request('POST', api(w, '/rates'), { effectiveFrom: '2026-01-01', method: 'custom', rateCents: 1000 }));
    expect(errorOn(taken, 'effectiveFrom').code).toBe('valuation_rate_date_taken');
    expect((await w.t.db.selectFrom('association_rates').selectAll().execute()).map((r) => r.method)).toEqual(['smic']);
    // Only managers of the association change rates; the volunteer may not even read them.
    expect((await w.volunteer.browser.request('POST', api(w, '/rates'), { effectiveFrom: '2026-03-01', method: 'smic' })).status).toBe(403);
    expect((await w.volunteer.browser.request('GET', api(w, '/summary'))).status).toBe(403);
    // Each change is in the association's history.
    const actions = (await w.t.db.selectFrom('audit_log').select('action').where('association_id', '=', w.a.id).execute()).map((r) => r.action);
    expect(actions.filter((a) => a.startsWith('valuation.'))).toEqual(['valuation.rate.create']);
    // The routes are in the OpenAPI document.
    const doc = (await (await w.t.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.includes('valuation') || p.includes('smic')).sort()).toEqual([
      '/admin/smic', '/associations/{id}/valuation/rates', '/associations/{id}/valuation/rates/{rateId}', '/associations/{id}/valuation/settings',
      '/associations/{id}/valuation/summary', '/associations/{id}/valuation/summary/export', '/associations/{id}/valuation/value-missing', '/valuation/smic',
    ]);
  });
});

describe('exports', () => {
  it('CSV for the accountant and PDF', async () => {
    const w = await world();
    await moderate(w.t, w.a.id, false);
    await setRate(w, { effectiveFrom: '2026-01-01', method: 'smic' });
    await declare(w.volunteer.browser, w, { date: '2026-03-10', durationMinutes: 45 });
    const csv = await w.manager.browser.request('GET', `${api(w, '/summary/export')}?year=2026&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    expect(csv.headers.get('Content-Disposition')).toBe(`attachment; filename="valorisation-${w.a.handle}-2026-01-01-2026-12-31.csv"`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('Rubrique;Libellé;Actions;Durée (minutes);Durée (heures);Valeur (euros)\r\n');
    expect(text).toContain('Total validé;;1;45;0,75;9,02\r\n');
    expect(text).toContain('Mois;2026-03;1;45;0,75;9,02\r\nMois;2026-04;0;0;0,00;0,00\r\n');
    expect(text).toContain('Écriture débit;864 Personnel bénévole;;;;9,02\r\n');
    expect(text).toContain('Écriture crédit;875 Bénévolat;;;;9,02\r\n');
    const pdf = await w.manager.browser.request('GET', `${api(w, '/summary/export')}?year=2026&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    const file = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(file.slice(0, 5))).toBe('%PDF-');
    // Rendered by poppler: not blank, and the French figures printed as text.
    expect((await renderPage(file, { png: 'test-artifacts/valuation-summary.png' })).inkRatio).toBeGreaterThan(0.01);
    const words = (await pdfText(file)).replace(/[\u202f\u00a0]/g, ' ');
    expect(words).toContain('864 Personnel bénévole');
    expect(words).toContain('875 Bénévolat');
    expect(words).toContain('9,02 €');
    expect(words).toContain('0 h 45');
    expect(words).toContain('SMIC horaire brut');
    expect(words).toContain('Par mois');
    expect(words).toContain('mars 2026');
  });

  it('in the reader’s language: English headings, labels and figures; 864/875 in French with a gloss', async () => {
    const w = await world();
    await moderate(w.t, w.a.id, false);
    await setRate(w, { effectiveFrom: '2026-01-01', method: 'smic_charged', coefficient: '1,5' });
    await declare(w.volunteer.browser, w, { date: '2026-03-10', durationMinutes: 45 }); // 0,75 × 18,03 = 13,5225 → 13,52
    w.manager.browser.lang = 'en-GB,en;q=0.8';
    const csv = await w.manager.browser.request('GET', `${api(w, '/summary/export')}?year=2026&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('Content-Disposition')).toBe(`attachment; filename="valuation-${w.a.handle}-2026-01-01-2026-12-31.csv"`);
    expect(csv.headers.get('Content-Language')).toBe('en');
    const text = await csv.text();
    expect(text).toContain('Section;Label;Records;Duration (minutes);Duration (hours);Value (euros)\r\n');
    expect(text).toContain('Month;2026-03;1;45;0.75;13.52\r\n');
    expect(text).toContain('Total approved;;1;45;0.75;13.52\r\n');
    expect(text).toContain('Entry debit;864 Personnel bénévole (volunteer staff);;;;13.52\r\n');
    expect(text).toContain('Entry credit;875 Bénévolat (volunteering);;;;13.52\r\n');
    expect(text).toContain('with employer charges (× 1.5), since 1 January 2026');
    const pdf = await w.manager.browser.request('GET', `${api(w, '/summary/export')}?year=2026&format=pdf`);
    expect(pdf.status).toBe(200);
    const words = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).replace(/[\u202f\u00a0]/g, ' ');
    for (const expected of ['Valuation of volunteering', 'By category', 'By month', 'March 2026', '€13.52', '0 h 45', '864 Personnel bénévole (volunteer staff)', '875 Bénévolat (volunteering)', 'Period', 'from 1 January 2026 to 31 December 2026']) {
      expect(words).toContain(expected);
    }
    expect(words).not.toContain('Par mois');
    // The JSON summary keeps the accounts' French names (they are data, not words of the page).
    w.manager.browser.lang = 'fr';
    expect((await summary(w, 'year=2026')).entry.debit.label).toBe('Personnel bénévole');
  });
});
