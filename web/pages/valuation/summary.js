// /associations/:handle/valorisation — the yearly summary for the accounts (spec §B2):
// a calendar year (or another financial year, from/to), the value and time validated,
// the method stated, hours per month as a chart beside its table, tables by category and
// by project, what is not valued and why,
// the balanced entry 864 / 875, distance apart. Main action: download it (PDF; CSV for
// the accountant). For those who manage declarations; rates are set on the next page.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, inLanguage } from '../../api.js';
import { CheckboxField, SelectField, TextField } from '../../components/Field.js';
import { AssociationFrame, replaceQuery, useAssociation, useNotice } from '../members/common.js';
import { formatDuration, formatNumber, monthName } from '../declarations/format.js';
import { ColumnChart } from '../declarations/charts.js';
import { formatMoney, methodText, reasonText, spanText } from './format.js';

const base = (association) => `/associations/${encodeURIComponent(association.handle)}/valorisation`;

function Lines({ id, caption, rows, firstColumn, noneLabel }) {
  return html`<div class="table-scroll" role="region" aria-labelledby=${`${id}-caption`} tabindex="0">
    <table class="data-table">
      <caption id=${`${id}-caption`} class="visually-hidden">${caption}</caption>
      <thead><tr>
        <th scope="col">${firstColumn}</th>
        <th scope="col" class="num">${t('val.col.count')}</th>
        <th scope="col" class="num">${t('val.col.time')}</th>
        <th scope="col" class="num">${t('val.col.value')}</th>
      </tr></thead>
      <tbody>
        ${rows.map((row) => html`<tr key=${row.id ?? 'none'}>
          <th scope="row">${row.name ?? noneLabel}</th>
          <td class="num">${formatNumber(row.count)}</td>
          <td class="num">${formatDuration(row.minutes)}</td>
          <td class="num">${formatMoney(row.cents)}</td>
        </tr>`)}
      </tbody>
    </table>
  </div>`;
}

/** Hours per month as bars (by year when a long period has too many months to read), then the table. */
function Months({ months }) {
  const byYear = months.length > 24;
  const hours = (minutes) => formatNumber(Math.round(minutes / 60));
  let points = months.map((m) => ({ label: m.month, short: monthName(m.month, 'narrow'), value: m.minutes, text: hours(m.minutes) }));
  if (byYear) {
    const years = new Map();
    for (const m of months) years.set(m.month.slice(0, 4), (years.get(m.month.slice(0, 4)) || 0) + m.minutes);
    points = [...years].map(([year, minutes]) => ({ label: year, short: year, value: minutes, text: hours(minutes) }));
  }
  return html`<section class="card" aria-labelledby="val-months">
    <h2 id="val-months">${t('val.byMonth')}</h2>
    <${ColumnChart} id="val-months-chart" points=${points} title=${byYear ? t('stats.chart.byYear') : t('stats.chart.byMonth')} unit=${t('stats.chart.unit')} />
    <div class="table-scroll" role="region" aria-labelledby="val-months-caption" tabindex="0">
      <table class="data-table">
        <caption id="val-months-caption" class="visually-hidden">${t('val.byMonth')}</caption>
        <thead><tr>
          <th scope="col">${t('stats.col.month')}</th>
          <th scope="col" class="num">${t('val.col.count')}</th>
          <th scope="col" class="num">${t('val.col.time')}</th>
          <th scope="col" class="num">${t('val.col.value')}</th>
        </tr></thead>
        <tbody>
          ${months.map((m) => html`<tr key=${m.month}>
            <th scope="row">${monthName(m.month, 'long')}</th>
            <td class="num">${formatNumber(m.count)}</td>
            <td class="num">${formatDuration(m.minutes)}</td>
            <td class="num">${formatMoney(m.cents)}</td>
          </tr>`)}
        </tbody>
      </table>
    </div>
  </section>`;
}

function Period({ query, years, onChange }) {
  const [other, setOther] = useState(Boolean(query.from));
  const [from, setFrom] = useState(query.from || '');
  const [to, setTo] = useState(query.to || '');
  return html`<form class="filters" aria-label=${t('val.period')} onSubmit=${(event) => { event.preventDefault(); if (other && from && to) onChange({ from, to }); }}>
    ${other
      ? html`<${TextField} id="from" type="date" label=${t('val.from')} value=${from} onValue=${setFrom} />
          <${TextField} id="to" type="date" label=${t('val.to')} value=${to} onValue=${setTo} />
          <div class="actions"><button type="submit" class="button button-secondary">${t('val.show')}</button></div>`
      : html`<${SelectField} id="year" label=${t('val.year')} value=${query.year} onValue=${(year) => onChange({ year })}
          options=${years.map((y) => ({ value: String(y), label: String(y) }))} />`}
    <${CheckboxField} id="other-period" label=${t('val.otherPeriod')} checked=${other}
      onValue=${(on) => { setOther(on); if (!on) onChange({ year: query.year }); }} />
  </form>`;
}

function SummaryView({ association, query }) {
  const thisYear = new Date().getFullYear();
  const [period, setPeriod] = useState(query.get('du') && query.get('au') ? { from: query.get('du'), to: query.get('au') } : { year: query.get('annee') || String(thisYear) });
  const [data, setData] = useState(null);
  const notice = useNotice();
  const params = new URLSearchParams(period.from ? { from: period.from, to: period.to } : { year: period.year });
  useEffect(() => {
    let live = true;
    replaceQuery(period.from ? { du: period.from, au: period.to } : { annee: period.year });
    setData(null);
    notice.clear();
    api.get(`/associations/${association.id}/valuation/summary?${params}`)
      .then((value) => live && setData(value))
      .catch((error) => live && notice.failure(error));
    return () => { live = false; };
  }, [association.id, period.year, period.from, period.to]);

  const years = [];
  for (let y = thisYear; y >= thisYear - 6; y--) years.push(y);
  const download = (format) => inLanguage(`/api/v1/associations/${association.id}/valuation/summary/export?${params}&format=${format}`);
  return html`<div>
    <p>${t('val.intro')}</p>
    <${Period} query=${{ year: period.year || String(thisYear), from: period.from, to: period.to }} years=${years} onChange=${setPeriod} />
    ${notice.view()}
    ${data === null
      ? notice.notice ? null : html`<p class="muted" role="status">${t('common.loading')}</p>`
      : html`
        <div class="actions">
          <a class="button button-primary" href=${download('pdf')} download="">${t('val.download.pdf')}</a>
          <a class="button button-secondary" href=${download('csv')} download="">${t('val.download.csv')}</a>
        </div>
        <ul class="stats stats-totals">
          <li><span class="stat-figure">${formatMoney(data.totals.cents)}</span> ${t('val.total.value')}</li>
          <li><span class="stat-figure">${formatDuration(data.totals.minutes)}</span> ${t('val.total.time')}</li>
          <li><span class="stat-figure">${formatNumber(data.totals.distanceHundredths / 100, 2)} km</span> ${t('val.total.distance')}</li>
        </ul>
        <section class="card" aria-labelledby="val-method">
          <h2 id="val-method">${t('val.method')}</h2>
          ${data.rates.length === 0
            ? html`<p>${t('val.noRate')}</p>`
            : html`<ul>${data.rates.map((r) => html`<li key=${r.effectiveFrom}>${methodText(r)}, ${spanText(r)}</li>`)}</ul>`}
          ${association.viewer?.isAdmin || association.viewer?.permissions?.manageAssociation
            ? html`<p><a href=${`${base(association)}/taux`}>${t('val.setRates')}</a></p>` : null}
          <p class="hint">${t('val.rounding')}</p>
        </section>
        ${data.totals.count === 0
          ? html`<p class="empty">${t('val.empty')}</p>`
          : html`
            <section class="card" aria-labelledby="val-entry">
              <h2 id="val-entry">${t('val.entry')}</h2>
              <div class="table-scroll" role="region" aria-labelledby="val-entry" tabindex="0">
                <table class="data-table">
                  <thead><tr><th scope="col">${t('val.entry.account')}</th><th scope="col" class="num">${t('val.entry.debit')}</th><th scope="col" class="num">${t('val.entry.credit')}</th></tr></thead>
                  <tbody>
                    <tr><th scope="row">${data.entry.debit.account} ${data.entry.debit.label}</th><td class="num">${formatMoney(data.entry.debit.cents)}</td><td></td></tr>
                    <tr><th scope="row">${data.entry.credit.account} ${data.entry.credit.label}</th><td></td><td class="num">${formatMoney(data.entry.credit.cents)}</td></tr>
                  </tbody>
                </table>
              </div>
              <p class="hint">${t('val.entry.hint')}</p>
            </section>
            ${data.notValued.length
              ? html`<section class="card" aria-labelledby="val-not-valued">
                  <h2 id="val-not-valued">${t('val.notValued')}</h2>
                  <ul>${data.notValued.map((n) => html`<li key=${n.reason}>${reasonText(n.reason)} : ${t('val.notValued.count', { n: n.count, time: formatDuration(n.minutes) })}</li>`)}</ul>
                </section>`
              : null}
            <${Months} months=${data.byMonth || []} />
            <section class="card" aria-labelledby="val-categories">
              <h2 id="val-categories">${t('val.byCategory')}</h2>
              <${Lines} id="val-categories-table" caption=${t('val.byCategory')} rows=${data.byCategory} firstColumn=${t('decl.field.category')} />
            </section>
            <section class="card" aria-labelledby="val-projects">
              <h2 id="val-projects">${t('val.byProject')}</h2>
              <${Lines} id="val-projects-table" caption=${t('val.byProject')} rows=${data.byProject} firstColumn=${t('decl.field.project')} noneLabel=${t('val.noProject')} />
            </section>`}`}
  </div>`;
}

export function ValuationSummaryPage({ params, query }) {
  const { association, failure } = useAssociation(params.handle);
  return html`<${AssociationFrame} handle=${params.handle} section="valorisation" title=${t('val.title')} permission="manageDeclarations"
    association=${association} failure=${failure}
    render=${(loaded) => html`<${SummaryView} association=${loaded} query=${query} />`} />`;
}
