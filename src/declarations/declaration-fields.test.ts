/**
 * The fields of a declaration and their limits (spec §A4): the date window in the
 * association's time zone, the end date, 24 h per day spanned, the distance as exact
 * hundredths (required without duration), the idempotency key, and bad input on every
 * field answered 422 naming the field, in French and English, with nothing saved.
 */
import { describe, expect, it } from 'vitest';
import { HOUR } from '../lib/clock.ts';
import { association } from '../memberships/testing.ts';
import { errorOn, fieldsOf, problemOf } from '../testing/test-app.ts';
import { body, declare, join, storedDeclarations, withCatalog, world, type DeclarationView, type World } from './testing.ts';
import { QUICK_DURATIONS, formatDistance, parseDistance } from './declaration.rules.ts';

const post = (w: World, extra: Record<string, unknown>, who = w.volunteer.browser) =>
  who.request('POST', `/api/v1/associations/${w.a.id}/declarations`, body(w, extra));

async function refused(w: World, extra: Record<string, unknown>, field: string, code: string): Promise<void> {
  const res = await post(w, extra);
  expect(res.status).toBe(422);
  const p = await problemOf(res);
  expect([field, errorOn(p, field).code]).toEqual([field, code]);
}

describe('the date', () => {
  it('goes from 2000-01-01 (1999-12-31 refused) to today', async () => {
    const w = await world();
    await refused(w, { date: '1999-12-31' }, 'date', 'declaration_date_too_early');
    expect((await declare(w.volunteer.browser, w, { date: '2000-01-01' })).date).toBe('2000-01-01');
    expect((await declare(w.volunteer.browser, w, { date: '2026-11-27' })).date).toBe('2026-11-27');
    await refused(w, { date: '2026-11-28' }, 'date', 'declaration_date_future');
    expect(await storedDeclarations(w.t, w.a.id)).toHaveLength(2);
  });

  it('is today or earlier in the association’s time zone, not the server’s', async () => {
    const w = await world();
    // 23:30 UTC on the 27th: already the 28th in Paris, still the 27th in Montréal.
    w.t.clock.advance(13.5 * HOUR);
    expect(w.t.clock.now().toISOString()).toBe('2026-11-27T23:30:00.000Z');
    const montreal = await association(w.t, 'Club de Montréal', { creatorId: w.manager.id, timeZone: 'America/Toronto' });
    await join(w.t, montreal, w.volunteer.id);
    const catalog = await withCatalog(w.t, montreal.id);

    expect((await declare(w.volunteer.browser, w, { date: '2026-11-28' })).date).toBe('2026-11-28');
    await refused(w, { date: '2026-11-29' }, 'date', 'declaration_date_future');

    const there = (date: string) =>
      w.volunteer.browser.request('POST', `/api/v1/associations/${montreal.id}/declarations`, { categoryId: catalog.categories[0], title: 'Régate', date, durationMinutes: 60 });
    const tomorrow = await there('2026-11-28');
    expect(tomorrow.status).toBe(422);
    expect(errorOn(await problemOf(tomorrow), 'date').code).toBe('declaration_date_future');
    expect((await there('2026-11-27')).status).toBe(201);
  });

  it('must exist in the calendar', async () => {
    const w = await world();
    for (const date of ['2026-02-30', '27/11/2026', '2026-1-5', '']) await refused(w, { date }, 'date', 'declaration_date_invalid');
    expect(await storedDeclarations(w.t, w.a.id)).toEqual([]);
  });
});

describe('the end date', () => {
  it('is strictly after the date and not in the future', async () => {
    const w = await world();
    await refused(w, { date: '2026-11-20', endDate: '2026-11-20' }, 'endDate', 'declaration_end_date_order');
    await refused(w, { date: '2026-11-20', endDate: '2026-11-19' }, 'endDate', 'declaration_end_date_order');
    await refused(w, { date: '2026-11-20', endDate: '2026-11-28' }, 'endDate', 'declaration_date_future');
    const d = await declare(w.volunteer.browser, w, { date: '2026-11-20', endDate: '2026-11-21' });
    expect([d.date, d.endDate]).toEqual(['2026-11-20', '2026-11-21']);
    expect((await declare(w.volunteer.browser, w, { endDate: null })).endDate).toBeNull();
  });
});

describe('the duration', () => {
  it('is at most 24 h for each day spanned', async () => {
    const w = await world();
    expect((await declare(w.volunteer.browser, w, { durationMinutes: 24 * 60 })).durationMinutes).toBe(1440);
    await refused(w, { durationMinutes: 24 * 60 + 1 }, 'durationMinutes', 'declaration_duration_too_long');
    // Three days (the 18th to the 20th inclusive): 72 h.
    expect((await declare(w.volunteer.browser, w, { date: '2026-11-18', endDate: '2026-11-20', durationMinutes: 72 * 60 })).durationMinutes).toBe(4320);
    const res = await post(w, { date: '2026-11-18', endDate: '2026-11-20', durationMinutes: 72 * 60 + 1 });
    const e = errorOn(await problemOf(res), 'durationMinutes');
    expect(e).toEqual({ field: 'durationMinutes', code: 'declaration_duration_too_long', message: 'La durée ne peut pas dépasser 72 h pour les jours indiqués (24 h par jour).' });
  });

  it('may be zero only with a distance (a travel alone)', async () => {
    const w = await world();
    await refused(w, { durationMinutes: 0 }, 'distanceKm', 'declaration_distance_required');
    await refused(w, { durationMinutes: 0, distanceKm: '0' }, 'distanceKm', 'declaration_distance_required');
    await refused(w, { durationMinutes: 0, distanceKm: 0 }, 'distanceKm', 'declaration_distance_required');
    const travel = await declare(w.volunteer.browser, w, { durationMinutes: 0, distanceKm: '35.5' });
    expect([travel.durationMinutes, travel.distanceKm]).toEqual([0, '35.50']);
    expect(await storedDeclarations(w.t, w.a.id)).toHaveLength(1);
  });

  it('keeps the quick choices exactly: ½ journée 3 h 30, 1 journée 7 h', async () => {
    const w = await world();
    expect(QUICK_DURATIONS).toEqual({ '30 min': 30, '1 h': 60, '2 h': 120, '½ journée': 210, '1 journée': 420 });
    for (const minutes of Object.values(QUICK_DURATIONS)) expect((await declare(w.volunteer.browser, w, { durationMinutes: minutes })).durationMinutes).toBe(minutes);
  });
});

describe('the distance', () => {
  it('is stored in exact hundredths: 0.1 + 0.2 km make 30 hundredths', async () => {
    const w = await world();
    const a = await declare(w.volunteer.browser, w, { distanceKm: '0.1' });
    const b = await declare(w.volunteer.browser, w, { distanceKm: 0.2 });
    expect([a.distanceKm, b.distanceKm]).toEqual(['0.10', '0.20']);
    const rows = await storedDeclarations(w.t, w.a.id);
    expect(rows.map((r) => r.distance_hundredths)).toEqual([10, 20]);
    const sum = await w.t.db.selectFrom('declarations').select((eb) => eb.fn.sum<number>('distance_hundredths').as('s')).executeTakeFirstOrThrow();
    expect(Number(sum.s)).toBe(30);
    expect(formatDistance(Number(sum.s))).toBe('0.30');
    expect(0.1 + 0.2).not.toBe(0.3); // what floating point would have stored
  });

  it('takes at most two decimals, a comma or a dot, from 0 to 100 000 km', async () => {
    const w = await world();
    await refused(w, { distanceKm: '1.234' }, 'distanceKm', 'declaration_distance_invalid');
    await refused(w, { distanceKm: 1.234 }, 'distanceKm', 'declaration_distance_invalid');
    await refused(w, { distanceKm: 0.1 + 0.2 }, 'distanceKm', 'declaration_distance_invalid');
    await refused(w, { distanceKm: '-1' }, 'distanceKm', 'declaration_distance_invalid');
    await refused(w, { distanceKm: 'douze' }, 'distanceKm', 'declaration_distance_invalid');
    await refused(w, { distanceKm: '100000.01' }, 'distanceKm', 'declaration_distance_too_big');
    await refused(w, { distanceKm: 1e21 }, 'distanceKm', 'declaration_distance_invalid');
    expect((await declare(w.volunteer.browser, w, { distanceKm: '100000' })).distanceKm).toBe('100000.00');
    expect((await declare(w.volunteer.browser, w, { distanceKm: '12,5' })).distanceKm).toBe('12.50');
    expect((await declare(w.volunteer.browser, w, { distanceKm: '' })).distanceKm).toBe('0.00');
    expect(await storedDeclarations(w.t, w.a.id)).toHaveLength(3);
  });

  it('parses without floating point', () => {
    expect(parseDistance('0.1')).toEqual({ ok: true, hundredths: 10 });
    expect(parseDistance('007.05')).toEqual({ ok: true, hundredths: 705 });
    expect(parseDistance(99999.99)).toEqual({ ok: true, hundredths: 9_999_999 });
    expect(parseDistance('1.')).toEqual({ ok: false, code: 'declaration_distance_invalid' });
    expect(parseDistance('1234567')).toEqual({ ok: false, code: 'declaration_distance_too_big' });
  });
});

describe('the idempotency key', () => {
  it('records a double submission once and answers the first declaration again', async () => {
    const w = await world();
    const key = '0192f3a4-5b6c-7d8e-9f00-112233445566';
    const first = await post(w, { idempotencyKey: key });
    const second = await post(w, { idempotencyKey: key });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(await second.json()).toEqual(await first.json());
    expect(await storedDeclarations(w.t, w.a.id)).toHaveLength(1);
    const audit = await w.t.db.selectFrom('audit_log').select('action').where('action', '=', 'declaration.create').execute();
    expect(audit).toHaveLength(1);
    // Someone else re-using the key is refused, and nothing is recorded.
    const other = await post(w, { idempotencyKey: key }, w.manager.browser);
    expect(other.status).toBe(409);
    expect((await problemOf(other)).code).toBe('declaration_idempotency_conflict');
    // Another key is another declaration.
    expect((await post(w, { idempotencyKey: `${key}-2` })).status).toBe(201);
    expect(await storedDeclarations(w.t, w.a.id)).toHaveLength(2);
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['categoryId', { categoryId: undefined }, 'Ce champ est obligatoire.', 'This field is required.'],
    ['categoryId', { categoryId: 'inconnue' }, 'Catégorie inconnue dans cette association : choisissez-en une dans la liste.', 'Unknown category in this association: choose one from the list.'],
    ['projectId', { projectId: 'inconnu' }, 'Projet inconnu dans cette association : choisissez-en un dans la liste.', 'Unknown project in this association: choose one from the list.'],
    ['levelId', { levelId: 'inconnu' }, 'Niveau inconnu dans cette association : choisissez-en un dans la liste.', 'Unknown level in this association: choose one from the list.'],
    ['title', { title: '   ' }, 'Ce champ est obligatoire.', 'This field is required.'],
    ['title', { title: 'x'.repeat(128) }, '127 caractères au maximum.', '127 characters at most.'],
    ['description', { description: 'x'.repeat(5001) }, '5000 caractères au maximum.', '5000 characters at most.'],
    ['date', { date: undefined }, 'Ce champ est obligatoire.', 'This field is required.'],
    ['date', { date: '2026-13-01' }, 'Date non valable (AAAA-MM-JJ).', 'Invalid date (YYYY-MM-DD).'],
    ['endDate', { endDate: 'demain' }, 'Date non valable (AAAA-MM-JJ).', 'Invalid date (YYYY-MM-DD).'],
    ['durationMinutes', { durationMinutes: undefined }, 'Ce champ est obligatoire.', 'This field is required.'],
    ['durationMinutes', { durationMinutes: -1 }, 'Au moins 0.', 'At least 0.'],
    ['durationMinutes', { durationMinutes: 1.5 }, 'Valeur non valable.', 'Invalid value.'],
    ['durationMinutes', { durationMinutes: '120' }, 'Valeur non valable.', 'Invalid value.'],
    ['distanceKm', { distanceKm: true }, 'Valeur non valable.', 'Invalid value.'],
    ['idempotencyKey', { idempotencyKey: 'k'.repeat(65) }, '64 caractères au maximum.', '64 characters at most.'],
    ['author.type', { author: { type: 'robot' } }, 'Choisissez une des valeurs proposées.', 'Choose one of the offered values.'],
  ];

  it.each(cases)('names %s in French and English, and saves nothing', async (field, extra, fr, en) => {
    const w = await world();
    for (const [lang, message] of [['fr', fr], ['en', en]] as const) {
      w.volunteer.browser.lang = lang;
      const res = await post(w, extra);
      expect(res.status).toBe(422);
      const p = await problemOf(res);
      expect(fieldsOf(p)).toContain(field);
      expect(errorOn(p, field).message).toBe(message);
      expect(res.headers.get('Content-Language')).toBe(lang);
    }
    expect(await storedDeclarations(w.t, w.a.id)).toEqual([]);
    expect(await w.t.db.selectFrom('audit_log').select('id').where('action', 'like', 'declaration.%').execute()).toEqual([]);
  });

  it('names every wrong field at once', async () => {
    const w = await world();
    const res = await post(w, { categoryId: 'x', levelId: 'y', date: '1999-01-01', durationMinutes: 0 });
    expect(fieldsOf(await problemOf(res)).sort()).toEqual(['categoryId', 'date', 'distanceKm', 'levelId']);
  });

  it('refuses a body that is not JSON', async () => {
    const w = await world();
    const res = await w.volunteer.browser.request('POST', `/api/v1/associations/${w.a.id}/declarations`, new TextEncoder().encode('{"title":'), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect(fieldsOf(await problemOf(res))).toEqual(['body']);
  });
});

describe('what is saved', () => {
  it('trims the text, defaults the optional fields and shows the declaration as the contract says', async () => {
    const w = await world();
    const d: DeclarationView = await declare(w.volunteer.browser, w, {
      title: '  Entretien  ', description: '  Ponçage ', projectId: w.project, levelId: w.levels[1], distanceKm: '4.2',
    });
    expect(d).toMatchObject({
      associationId: w.a.id,
      association: { id: w.a.id, handle: w.a.handle, name: 'Club de voile' },
      author: { type: 'account', id: w.volunteer.id, displayName: 'Bob Bénévole' },
      category: { id: w.categories[0] },
      project: { id: w.project, name: 'Fête de quartier' },
      level: { id: w.levels[1], name: 'Encadrement' },
      title: 'Entretien',
      description: 'Ponçage',
      date: '2026-11-20',
      endDate: null,
      durationMinutes: 120,
      distanceKm: '4.20',
      status: 'validated',
      rejectionReason: null,
      validation: { validatedMinutes: 120, validatedBy: { id: null, label: 'Validation automatique' }, reason: null },
      createdAt: '2026-11-27T10:00:00.000Z',
      can: { edit: true, delete: true, validate: false },
    });
    const plain = await declare(w.volunteer.browser, w);
    expect([plain.project, plain.level, plain.description, plain.distanceKm]).toEqual([null, null, '', '0.00']);
  });
});
