/**
 * The rules of a declaration's fields (spec §A4), pure so they are easy to test and to
 * share with imports: the date window, the end date, 24 hours per day spanned, and
 * distances as exact hundredths of a kilometre (parsed from text, never through a
 * floating-point number, so 0.1 + 0.2 km is exactly 0.30 km).
 */
import type { FieldError } from '../lib/errors.ts';

/** Bénévalibre accepts no action before this date. */
export const FIRST_DATE = '2000-01-01';
/** 100 000 km, in hundredths. */
export const MAX_DISTANCE_HUNDREDTHS = 10_000_000;
export const TITLE_MAX = 127;
export const DESCRIPTION_MAX = 5000;
export const REASON_MAX = 500;

/** Quick durations of the form (ux.md): ½ journée = 3 h 30, 1 journée = 7 h. */
export const QUICK_DURATIONS = { '30 min': 30, '1 h': 60, '2 h': 120, '½ journée': 210, '1 journée': 420 } as const;

const DAY_MS = 86_400_000;

/** Whether `s` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Number of calendar days from `date` to `endDate` inclusive (1 without an end date). */
export function daysSpanned(date: string, endDate: string | null): number {
  if (!endDate) return 1;
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY_MS) + 1;
}

export type DistanceResult = { ok: true; hundredths: number } | { ok: false; code: 'declaration_distance_invalid' | 'declaration_distance_too_big' };

/**
 * Kilometres as sent (text such as "12.5" or "12,50", or a JSON number) → hundredths.
 * A number is read through its shortest decimal writing (0.1 → "0.1"), so a client's
 * 0.30000000000000004 is refused rather than silently rounded. Empty or absent → 0.
 */
export function parseDistance(value: string | number | null | undefined): DistanceResult {
  if (value === null || value === undefined) return { ok: true, hundredths: 0 };
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'x') : value.trim();
  if (text === '') return { ok: true, hundredths: 0 };
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  if (!m) return { ok: false, code: 'declaration_distance_invalid' };
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  if (whole.length > 6) return { ok: false, code: 'declaration_distance_too_big' };
  const hundredths = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (hundredths > MAX_DISTANCE_HUNDREDTHS) return { ok: false, code: 'declaration_distance_too_big' };
  return { ok: true, hundredths };
}

/** Hundredths → "12.50" (always two decimals, a dot, as the API shows distances). */
export function formatDistance(hundredths: number): string {
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export interface DatedEffort {
  date: string;
  endDate: string | null;
  durationMinutes: number;
  distanceHundredths: number;
}

/**
 * The rules linking the fields (the schema already checked each one alone): dates from
 * 2000-01-01 to `today` (the association's today), an end date strictly after the date,
 * at most 24 h per day spanned, and a distance when there is no duration.
 */
export function checkEffort(e: DatedEffort, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (e.date < FIRST_DATE) errors.push({ field: 'date', code: 'declaration_date_too_early' });
  else if (e.date > today) errors.push({ field: 'date', code: 'declaration_date_future' });
  if (e.endDate !== null) {
    if (e.endDate <= e.date) errors.push({ field: 'endDate', code: 'declaration_end_date_order' });
    else if (e.endDate > today) errors.push({ field: 'endDate', code: 'declaration_date_future' });
  }
  const days = e.endDate !== null && e.endDate > e.date ? daysSpanned(e.date, e.endDate) : 1;
  if (e.durationMinutes > days * 24 * 60) errors.push({ field: 'durationMinutes', code: 'declaration_duration_too_long', params: { hours: days * 24 } });
  if (e.durationMinutes === 0 && e.distanceHundredths === 0) errors.push({ field: 'distanceKm', code: 'declaration_distance_required' });
  return errors;
}
