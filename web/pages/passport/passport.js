// /passeport — the « passeport bénévole » (product.md B3): all the volunteer's associations
// (this site and other sites) and actions, validated hours per association and per year;
// downloading the PDF is the page's main action, the JSON beside it.
import { html } from '../../html.js';
import { inLanguage } from '../../api.js';
import { t } from '../../i18n.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Loading, Status, formatDay, formatDuration, functionLabel, plural, useApi } from '../cec/shared.js';

const STATUS_KIND = { validated: 'ok', pending: 'waiting', unsent: 'waiting', rejected: 'bad' };

/** « 3 associations » → the figure in large, the words after it. */
function figure(text) {
  const [n, ...words] = text.split(' ');
  return html`<span class="stat-figure">${n}</span> ${words.join(' ')}`;
}

function Totals({ totals }) {
  return html`<ul class="stats stats-totals">
    <li><span class="stat-figure">${formatDuration(totals.validatedMinutes)}</span> ${t('passport.totals.hours')}</li>
    <li>${figure(plural('passport.totals.actions', totals.validatedActions))}</li>
    <li>${figure(plural('passport.totals.associations', totals.associations))}</li>
  </ul>
  ${totals.firstDate ? html`<p class="muted">${t('passport.since', { from: formatDay(totals.firstDate), to: formatDay(totals.lastDate) })}</p>` : null}`;
}

function membershipNote(a) {
  if (a.membership === 'pending') return t('passport.assoc.pending');
  if (a.membership === null || a.membership === 'removed' || a.membership === 'rejected') return t('passport.assoc.notMember');
  return null;
}

function Associations({ associations }) {
  return html`<section class="card" aria-labelledby="passport-assoc">
    <h2 id="passport-assoc">${t('passport.assoc.title')}</h2>
    ${associations.length === 0
      ? html`<p class="empty">${t('passport.assoc.empty')} <a href="/associations">${t('nav.associations')}</a></p>`
      : html`<ul class="passport-list">
          ${associations.map((a) => {
            const note = membershipNote(a);
            return html`<li key=${a.id} class="passport-association">
              <h3>${a.kind === 'local' && a.link ? html`<a href=${a.link}>${a.name}</a>` : a.name}</h3>
              <p>
                ${a.site ? html`<span class="muted">${t('cec.assoc.otherSite', { site: a.site })}</span> · ` : null}
                ${functionLabel(a.function)}${note ? html` · <span class="muted">${note}</span>` : null}
              </p>
              <p><strong>${formatDuration(a.validatedMinutes)}</strong>${a.otherActions > 0 ? html` · <span class="muted">${t('passport.assoc.others', { n: a.otherActions })}</span>` : null}</p>
            </li>`;
          })}
        </ul>`}
  </section>`;
}

function Years({ years }) {
  if (years.length === 0) return null;
  return html`<section class="card" aria-labelledby="passport-years">
    <h2 id="passport-years">${t('passport.years.title')}</h2>
    <div class="table-scroll" role="region" aria-labelledby="passport-years" tabindex="0">
      <table class="data-table">
        <thead><tr><th scope="col">${t('passport.col.year')}</th><th scope="col" class="num">${t('passport.col.actions')}</th><th scope="col" class="num">${t('passport.col.hours')}</th></tr></thead>
        <tbody>${years.map((y) => html`<tr key=${y.year}><th scope="row">${y.year}</th><td class="num">${y.actions}</td><td class="num">${formatDuration(y.minutes)}</td></tr>`)}</tbody>
      </table>
    </div>
  </section>`;
}

function Actions({ actions, associations }) {
  const names = new Map(associations.map((a) => [a.id, a.name]));
  // A list rather than a table: five columns do not fit a phone.
  return html`<section class="card" aria-labelledby="passport-actions">
    <h2 id="passport-actions">${t('passport.actions.title')}</h2>
    ${actions.length === 0
      ? html`<p class="empty">${t('passport.actions.empty')} <a href="/declarer">${t('dashboard.declare')}</a></p>`
      : html`<ul class="passport-list">
          ${actions.map((a) => html`<li key=${a.id} class="passport-action">
            <h3>${a.title}</h3>
            <p class="muted">${formatDay(a.date)} · ${names.get(a.associationId) || ''}</p>
            <p>
              <${Status} kind=${STATUS_KIND[a.status] || 'off'}>${t(`passport.status.${a.status}`)}<//>
              ${a.validatedMinutes === null ? null : html`<strong>${formatDuration(a.validatedMinutes)}</strong>`}
              ${a.signedValidation ? html` <span class="muted">· ${t('passport.signed')}</span>` : null}
            </p>
          </li>`)}
        </ul>`}
  </section>`;
}

export function PassportPage() {
  const { data, notice } = useApi('/me/passport');
  return html`<section class="passport">
    <${PageTitle} title=${t('passport.title')} />
    <p class="lead">${t('passport.lead')}</p>
    <div class="actions">
      <a class="button button-primary" href=${inLanguage('/api/v1/me/passport/pdf')} download>${t('passport.pdf')}</a>
      <a class="button button-secondary" href="/api/v1/me/passport" download="passeport-benevole.json">${t('passport.json')}</a>
    </div>
    ${notice.view()}
    ${data === null
      ? notice.notice
        ? null
        : html`<${Loading} />`
      : html`<${Totals} totals=${data.totals} />
          <${Associations} associations=${data.associations} />
          <${Years} years=${data.years} />
          <${Actions} actions=${data.actions} associations=${data.associations} />`}
  </section>`;
}
