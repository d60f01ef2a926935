// /associations/:handle/statistiques — what the association's volunteers gave
// (product.md A6): a year selector (« Total », then each year), totals, hours per month
// and per category as charts and tables, then tables by level and by project. Only
// validated declarations count, with the validated duration.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { SelectField } from '../../components/Field.js';
import { AssociationFrame, can, replaceQuery, useAssociation, useNotice } from '../members/common.js';
import { BarChart, ColumnChart } from './charts.js';
import { formatDuration, formatNumber, monthName } from './format.js';

// Distances come as integer hundredths of a kilometre (exact sums, no floating point).
const km = (hundredths) => `${formatNumber((Number(hundredths) || 0) / 100, 2)} km`;

/** Months of the series as chart points; many months (the « Total » view) become years. */
function monthPoints(months) {
  if (months.length <= 14) {
    // Above a bar there is room for a whole number only; the table gives the exact time.
    return months.map((m) => ({ label: monthName(m.month, 'long'), short: monthName(m.month, 'narrow'), value: m.minutes, text: formatNumber(Math.round(m.minutes / 60)) }));
  }
  const years = new Map();
  for (const m of months) years.set(m.month.slice(0, 4), (years.get(m.month.slice(0, 4)) || 0) + m.minutes);
  return [...years].map(([year, minutes]) => ({ label: year, short: year, value: minutes, text: formatNumber(Math.round(minutes / 60)) }));
}

function Totals({ totals }) {
  const items = [
    [formatNumber(totals.declarations), t('stats.total.declarations')],
    [formatDuration(totals.minutes), t('stats.total.time')],
    [km(totals.distanceHundredths), t('stats.total.distance')],
    [formatNumber(totals.members), t('stats.total.members')],
  ];
  return html`<ul class="stats stats-totals">
    ${items.map(([figure, label]) => html`<li key=${label}><span class="stat-figure">${figure}</span> ${label}</li>`)}
  </ul>`;
}

function Table({ id, caption, rows, firstColumn, noneLabel }) {
  return html`<div class="table-scroll" role="region" aria-labelledby=${`${id}-caption`} tabindex="0">
    <table class="data-table">
      <caption id=${`${id}-caption`} class="visually-hidden">${caption}</caption>
      <thead>
        <tr>
          <th scope="col">${firstColumn}</th>
          <th scope="col" class="num">${t('stats.col.entries')}</th>
          <th scope="col" class="num">${t('stats.col.members')}</th>
          <th scope="col" class="num">${t('stats.col.time')}</th>
          <th scope="col" class="num">${t('stats.col.distance')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr key=${row.id ?? row.name}>
            <th scope="row">${row.name ?? noneLabel}</th>
            <td class="num">${formatNumber(row.entries)}</td>
            <td class="num">${formatNumber(row.members)}</td>
            <td class="num">${formatDuration(row.minutes)}</td>
            <td class="num">${km(row.distanceHundredths)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function Section({ id, title, rows, firstColumn, chart, noneLabel }) {
  return html`<section class="card stats-section" aria-labelledby=${id}>
    <h2 id=${id}>${title}</h2>
    ${rows.length === 0
      ? html`<p class="empty">${t('stats.emptyTable')}</p>`
      : html`${chart
          ? html`<${BarChart}
              id=${`${id}-chart`}
              title=${t('stats.chart.byCategory')}
              rows=${rows.filter((row) => row.minutes > 0).map((row) => ({ label: row.name ?? noneLabel, value: row.minutes, text: formatDuration(row.minutes) }))}
            />`
          : null}
          <${Table} id=${`${id}-table`} caption=${title} rows=${rows} firstColumn=${firstColumn} noneLabel=${noneLabel} />`}
  </section>`;
}

function Months({ months }) {
  const points = monthPoints(months);
  const byYear = months.length > 14;
  return html`<section class="card stats-section" aria-labelledby="stats-months">
    <h2 id="stats-months">${byYear ? t('stats.byYear') : t('stats.byMonth')}</h2>
    <${ColumnChart} id="stats-months-chart" points=${points} title=${byYear ? t('stats.chart.byYear') : t('stats.chart.byMonth')} unit=${t('stats.chart.unit')} />
    <div class="table-scroll" role="region" aria-labelledby="stats-months-caption" tabindex="0">
      <table class="data-table">
        <caption id="stats-months-caption" class="visually-hidden">${byYear ? t('stats.byYear') : t('stats.byMonth')}</caption>
        <thead><tr><th scope="col">${byYear ? t('stats.col.year') : t('stats.col.month')}</th><th scope="col" class="num">${t('stats.col.time')}</th></tr></thead>
        <tbody>
          ${points.map((p) => html`<tr key=${p.label}><th scope="row">${p.label}</th><td class="num">${formatDuration(p.value)}</td></tr>`)}
        </tbody>
      </table>
    </div>
  </section>`;
}

function StatisticsView({ association, query }) {
  const [year, setYear] = useState(query.get('annee') || '');
  const [data, setData] = useState(null);
  const notice = useNotice();
  useEffect(() => {
    let live = true;
    replaceQuery({ annee: year });
    setData(null);
    api
      .get(`/associations/${association.id}/statistics${year ? `?year=${year}` : ''}`)
      .then((value) => live && setData(value))
      .catch((error) => live && notice.failure(error));
    return () => {
      live = false;
    };
  }, [association.id, year]);

  const years = data?.years || [];
  return html`<div>
    <form class="filters" onSubmit=${(event) => event.preventDefault()} aria-label=${t('stats.period')}>
      <${SelectField}
        id="year"
        label=${t('stats.period')}
        value=${year}
        onValue=${setYear}
        options=${[{ value: '', label: t('stats.total') }, ...years.map((y) => ({ value: String(y), label: String(y) }))]}
      />
    </form>
    <p class="hint">${t('stats.validatedOnly')}</p>
    ${notice.view()}
    ${data === null
      ? notice.notice
        ? null
        : html`<p class="muted" role="status">${t('common.loading')}</p>`
      : data.totals.declarations === 0
        ? html`<p class="empty">${t('stats.empty')}</p>`
        : html`<${Totals} totals=${data.totals} />
            <${Months} months=${data.byMonth || []} />
            <${Section} id="stats-categories" title=${t('stats.byCategory')} rows=${data.byCategory || []} firstColumn=${t('decl.field.category')} chart />
            ${(data.byLevel || []).some((row) => row.id) ? html`<${Section} id="stats-levels" title=${t('stats.byLevel')} rows=${data.byLevel || []} firstColumn=${t('decl.field.level')} noneLabel=${t('stats.noLevel')} />` : null}
            ${(data.byProject || []).some((row) => row.id) ? html`<${Section} id="stats-projects" title=${t('stats.byProject')} rows=${data.byProject || []} firstColumn=${t('decl.field.project')} noneLabel=${t('stats.noProject')} />` : null}`}
  </div>`;
}

/** The statistics are for those who see the members or manage the declarations. */
function permissionFor(association) {
  return association && can(association, 'manageDeclarations') ? 'manageDeclarations' : 'listMembers';
}

export function StatisticsPage({ params, query }) {
  const { association, failure } = useAssociation(params.handle);
  return html`<${AssociationFrame}
    handle=${params.handle}
    section="statistiques"
    title=${t('stats.title')}
    permission=${permissionFor(association)}
    association=${association}
    failure=${failure}
    render=${(loaded) => html`<${StatisticsView} association=${loaded} query=${query} />`}
  />`;
}
