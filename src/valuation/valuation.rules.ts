/**
 * The arithmetic of valuation (spec §B2, §C), pure and integer only.
 *
 * The rounding rule, the only one: an hourly rate is a whole number of cents (SMIC with
 * charges: SMIC × coefficient, rounded half up to the cent); each validated declaration
 * is worth validated minutes × hourly rate ÷ 60, rounded half up to the cent **once**,
 * when it is validated, and that value is frozen on its validation. Every total (by
 * category, project, month, year, the 864/875 entry) is a plain sum of frozen cents, so
 * no cent is lost or created whatever the grouping.
 */
import type { NotValuedReason, RateMethod, Territory } from './valuation.table.ts';

/** minutes × hourlyCents / 60, rounded half up to the cent (both are non-negative integers). */
export function centsFor(minutes: number, hourlyCents: number): number {
  return Math.floor((2 * minutes * hourlyCents + 60) / 120);
}

/** The SMIC with employer charges: smic × coefficient (in thousandths), rounded half up to the cent. */
export function chargedRate(smicCents: number, coefficientThousandths: number): number {
  return Math.floor((2 * smicCents * coefficientThousandths + 1000) / 2000);
}

/** An association's rate as in force on a date, with its per-level or per-category amounts. */
export interface RateInForce {
  method: RateMethod;
  coefficientThousandths: number | null;
  rateCents: number | null;
  /** Level or category id → hourly cents (per_level, per_category). */
  items: ReadonlyMap<string, number>;
}

/** What a validation freezes: valued (rate and value) or not valued with the reason. */
export type Frozen =
  | { method: RateMethod; rateCents: number; cents: number; reason: null }
  | { method: RateMethod | null; rateCents: null; cents: null; reason: NotValuedReason };

/**
 * Values validated minutes of an action with the association's rate in force on its date
 * (`rate`) and the territory's SMIC on that date (`smicCents`, null when none is known).
 */
export function valuate(input: { minutes: number; levelId: string | null; categoryId: string; rate: RateInForce | null; smicCents: number | null }): Frozen {
  const { rate } = input;
  if (!rate) return { method: null, rateCents: null, cents: null, reason: 'no_rate' };
  const notValued = (reason: NotValuedReason): Frozen => ({ method: rate.method, rateCents: null, cents: null, reason });
  let hourly: number | null;
  switch (rate.method) {
    case 'smic':
      if (input.smicCents === null) return notValued('no_smic');
      hourly = input.smicCents;
      break;
    case 'smic_charged':
      if (input.smicCents === null) return notValued('no_smic');
      hourly = chargedRate(input.smicCents, rate.coefficientThousandths ?? 1000);
      break;
    case 'per_level':
      if (!input.levelId) return notValued('no_level');
      hourly = rate.items.get(input.levelId) ?? null;
      if (hourly === null) return notValued('level_without_rate');
      break;
    case 'per_category':
      hourly = rate.items.get(input.categoryId) ?? null;
      if (hourly === null) return notValued('category_without_rate');
      break;
    case 'custom':
      hourly = rate.rateCents;
      if (hourly === null) return notValued('no_rate');
      break;
  }
  return { method: rate.method, rateCents: hourly, cents: centsFor(input.minutes, hourly), reason: null };
}

/** The territory suggested by a French postal code: 976xx is Mayotte, everything else uses the national SMIC. */
export function suggestTerritory(postalCode: string | null | undefined): Territory {
  return (postalCode ?? '').replace(/\s/g, '').startsWith('976') ? 'mayotte' : 'metropole';
}

/** An RNA number as stored: « W » and 9 digits (spaces dropped, upper case), or null when it is not one. */
export function normalRna(value: string): string | null {
  const v = value.replace(/\s/g, '').toUpperCase();
  return /^W\d{9}$/.test(v) ? v : null;
}

/** A SIREN as stored: 9 digits whose Luhn key is right (spaces dropped), or null when it is not one. */
export function normalSiren(value: string): string | null {
  const v = value.replace(/\s/g, '');
  if (!/^\d{9}$/.test(v)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    // From the right, every second digit is doubled (Luhn).
    let d = Number(v[8 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0 ? v : null;
}

/** A coefficient typed as « 1,45 » or 1.45 → thousandths (1450), or null when not a number with at most 3 decimals. */
export function parseCoefficient(value: string | number): number | null {
  const text = String(value).trim().replace(',', '.');
  const m = /^(\d{1,2})(?:\.(\d{1,3}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}
