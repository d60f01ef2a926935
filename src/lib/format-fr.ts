/**
 * French formatting of figures for documents (PDF, CSV, e-mails) made on the server.
 *
 * API (all pure, integers in, strings out — ux.md: « 1 234,56 € », « 12 h 30 »):
 * - `formatMinutes(750)` → « 12 h 30 », `formatMinutes(45)` → « 0 h 45 », `formatMinutes(120)` → « 2 h »
 *   (thousands grouped: « 1 234 h 05 »). Negative → « -2 h 30 ».
 * - `formatCents(123456)` → « 1 234,56 € » (always two decimals; exact from integer cents).
 * - `formatNumberFr(1234.5, 2)` → « 1 234,5 » (at most `digits` decimals).
 * - `formatDecimalHours(150)` → « 2,50 » (minutes as hours with two decimals, half up; for CSV).
 * - `formatDateFr('2026-03-05')` → « 5 mars 2026 » (« 1er » for the first of a month);
 *   `formatMonthFr('2026-03')` → « mars 2026 ».
 * - CSV for French spreadsheets: `csvField(s)`, `csvLine(fields)` (`;` separated, CRLF),
 *   `csvDocument(rows)` (UTF-8 BOM + lines, as a string).
 *
 * Spaces are those of `Intl.NumberFormat('fr-FR')`: U+202F (narrow no-break) between
 * thousands and U+00A0 (no-break) before « € », so a figure never breaks across lines.
 * The PDF kit's font (DejaVu Sans) has both glyphs.
 */

/** Narrow no-break space: the French thousands separator. */
export const NNBSP = '\u202F';
/** No-break space: before « € » and around « h ». */
export const NBSP = '\u00A0';

const grouping = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0, useGrouping: true });

/** Integer with French grouping, exact for any safe integer. */
function groupInteger(n: number): string {
  return grouping.format(n);
}

/** « 12 h 30 », « 0 h 45 », « 2 h », « 1 234 h 05 »: one shape, so columns of durations line up. */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  const sign = m < 0 ? '-' : '';
  const abs = Math.abs(m);
  const h = Math.floor(abs / 60);
  const rest = abs % 60;
  const hours = `${sign}${groupInteger(h)}${NBSP}h`;
  return rest === 0 ? hours : `${hours}${NBSP}${String(rest).padStart(2, '0')}`;
}

/** « 1 234,56 € » from integer cents, computed on integers (no float rounding). */
export function formatCents(cents: number): string {
  const c = Math.round(cents);
  const sign = c < 0 ? '-' : '';
  const abs = Math.abs(c);
  return `${sign}${groupInteger(Math.floor(abs / 100))},${String(abs % 100).padStart(2, '0')}${NBSP}€`;
}

/** « 1 234,5 »: a number with French grouping and decimal comma, at most `digits` decimals. */
export function formatNumberFr(value: number, digits = 0): string {
  return new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(value);
}

/** Minutes as hours with two decimals and a decimal comma, rounded half up: 150 → « 2,50 », 1 → « 0,02 ». */
export function formatDecimalHours(minutes: number): string {
  const m = Math.round(minutes);
  const sign = m < 0 ? '-' : '';
  const hundredths = Math.floor((Math.abs(m) * 100 + 30) / 60);
  return `${sign}${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, '0')}`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** [year, month, day] of « 2026-03-05 » or « 2026-03 » (day 1); RangeError when it is neither. */
export function dateParts(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!match) throw new RangeError(`Not a date: ${date}`);
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new RangeError(`Not a date: ${date}`);
  return [Number(match[1]), month, Number(match[3] ?? '1')];
}

/** « 5 mars 2026 », « 1er janvier 2026 »: a calendar date as written in French, no time zone involved. */
export function formatDateFr(date: string): string {
  const [y, m, d] = dateParts(date);
  return `${d === 1 ? '1er' : String(d)} ${MONTHS[m - 1]} ${y}`;
}

/** « mars 2026 » from « 2026-03 » (or from a full date). */
export function formatMonthFr(month: string): string {
  const [y, m] = dateParts(month);
  return `${MONTHS[m - 1]} ${y}`;
}

/** One CSV field: quoted when it holds `;`, `"`, a line break or edge spaces (RFC 4180). */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[;"\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV line, `;` separated (what French Excel and LibreOffice expect), CRLF ended. */
export function csvLine(fields: readonly (string | number)[]): string {
  return `${fields.map(csvField).join(';')}\r\n`;
}

/** A whole CSV as a string, with the UTF-8 byte order mark so Excel reads accents right. */
export function csvDocument(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${rows.map(csvLine).join('')}`;
}
