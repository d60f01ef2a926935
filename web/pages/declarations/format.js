// Words and figures of the declarations pages: durations « 12 h 30 », distances and
// numbers in the person's language (« 1 234,5 km »), statuses in words and colour, and
// the calendar arithmetic of the form (days spanned, today in the association's zone).
import { html } from '../../html.js';
import { locale, t } from '../../i18n.js';

/** « 2 h 30 », « 45 min », « 7 h », « 1 234 h 05 » (ux.md: durations as « 12 h 30 »). */
export function formatDuration(minutes) {
  const total = Math.max(0, Math.round(Number(minutes) || 0));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  const h = new Intl.NumberFormat(locale()).format(hours);
  return rest === 0 ? `${h} h` : `${h} h ${String(rest).padStart(2, '0')}`;
}

export function formatNumber(value, digits = 0) {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(Number(value) || 0);
}

/** "12.50" (the API's exact string) → « 12,5 km »; null when there is no distance. */
export function formatKm(distanceKm) {
  const value = Number(distanceKm);
  if (!value) return null;
  return `${formatNumber(value, 2)} km`;
}

export const STATUSES = ['pending', 'validated', 'rejected'];
const STATUS_KIND = { pending: 'waiting', validated: 'ok', rejected: 'bad' };

/** The status in words on its colour: « En attente de validation », « Validée », « Refusée ». */
export function DeclarationStatus({ status }) {
  return html`<span class=${`status status-${STATUS_KIND[status] || 'off'} decl-status`}>
    <span class="decl-status-icon" aria-hidden="true"></span>${t(`decl.status.${status}`)}
  </span>`;
}

/** Who declared: a person's name, an anonymous member's, or « Personne ». */
export function authorName(author) {
  if (!author || author.type === 'none') return t('decl.author.none');
  return author.displayName || t('decl.author.former');
}

// Calendar days as YYYY-MM-DD strings, computed in UTC so no time zone shifts them.
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(value) {
  const m = DAY.exec(value || '');
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Number of days from `date` to `endDate` included (1 without an end date). */
export function daysSpanned(date, endDate) {
  if (!isDay(date) || !isDay(endDate) || endDate <= date) return 1;
  const ms = Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`);
  return Math.round(ms / 86_400_000) + 1;
}

export function nextDay(date) {
  if (!isDay(date)) return undefined;
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Today in the association's time zone (the server checks against it too). */
export function todayIn(timeZone) {
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  }
}

/** A calendar day in words (« 3 mars 2026 »), read as a local date. */
export function formatDay(day) {
  const m = DAY.exec(day || '');
  if (!m) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** « 3 mars 2026 » or « du 3 au 5 mars 2026 » for several days. */
export function formatPeriod(date, endDate) {
  if (!endDate) return formatDay(date);
  return t('decl.period', { from: formatDay(date), to: formatDay(endDate) });
}

/**
 * Distance typed by a person → "12.5" (dot, at most two decimals), or null when it is
 * not a number we accept. A comma is read as the decimal separator (French keyboards).
 */
export function normaliseKm(text) {
  const value = String(text ?? '').trim().replace(/\s/g, '').replace(',', '.');
  if (value === '') return '';
  if (!/^\d+(\.\d{0,2})?$/.test(value)) return null;
  return value.endsWith('.') ? value.slice(0, -1) : value;
}

/** "12.50" → « 12,5 » for the distance field in French. */
export function kmForInput(distanceKm) {
  const value = Number(distanceKm);
  if (!value) return '';
  const text = String(Number(value.toFixed(2)));
  return locale() === 'fr-FR' ? text.replace('.', ',') : text;
}

/** A v4 UUID; crypto.randomUUID only exists on HTTPS (or localhost) pages. */
export function newIdempotencyKey() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Query string of a list's filters, without the empty ones. */
export function filterQuery(values) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== '' && value !== null && value !== undefined) query.set(key, String(value));
  }
  return query;
}

/** A month (YYYY-MM) in words: « mars 2026 » (`long`), or its narrow initial « M » for a chart axis. */
export function monthName(month, style = 'long') {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { month: style, ...(style === 'long' ? { year: 'numeric' } : {}) }).format(new Date(y, m - 1, 1));
}
