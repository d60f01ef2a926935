// /associations/:handle/cec — for the association's valideurs CEC and its managers: the
// volunteers of a year with their validated hours here and their function, those who may
// claim the CEC first; managers also name or withdraw the valideurs CEC.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, ApiError } from '../../api.js';
import { PageTitle } from '../../components/PageTitle.js';
import { SelectField } from '../../components/Field.js';
import { Alert } from '../../components/Alert.js';
import { replaceQuery, useAssociation } from '../members/common.js';
import { Loading, Status, formatDay, formatDuration, functionLabel, useApi, useNotice } from './shared.js';

function statusOf(item) {
  if (item.mayBeEligible) return html`<${Status} kind="ok">${t('cecAssoc.may')}<//>`;
  if (!item.oneAssociationReached) return html`<${Status} kind="off">${t('cecAssoc.under100')}<//>`;
  return html`<${Status} kind="waiting">${t('cecAssoc.noFunction')}<//>`;
}

function Volunteers({ data }) {
  const title = t('cecAssoc.list.title', { year: data.year });
  return html`<section class="card" aria-labelledby="cec-list">
    <h2 id="cec-list">${title}</h2>
    ${data.items.length === 0
      ? html`<p class="empty">${t('cecAssoc.list.empty', { year: data.year })}</p>`
      : html`<ul class="passport-list">
          ${data.items.map((item) => html`<li key=${item.accountId} class="passport-action">
            <h3>${item.displayName}${item.site ? html` <span class="muted">${t('cec.assoc.otherSite', { site: item.site })}</span>` : null}</h3>
            <p>${statusOf(item)} ${t('cecAssoc.hoursHere', { time: formatDuration(item.minutes) })}</p>
            <p>${functionLabel(item.function)}</p>
          </li>`)}
        </ul>
        <p class="hint">${t('cecAssoc.functionHint')}</p>`}
  </section>`;
}

function Validators({ data, association, onChange }) {
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const notice = useNotice();
  const base = `/associations/${association.id}/cec/validators`;
  async function act(run, message) {
    setBusy(true);
    setError(null);
    try {
      await run();
      notice.success(message);
      setChosen('');
      onChange();
    } catch (failure) {
      // The field the API names goes beside the select; anything else above.
      const field = failure instanceof ApiError ? failure.problem.errors?.find((e) => e.field === 'membershipId') : null;
      if (field) setError(field.message);
      else notice.failure(failure);
    } finally {
      setBusy(false);
    }
  }
  function add(event) {
    event.preventDefault();
    if (!chosen) return setError(t('cecAssoc.validators.chooseFirst'));
    const name = data.candidates.find((c) => c.membershipId === chosen)?.displayName || '';
    return act(() => api.put(`${base}/${chosen}`), t('cecAssoc.validators.added', { name }));
  }
  return html`<section class="card" aria-labelledby="cec-validators">
    <h2 id="cec-validators">${t('cecAssoc.validators.title')}</h2>
    <p>${t('cecAssoc.validators.text')}</p>
    <div aria-live="polite">${notice.view()}</div>
    ${data.validators.length === 0
      ? html`<p class="empty">${t('cecAssoc.validators.none')}</p>`
      : html`<ul class="plain-list cec-validators">
          ${data.validators.map((v) => html`<li key=${v.membershipId}>
            <strong>${v.displayName}</strong> <span class="muted">${formatDay(v.designatedAt.slice(0, 10))}</span>
            ${data.canDesignate
              ? html` <button type="button" class="button button-quiet" disabled=${busy}
                  aria-label=${t('cecAssoc.validators.removeLabel', { name: v.displayName })}
                  onClick=${() => act(() => api.del(`${base}/${v.membershipId}`), t('cecAssoc.validators.removed', { name: v.displayName }))}>${t('cecAssoc.validators.remove')}</button>`
              : null}
          </li>`)}
        </ul>`}
    ${data.canDesignate
      ? data.candidates.length === 0
        ? html`<p class="hint">${t('cecAssoc.validators.noCandidate')}</p>`
        : html`<form class="form" onSubmit=${add} novalidate>
            <${SelectField} id="cec-validator" label=${t('cecAssoc.validators.choose')} value=${chosen} error=${error}
              onValue=${(value) => { setChosen(value); setError(null); }}
              options=${[{ value: '', label: '—' }, ...data.candidates.map((c) => ({ value: c.membershipId, label: c.displayName }))]} />
            <button type="submit" class="button button-secondary" aria-disabled=${busy ? 'true' : undefined}>${t('cecAssoc.validators.add')}</button>
          </form>`
      : null}
  </section>`;
}

function CecView({ association, query }) {
  const [year, setYear] = useState(query.get('annee') || '');
  const { data, error, notice, reload } = useApi(`/associations/${association.id}/cec${year ? `?year=${encodeURIComponent(year)}` : ''}`);
  if (error instanceof ApiError && (error.status === 403 || error.status === 401)) return html`<div class="card card-quiet"><p>${t('cecAssoc.forbidden')}</p></div>`;
  if (data === null) return notice.notice ? notice.view() : html`<${Loading} />`;
  const current = new Date().getFullYear();
  const years = [current, current - 1, current - 2].filter((y) => y >= 2000);
  if (!years.includes(data.year)) years.push(data.year);
  const missing = t('cecAssoc.idsMissing');
  return html`<div>
    <p>${t('cecAssoc.lead')}</p>
    <p class="muted">${t('cecAssoc.ids', { rna: data.association.rna || missing, siren: data.association.siren || missing })}</p>
    <form class="filters" onSubmit=${(event) => event.preventDefault()} aria-label=${t('cec.year')}>
      <${SelectField} id="cec-year" label=${t('cec.year')} value=${String(data.year)}
        onValue=${(value) => { setYear(value); replaceQuery({ annee: value }); }}
        options=${years.sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }))} />
    </form>
    <p>${t('cec.deadlines.validate', { date: formatDay(data.deadlines.validateBy) })}</p>
    <${Volunteers} data=${data} />
    <${Validators} data=${data} association=${association} onChange=${reload} />
  </div>`;
}

export function AssociationCecPage({ params, query }) {
  const { association, failure } = useAssociation(params.handle);
  const title = t('cecAssoc.title');
  return html`<section>
    <p>
      <a class="back-link" href=${`/associations/${encodeURIComponent(association?.handle || params.handle)}`}>
        <span aria-hidden="true">←</span>${association ? association.name : t('members.frame.backToAssociation')}
      </a>
    </p>
    <${PageTitle} title=${association ? `${title} · ${association.name}` : title}>${title}<//>
    ${failure ? html`<${Alert}>${failure.message}<//>` : association ? html`<${CecView} association=${association} query=${query} />` : html`<${Loading} />`}
  </section>`;
}
