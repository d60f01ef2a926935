/**
 * The arithmetic of valuation, by hand: half-up rounding to the cent once per
 * declaration, SMIC with charges, RNA/SIREN checks, the territory from the postal code;
 * and the property that makes totals trustworthy — any grouping of a year's frozen values
 * (by category, project, month, in any order) sums to the same cents.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { centsFor, chargedRate, normalRna, normalSiren, parseCoefficient, suggestTerritory, valuate } from './valuation.rules.ts';
import { formatsFor } from '../lib/format-en.ts';
import { coefficientText, monthsOf, summarize } from './valuation.summary.ts';
import type { SummaryRow } from './valuation.repository.ts';
import { summaryCsv } from './valuation.documents.ts';

describe('rounding', () => {
  it('rounds each declaration half up to the cent, once', () => {
    expect(centsFor(60, 1202)).toBe(1202);
    expect(centsFor(45, 1202)).toBe(902); // 901,5 → 902 (half up)
    expect(centsFor(37, 1202)).toBe(741); // 741,23… → 741
    expect(centsFor(1, 1188)).toBe(20); // 19,8 → 20
    expect(centsFor(100, 933)).toBe(1555); // Mayotte: 1 h 40 at 9,33 €
    expect(centsFor(0, 1202)).toBe(0);
  });

  it('lists every month of a period, across a year end', () => {
    expect(monthsOf('2025-07-01', '2026-06-30')).toEqual([
      '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06',
    ]);
    expect(monthsOf('2026-03-15', '2026-03-20')).toEqual(['2026-03']);
  });

  it('SMIC with employer charges: SMIC × coefficient rounded half up to the cent', () => {
    expect(chargedRate(1202, 1450)).toBe(1743); // 17,429 → 17,43
    expect(chargedRate(1188, 1500)).toBe(1782);
    expect(chargedRate(1202, 1000)).toBe(1202);
    expect(parseCoefficient('1,45')).toBe(1450);
    expect(parseCoefficient(1.5)).toBe(1500);
    expect(parseCoefficient('2')).toBe(2000);
    expect(parseCoefficient('1,4567')).toBeNull();
    expect(parseCoefficient('abc')).toBeNull();
    expect(coefficientText(1450)).toBe('1,45');
    expect(coefficientText(2000)).toBe('2');
    expect(coefficientText(1005)).toBe('1,005');
  });

  it('valuates by method, and says why when it cannot', () => {
    const items = new Map([['lvl-a', 1000], ['cat-a', 2000]]);
    const base = { minutes: 90, levelId: null, categoryId: 'cat-x', smicCents: 1202 };
    expect(valuate({ ...base, rate: null })).toEqual({ method: null, rateCents: null, cents: null, reason: 'no_rate' });
    expect(valuate({ ...base, rate: { method: 'smic', coefficientThousandths: null, rateCents: null, items } })).toEqual({ method: 'smic', rateCents: 1202, cents: 1803, reason: null });
    expect(valuate({ ...base, smicCents: null, rate: { method: 'smic', coefficientThousandths: null, rateCents: null, items } }).reason).toBe('no_smic');
    expect(valuate({ ...base, rate: { method: 'smic_charged', coefficientThousandths: 1450, rateCents: null, items } }).cents).toBe(2615); // 1743 × 1,5 = 2614,5 → 2615
    expect(valuate({ ...base, rate: { method: 'per_level', coefficientThousandths: null, rateCents: null, items } }).reason).toBe('no_level');
    expect(valuate({ ...base, levelId: 'lvl-b', rate: { method: 'per_level', coefficientThousandths: null, rateCents: null, items } }).reason).toBe('level_without_rate');
    expect(valuate({ ...base, levelId: 'lvl-a', rate: { method: 'per_level', coefficientThousandths: null, rateCents: null, items } }).cents).toBe(1500);
    expect(valuate({ ...base, rate: { method: 'per_category', coefficientThousandths: null, rateCents: null, items } }).reason).toBe('category_without_rate');
    expect(valuate({ ...base, categoryId: 'cat-a', rate: { method: 'per_category', coefficientThousandths: null, rateCents: null, items } }).cents).toBe(3000);
    expect(valuate({ ...base, rate: { method: 'custom', coefficientThousandths: null, rateCents: 1550, items } }).cents).toBe(2325);
  });

  it('writes cents with a decimal comma for the CSV', () => {
    const decimalComma = formatsFor('fr').decimalEuros;
    expect(decimalComma(123456)).toBe('1234,56');
    expect(decimalComma(5)).toBe('0,05');
    expect(decimalComma(0)).toBe('0,00');
  });
});

describe('official numbers and territory', () => {
  it('RNA: W and 9 digits', () => {
    expect(normalRna('w212 001 234')).toBe('W212001234');
    expect(normalRna('W21200123')).toBeNull();
    expect(normalRna('212001234')).toBeNull();
  });
  it('SIREN: 9 digits with a right Luhn key', () => {
    expect(normalSiren('732 829 320')).toBe('732829320');
    expect(normalSiren('732829321')).toBeNull();
    expect(normalSiren('12345678')).toBeNull();
  });
  it('976xx suggests Mayotte, anything else the national SMIC', () => {
    expect(suggestTerritory('97600')).toBe('mayotte');
    expect(suggestTerritory('976 50')).toBe('mayotte');
    expect(suggestTerritory('97400')).toBe('metropole');
    expect(suggestTerritory('21000')).toBe('metropole');
    expect(suggestTerritory(null)).toBe('metropole');
  });
});

describe('property: no cent lost or created across any grouping', () => {
  const row = fc.record({
    minutes: fc.integer({ min: 1, max: 24 * 60 }),
    rate: fc.integer({ min: 1, max: 5000 }),
    category: fc.constantFrom('c1', 'c2', 'c3'),
    project: fc.constantFrom('p1', 'p2', null),
    month: fc.integer({ min: 1, max: 12 }),
    valued: fc.boolean(),
  });

  it('totals by category, by project, by month and the 864/875 entry all equal the sum of frozen cents', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 200 }), (items, shuffle) => {
        const rows: SummaryRow[] = items.map((it, i) => ({
          id: `d${i}`, date: `2026-${String(it.month).padStart(2, '0')}-15`, category_id: it.category, category_name: it.category,
          project_id: it.project, project_name: it.project, distance_hundredths: 0, validated_minutes: it.minutes,
          valued_at: '2026-12-31T00:00:00Z', valuation_method: it.valued ? 'custom' : null,
          valuation_cents: it.valued ? centsFor(it.minutes, it.rate) : null, valuation_reason: it.valued ? null : 'no_rate',
        }));
        const frozen = rows.reduce((sum, r) => sum + (r.valuation_cents ?? 0), 0);
        // Any order of the same rows.
        const shuffled = [...rows];
        shuffle.forEach((n, i) => {
          const j = n % Math.max(shuffled.length, 1);
          if (shuffled.length > 0) [shuffled[i % shuffled.length], shuffled[j]] = [shuffled[j]!, shuffled[i % shuffled.length]!];
        });
        const s = summarize(shuffled, [], { from: '2026-01-01', to: '2026-12-31' });
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(s.totals.cents).toBe(frozen);
        expect(sum(s.byCategory.map((l) => l.cents))).toBe(frozen);
        expect(sum(s.byProject.map((l) => l.cents))).toBe(frozen);
        // The summary's months: all twelve, in order, summing to the same cents and minutes.
        expect(s.byMonth.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
        expect(sum(s.byMonth.map((m) => m.cents))).toBe(frozen);
        expect(sum(s.byMonth.map((m) => m.minutes))).toBe(s.totals.minutes);
        expect(sum(s.byMonth.map((m) => m.valuedMinutes))).toBe(s.totals.valuedMinutes);
        expect(sum(s.byMonth.map((m) => m.count))).toBe(s.totals.count);
        for (const m of s.byMonth) {
          const own = shuffled.filter((r) => r.date.startsWith(m.month));
          expect(m.cents).toBe(sum(own.map((r) => r.valuation_cents ?? 0)));
        }
        expect(s.entry.debit.cents).toBe(frozen);
        expect(s.entry.credit.cents).toBe(s.entry.debit.cents);
        expect(sum(s.byCategory.map((l) => l.minutes))).toBe(s.totals.minutes);
        expect(s.totals.valuedMinutes + sum(s.notValued.map((n) => n.minutes))).toBe(s.totals.minutes);
      }),
      { numRuns: 300 },
    );
  });

  it('valuing a year in one piece or declaration by declaration gives the same cents (the rule is per declaration)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 5000 }), (minutes, rate) => {
        const perDeclaration = minutes.map((m) => centsFor(m, rate));
        // Split anywhere: the two halves add up to the whole.
        const cut = Math.floor(minutes.length / 2);
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(sum(perDeclaration.slice(0, cut)) + sum(perDeclaration.slice(cut))).toBe(sum(perDeclaration));
        // Each value is within half a cent of the exact one.
        for (const [i, m] of minutes.entries()) expect(Math.abs(perDeclaration[i]! * 60 - m * rate)).toBeLessThanOrEqual(30);
      }),
    );
  });
});

describe('the summary CSV', () => {
  it('writes months in both languages and never lets a typed name run as a formula', () => {
    const row: SummaryRow = {
      id: 'd1', date: '2026-03-10', category_id: 'c1', category_name: '=HYPERLINK("x")', project_id: 'p1', project_name: '@projet',
      distance_hundredths: 0, validated_minutes: 45, valued_at: '2026-03-10T00:00:00Z', valuation_method: 'smic', valuation_cents: 902, valuation_reason: null,
    };
    const s = { ...summarize([row], [], { from: '2026-01-01', to: '2026-12-31' }), association: { name: '+Asso', handle: 'asso', rnaNumber: null, siren: null, territory: 'metropole' as const } };
    const fr = summaryCsv(s);
    expect(fr).toContain("Association;'+Asso;;;;\r\n");
    expect(fr).toContain(`Catégorie;"'=HYPERLINK(""x"")";1;45;0,75;9,02\r\n`);
    expect(fr).toContain("Projet;'@projet;1;45;0,75;9,02\r\n");
    expect(fr).toContain('Mois;2026-03;1;45;0,75;9,02\r\n');
    const en = summaryCsv(s, 'en');
    expect(en.startsWith('\uFEFFSection;Label;Records;Duration (minutes);Duration (hours);Value (euros)\r\n')).toBe(true);
    expect(en).toContain('Month;2026-03;1;45;0.75;9.02\r\nMonth;2026-04;0;0;0.00;0.00\r\n');
    expect(en).toContain('Entry debit;864 Personnel bénévole (volunteer staff);;;;9.02\r\n');
  });
});
