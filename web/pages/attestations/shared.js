// Pieces shared by the attestation pages: what an attestation says (facts and the table
// of hours by month and category), one attestation in a list with its downloads and
// status, and the words for months and periods in the person's language.
import { html } from '../../html.js';
import { inLanguage } from '../../api.js';
import { locale, t } from '../../i18n.js';
import { formatDuration, monthName } from '../declarations/format.js';
import { formatDay, Status } from '../members/common.js';

export { formatDuration, formatDay };

/** « mars 2026 » from 2026-03. */
export function formatMonth(month) {
  return /^\d{4}-\d{2}$/.test(month || '') ? monthName(month) : month;
}

/** An instant (issued, revoked) as a day in the person's own time zone. */
export const formatInstantDay = (iso) => new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(new Date(iso));

export const periodText = (period) => t('att.item.period', { from: formatDay(period.from), to: formatDay(period.to) });

const hostOf = (iri) => {
  try {
    return new URL(iri).host;
  } catch {
    return iri;
  }
};

/** The hours by month and category, as a table that scrolls on small screens (the PDF also counts actions). */
export function HoursTable({ id, hours, total }) {
  return html`<h3 id=${`${id}-title`}>${t('att.verify.hoursCaption')}</h3>
  <div class="table-scroll" role="region" aria-labelledby=${`${id}-title`} tabindex="0">
    <table class="data-table">
      <caption class="visually-hidden">${t('att.verify.hoursCaption')}</caption>
      <thead><tr>
        <th scope="col">${t('att.verify.month')}</th>
        <th scope="col">${t('att.verify.category')}</th>
        <th scope="col" class="num">${t('att.verify.duration')}</th>
      </tr></thead>
      <tbody>
        ${hours.map((l) => html`<tr key=${`${l.month}-${l.category}`}>
          <td>${formatMonth(l.month)}</td><td>${l.category}</td><td class="num">${formatDuration(l.minutes)}</td>
        </tr>`)}
      </tbody>
      <tfoot><tr>
        <th scope="row" colspan="2">Total</th>
        <td class="num"><strong>${formatDuration(total)}</strong></td>
      </tr></tfoot>
    </table>
  </div>`;
}

/** What a verified attestation says, from the verification answer. */
export function AttestedFacts({ attestation, evidence }) {
  const bundle = attestation.kind === 'bundle';
  const rows = [
    [t('att.verify.volunteer'), attestation.volunteer.name],
    [t('att.verify.association'), attestation.association.url
      ? html`<a href=${attestation.association.url} rel="noopener noreferrer">${attestation.association.name}</a>`
      : attestation.association.name],
    [t('att.verify.period'), periodText(attestation.period)],
    [t('att.verify.total'), formatDuration(attestation.totalMinutes)],
    [t('att.verify.issuedAt'), formatInstantDay(attestation.issuedAt)],
    [t('att.verify.code2'), attestation.code],
    [t('att.verify.signedBy'), bundle
      ? t('att.verify.signedBySite', { host: hostOf(attestation.issuer), n: evidence?.verified ?? 0 })
      : `${attestation.association.name} (${t('att.verify.signedByAssociation')})`],
  ];
  return html`<dl class="facts">
    ${rows.map(([label, value]) => html`<div class="facts-row" key=${label}><dt>${label}</dt><dd>${value}</dd></div>`)}
  </dl>`;
}

/** One attestation of a list: who, which association, period, total, status, downloads. */
export function AttestationItem({ item, showPerson = false, children }) {
  const revoked = item.revocation;
  return html`<li class="item" key=${item.id}>
    <div class="item-text">
      <p><strong>${showPerson ? t('att.manage.for', { name: item.volunteer.name }) : item.association.name}</strong>
        ${' '}<${Status} kind=${revoked ? 'bad' : 'ok'}>${revoked ? t('att.item.revoked') : t('att.item.valid')}<//></p>
      <p>${periodText(item.period)} · ${t('att.item.total', { duration: formatDuration(item.totalMinutes) })}</p>
      <p class="muted">${t('att.item.code', { code: item.code })} · ${t('att.item.issuedBy', { date: formatInstantDay(item.issuedAt), who: item.issuedBy })}</p>
      ${revoked ? html`<p class="decl-reason decl-reason-bad">${t('att.item.revokedWhy', { date: formatInstantDay(revoked.revokedAt), reason: revoked.reason })}</p>` : null}
      ${item.kind === 'bundle' ? html`<p class="muted">${t('att.item.bundle')}</p>` : null}
      <p class="item-actions">
        ${item.pdfPath
          ? html`<a class="button button-secondary" href=${inLanguage(item.pdfPath)} download>${t('att.item.pdf')}</a>
              ${' '}<a href=${item.jwsPath} download>${t('att.item.jws')}</a>${' · '}`
          : html`<span class="muted">${t('att.item.erased')}</span>${' · '}`}<a href=${`/verifier?code=${encodeURIComponent(item.code)}`}>${t('att.item.verify')}</a>
      </p>
      ${children}
    </div>
  </li>`;
}
