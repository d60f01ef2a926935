/**
 * English formatting of figures for documents made on the server, beside `format-fr.ts`
 * (same shapes, so a document picks one set by the reader's language).
 *
 * API (pure, integers in, strings out; British English, as the web pages' `en-GB`):
 * - `formatMinutesEn(750)` → « 12 h 30 » (the site's duration shape in both languages),
 *   `formatMinutesEn(1234 * 60 + 5)` → « 1,234 h 05 ».
 * - `formatCentsEn(123456)` → « €1,234.56 » (exact from integer cents), `-1999` → « -€19.99 ».
 * - `formatNumberEn(1234.5, 2)` → « 1,234.5 ».
 * - `formatDecimalHoursEn(150)` → « 2.50 » (half up, like `formatDecimalHours`).
 * - `formatDateEn('2026-03-05')` → « 5 March 2026 », `formatMonthEn('2026-03')` → « March 2026 ».
 * - `formatsFor('fr' | 'en')`: the set of functions of that language (French by default).
 *
 * Spaces are no-break (U+00A0) around « h », so a duration never breaks across lines.
 */
import { NBSP, dateParts, formatCents, formatDateFr, formatDecimalHours, formatMinutes, formatMonthFr, formatNumberFr } from './format-fr.ts';

const grouping = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0, useGrouping: true });

/** « 12 h 30 », « 0 h 45 », « 2 h », « 1,234 h 05 ». */
export function formatMinutesEn(minutes: number): string {
  const m = Math.round(minutes);
  const sign = m < 0 ? '-' : '';
  const abs = Math.abs(m);
  const rest = abs % 60;
  const hours = `${sign}${grouping.format(Math.floor(abs / 60))}${NBSP}h`;
  return rest === 0 ? hours : `${hours}${NBSP}${String(rest).padStart(2, '0')}`;
}

/** « €1,234.56 » from integer cents, computed on integers (no float rounding). */
export function formatCentsEn(cents: number): string {
  const c = Math.round(cents);
  const sign = c < 0 ? '-' : '';
  const abs = Math.abs(c);
  return `${sign}€${grouping.format(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** « 1,234.5 »: at most `digits` decimals. */
export function formatNumberEn(value: number, digits = 0): string {
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(value);
}

/** Minutes as hours with two decimals and a decimal point: 150 → « 2.50 ». */
export function formatDecimalHoursEn(minutes: number): string {
  return formatDecimalHours(minutes).replace(',', '.');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** « 5 March 2026 »: a calendar date, no time zone involved. */
export function formatDateEn(date: string): string {
  const [y, m, d] = dateParts(date);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** « March 2026 » from « 2026-03 » (or from a full date). */
export function formatMonthEn(month: string): string {
  const [y, m] = dateParts(month);
  return `${MONTHS[m - 1]} ${y}`;
}

export type DocumentLanguage = 'fr' | 'en';

export interface Formats {
  /** BCP 47 tag for the PDF's /Lang. */
  tag: 'fr-FR' | 'en-GB';
  minutes: (minutes: number) => string;
  cents: (cents: number) => string;
  number: (value: number, digits?: number) => string;
  decimalHours: (minutes: number) => string;
  /** Cents as a plain decimal for a CSV cell: « 1234,56 » / « 1234.56 ». */
  decimalEuros: (cents: number) => string;
  date: (date: string) => string;
  month: (month: string) => string;
}

const plainEuros = (cents: number, mark: string): string => {
  const c = Math.round(cents);
  const abs = Math.abs(c);
  return `${c < 0 ? '-' : ''}${Math.floor(abs / 100)}${mark}${String(abs % 100).padStart(2, '0')}`;
};

const FORMATS: Record<DocumentLanguage, Formats> = {
  fr: {
    tag: 'fr-FR', minutes: formatMinutes, cents: formatCents, number: formatNumberFr, decimalHours: formatDecimalHours,
    decimalEuros: (c) => plainEuros(c, ','), date: formatDateFr, month: formatMonthFr,
  },
  en: {
    tag: 'en-GB', minutes: formatMinutesEn, cents: formatCentsEn, number: formatNumberEn, decimalHours: formatDecimalHoursEn,
    decimalEuros: (c) => plainEuros(c, '.'), date: formatDateEn, month: formatMonthEn,
  },
};

/** The formatting functions of a language; French when none is given. */
export const formatsFor = (lang: DocumentLanguage = 'fr'): Formats => FORMATS[lang];
