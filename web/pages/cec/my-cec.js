// /cec — the volunteer's compte d'engagement citoyen for a year (product.md B3): the
// hours per association (this site and other sites), the three hints, the deadlines and
// the summary to copy into « Le Compte Bénévole » — copying it is the page's main action.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { PageTitle } from '../../components/PageTitle.js';
import { SelectField } from '../../components/Field.js';
import { Alert } from '../../components/Alert.js';
import { replaceQuery } from '../members/common.js';
import { Loading, Status, formatDay, formatDuration, functionLabel, useApi } from './shared.js';

const COMPTE_BENEVOLE = 'https://www.associations.gouv.fr/le-compte-benevole.html';

function Hint({ met, label, missing }) {
  return html`<li class="cec-hint">
    <${Status} kind=${met ? 'ok' : 'waiting'}>${met ? t('cec.hints.met') : t('cec.hints.notMet')}<//>
    <span>${label}${!met && missing ? html` <span class="muted">(${t('cec.hints.missing', { time: formatDuration(missing) })})</span>` : null}</span>
  </li>`;
}

function Hints({ data }) {
  const { hints, year } = data;
  return html`<section class="card" aria-labelledby="cec-hints">
    <h2 id="cec-hints">${t('cec.hints.title')}</h2>
    <ul class="plain-list cec-hints">
      <${Hint} met=${hints.yearReached} label=${t('cec.hints.year')} missing=${hints.missingYearMinutes} />
      <${Hint} met=${hints.oneAssociationReached} label=${t('cec.hints.one')} missing=${hints.missingOneAssociationMinutes} />
      <${Hint} met=${hints.hasFunction} label=${t('cec.hints.function')} />
    </ul>
    <p>${t('cec.hints.counted', { counted: formatDuration(hints.countedMinutes), total: formatDuration(hints.totalMinutes) })}</p>
    <p><strong>${hints.likelyEligible ? t('cec.hints.likely', { year }) : t('cec.hints.notYet', { year })}</strong></p>
    <p class="hint">${t('cec.hints.association')}</p>
  </section>`;
}

function Associations({ data }) {
  if (data.associations.length === 0) return html`<section class="card" aria-labelledby="cec-assoc"><h2 id="cec-assoc">${t('cec.assoc.title')}</h2><p class="empty">${t('cec.assoc.empty')}</p></section>`;
  // A list rather than a table, so it fits a 360 px phone.
  return html`<section class="card" aria-labelledby="cec-assoc">
    <h2 id="cec-assoc">${t('cec.assoc.title')}</h2>
    <ul class="passport-list">
      ${data.associations.map((a) => html`<li key=${a.id} class="passport-action">
        <h3>${a.kind === 'local' && a.link ? html`<a href=${a.link}>${a.name}</a>` : a.name}${a.site ? html` <span class="muted">${t('cec.assoc.otherSite', { site: a.site })}</span>` : null}</h3>
        <p><strong>${formatDuration(a.minutes)}</strong> · ${functionLabel(a.function)}</p>
        ${a.counts ? null : html`<p class="muted">${t('cec.assoc.notCounted')}</p>`}
      </li>`)}
    </ul>
    <p><strong>${t('cec.assoc.total', { time: formatDuration(data.hints.totalMinutes) })}</strong></p>
    ${data.associations.some((a) => !a.counts) ? html`<p class="hint">${t('cec.assoc.noFunctionHint')}</p>` : null}
  </section>`;
}

function Deadlines({ data }) {
  const { deadlines: d, year } = data;
  const phaseDate = { year_running: d.declareFrom, declaration_open: d.declareBy, validation_only: d.validateBy, closed: d.validateBy }[d.phase];
  return html`<section class="card" aria-labelledby="cec-deadlines">
    <h2 id="cec-deadlines">${t('cec.deadlines.title')}</h2>
    <p><strong>${t(`cec.phase.${d.phase}`, { year, date: formatDay(phaseDate) })}</strong></p>
    <ul>
      <li>${t('cec.deadlines.declare', { year, from: formatDay(d.declareFrom), to: formatDay(d.declareBy) })}</li>
      <li>${t('cec.deadlines.validate', { date: formatDay(d.validateBy) })}</li>
    </ul>
  </section>`;
}

function Summary({ data }) {
  const [copied, setCopied] = useState(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(data.summary);
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  }
  return html`<section class="card" aria-labelledby="cec-summary">
    <h2 id="cec-summary">${t('cec.summary.title')}</h2>
    <p>${t('cec.summary.help')}</p>
    <div class="actions">
      <button type="button" class="button button-primary" onClick=${copy}>${t('cec.summary.copy')}</button>
      <a class="button button-secondary" href=${COMPTE_BENEVOLE} target="_blank" rel="noopener noreferrer">${t('cec.summary.open')} <span class="visually-hidden">${t('common.newTab')}</span></a>
    </div>
    <div class="field">
      <label for="cec-summary-text">${t('cec.summary.label')}</label>
      <textarea id="cec-summary-text" class="cec-summary" readonly rows=${Math.min(18, data.summary.split('\n').length + 1)} lang="fr">${data.summary}</textarea>
    </div>
    <div aria-live="polite">
      ${copied === 'ok' ? html`<${Alert} kind="success">${t('cec.summary.copied')}<//>` : null}
      ${copied === 'failed' ? html`<${Alert}>${t('cec.summary.copyFailed')}<//>` : null}
    </div>
  </section>`;
}

function ValidatorOf({ associations }) {
  if (associations.length === 0) return null;
  return html`<section class="card card-quiet" aria-labelledby="cec-validator-of">
    <h2 id="cec-validator-of">${t('cec.validatorOf.title')}</h2>
    <p>${t('cec.validatorOf.text')}</p>
    <ul class="link-list">
      ${associations.map((a) => html`<li key=${a.id}><a href=${`/associations/${encodeURIComponent(a.handle)}/cec`}>${a.name}</a></li>`)}
    </ul>
  </section>`;
}

export function MyCecPage({ query }) {
  const [year, setYear] = useState(query.get('annee') || '');
  const { data, notice } = useApi(`/me/cec${year ? `?year=${encodeURIComponent(year)}` : ''}`);
  const onYear = (value) => {
    setYear(value);
    replaceQuery({ annee: value });
  };
  return html`<section class="cec">
    <${PageTitle} title=${t('cec.title')} />
    <p class="lead">${t('cec.lead')}</p>
    ${notice.view()}
    ${data === null
      ? notice.notice
        ? null
        : html`<${Loading} text=${t('cec.loading')} />`
      : html`<form class="filters" onSubmit=${(event) => event.preventDefault()} aria-label=${t('cec.year')}>
            <${SelectField} id="cec-year" label=${t('cec.year')} value=${String(data.year)} onValue=${onYear}
              options=${data.years.map((y) => ({ value: String(y), label: String(y) }))} />
          </form>
          <${Summary} data=${data} />
          <${Hints} data=${data} />
          <${Associations} data=${data} />
          <${Deadlines} data=${data} />
          <${ValidatorOf} associations=${data.validatorOf} />`}
  </section>`;
}
