/**
 * How a declaration's values are written in the federated documents (federation.md,
 * Vocabulary): durations as ISO 8601 / `xsd:duration` (`PT2H30M`), distances as an
 * `xsd:decimal` string. Both sides store integers (minutes, hundredths of a kilometre),
 * so the conversions are exact and never pass through a floating-point number.
 */
import type { z } from 'zod';
import { BV_NAMESPACE } from '../vocabulary.ts';

/** Integer minutes → `PT2H30M`; `PT0S` for zero (a duration needs at least one part); hours never wrap into days. */
export function minutesToDuration(minutes: number): string {
  if (!Number.isSafeInteger(minutes) || minutes < 0) throw new RangeError(`not a number of minutes: ${minutes}`);
  if (minutes === 0) return 'PT0S';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours > 0 ? `${hours}H` : ''}${rest > 0 ? `${rest}M` : ''}`;
}

// Days are accepted (a day is 24 h for a duration of effort), years and months are not:
// their length depends on the calendar, and no sender of ours writes them.
const DURATION = /^P(?:(\d{1,6})D)?(?:T(?:(\d{1,7})H)?(?:(\d{1,9})M)?(?:(\d{1,11})S)?)?$/;

/**
 * `xsd:duration` → integer minutes, or null when it is not a whole number of minutes
 * written with days, hours, minutes or seconds (`P1DT2H`, `PT90M`, `PT3600S`, `PT0S`).
 */
export function durationToMinutes(text: string): number | null {
  const m = DURATION.exec(text);
  // "P" and "PT" alone are not durations.
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [days, hours, minutes, seconds] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0)) as [number, number, number, number];
  if (seconds % 60 !== 0) return null;
  const total = days * 1440 + hours * 60 + minutes + seconds / 60;
  return Number.isSafeInteger(total) ? total : null;
}

/** Hundredths of a kilometre → the shortest decimal writing: 5 → "0.05", 1230 → "12.3", 1200 → "12". */
export function hundredthsToDecimal(hundredths: number): string {
  if (!Number.isSafeInteger(hundredths) || hundredths < 0) throw new RangeError(`not a number of hundredths: ${hundredths}`);
  const whole = Math.floor(hundredths / 100);
  const fraction = String(hundredths % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

/** An `xsd:decimal` of at most two decimals (dot only, no sign, no exponent) → hundredths, or null. */
export function decimalToHundredths(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * A date-time as written in our documents: UTC to the second, `…Z`. Fedify re-serialises
 * instants through Temporal, which drops a zero fraction; writing none keeps what we sign
 * identical to what a Fedify-based receiver sees.
 */
export function instant(at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/** A field that did not pass a check: the JSON property (or dotted path) and a stable code. */
export interface DocumentProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; problems: DocumentProblem[] };

/** The IRI without its fragment: the actor that controls a key id such as `…#multikey-2`. */
export function withoutFragment(iri: string): string {
  try {
    const url = new URL(iri);
    url.hash = '';
    return url.href;
  } catch {
    return '';
  }
}

export function originOf(iri: string): string | null {
  try {
    return new URL(iri).origin;
  } catch {
    return null;
  }
}

/** zod issues as problems naming the top-level property. */
export function zodProblems(error: z.ZodError): DocumentProblem[] {
  return error.issues.map((i) => ({ field: i.path.length > 0 ? String(i.path[0]) : '(document)', code: i.code === 'custom' ? i.message : i.code }));
}

/**
 * Whether `@context` carries our vocabulary inline (`bv` = our namespace): our terms mean
 * what federation.md says only under it; a document with another context could give
 * `duration` or `category` another meaning, so it is not read as ours.
 */
export function hasOurVocabulary(context: unknown): boolean {
  const list = Array.isArray(context) ? context : [context];
  return list.some((c) => c !== null && typeof c === 'object' && (c as Record<string, unknown>)['bv'] === BV_NAMESPACE);
}
