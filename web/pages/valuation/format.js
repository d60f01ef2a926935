// Money and words of the valuation pages: euros from integer cents (« 1 234,56 € »),
// amounts typed in euros back to cents without floating point, methods and reasons.
import { html } from '../../html.js';
import { locale, t } from '../../i18n.js';
import { formatDay as formatDayIntl } from '../members/common.js';

/** « 1 234,56 € » (French), « €1,234.56 » (English), from integer cents. */
export function formatMoney(cents) {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format((Number(cents) || 0) / 100);
}

/** « 15,50 », « 15.5 », « 15 » → 1550 cents; null when it is not an amount (2 decimals at most). */
export function parseEuros(text) {
  const m = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*(?:€)?\s*$/.exec(String(text ?? ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}

/** Cents → « 15,50 » for a form field (the person's decimal mark). */
export function eurosText(cents) {
  if (cents === null || cents === undefined) return '';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(cents / 100);
}

/** A calendar day in words; French writes the first of a month « 1er ». */
export function formatDay(day) {
  const text = formatDayIntl(day);
  return locale() === 'fr-FR' ? text.replace(/^1 /, '1er ') : text;
}

/** The method of a rate in words. */
export function methodText(rate) {
  if (rate.method === 'smic_charged') return t('val.method.smic_charged', { coefficient: String(rate.coefficient ?? '1').replace('.', locale() === 'fr-FR' ? ',' : '.') });
  if (rate.method === 'custom') return t('val.method.custom', { rate: formatMoney(rate.rateCents) });
  return t(`val.method.${rate.method}`);
}

/** « depuis le 1 janvier 2026 » or « du … au … ». */
export function spanText(rate) {
  return rate.effectiveTo ? t('val.span', { from: formatDay(rate.effectiveFrom), to: formatDay(rate.effectiveTo) }) : t('val.from.date', { date: formatDay(rate.effectiveFrom) });
}

export const reasonText = (reason) => t(`val.reason.${reason}`);

/** What a validated declaration is worth, for managers: its value, or « non valorisée » with the reason. */
export function ValidationValue({ declaration }) {
  const value = declaration.validation?.value;
  if (declaration.status !== 'validated' || !value) return null;
  if (value.status === 'valued') {
    return html`<p class="decl-reason val-value">${t('val.value.valued', { value: formatMoney(value.cents), rate: formatMoney(value.rateCents) })}</p>`;
  }
  return html`<p class="decl-reason val-value val-value-none">${t('val.value.notValued', { reason: reasonText(value.status === 'not_yet_valued' ? 'not_yet_valued' : value.reason) })}</p>`;
}
