// /attestations — « Mes attestations »: the one main action is to get an attestation of
// one's validated hours in one association (of this site or another) for a period; then
// the attestations already obtained, each with its PDF, its .jws and its verification.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { useForm } from '../../form.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { useNotice } from '../members/common.js';
import { AttestationItem, formatDay, formatDuration } from './shared.js';

const keyOf = (a) => (a.associationId ? `local:${a.associationId}` : `remote:${a.groupIri}`);

/** This year so far when there are hours this year, else the last year with hours. */
function defaultPeriod(a) {
  const year = (a.lastDate || '').slice(0, 4);
  return { from: `${year}-01-01` < a.firstDate ? a.firstDate : `${year}-01-01`, to: a.lastDate };
}

function RequestForm({ available, onIssued }) {
  const first = available[0];
  const form = useForm({ association: keyOf(first), ...defaultPeriod(first) });
  const { values, setValues } = form;
  const choose = (key) => {
    const a = available.find((x) => keyOf(x) === key);
    if (a) setValues((previous) => ({ ...previous, association: key, ...defaultPeriod(a) }));
  };
  const options = available.map((a) => ({
    value: keyOf(a),
    label: `${t('att.request.option', { name: a.name, duration: formatDuration(a.totalMinutes), from: formatDay(a.firstDate), to: formatDay(a.lastDate) })}${a.groupIri ? ` ${t('att.request.otherSite')}` : ''}`,
  }));
  const submit = form.onSubmit(
    async (v) => {
      const a = available.find((x) => keyOf(x) === v.association);
      const body = { from: v.from, to: v.to, ...(a?.groupIri ? { groupIri: a.groupIri } : { associationId: a?.associationId }) };
      onIssued(await api.post('/me/attestations', body));
    },
    (v) => ({ from: v.from ? null : t('att.request.required'), to: v.to ? null : t('att.request.required') }),
  );
  return html`<form class="form" ref=${form.formRef} onSubmit=${submit} noValidate>
    ${form.alert ? html`<${Alert}>${form.alert}<//>` : null}
    <${SelectField} id="association" label=${t('att.request.association')} hint=${t('att.request.associationHint')}
      value=${values.association} onValue=${choose} options=${options} error=${form.errors.association || form.errors.associationId || form.errors.groupIri} />
    <div>
      <${TextField} ...${form.bind('from')} type="date" label=${t('att.request.from')} required=${true} />
      <${TextField} ...${form.bind('to')} type="date" label=${t('att.request.to')} required=${true} />
    </div>
    <${SubmitButton} busy=${form.busy}>${t('att.request.submit')}<//>
  </form>`;
}

export function MyAttestationsPage() {
  const [available, setAvailable] = useState(null);
  const [items, setItems] = useState(null);
  const notice = useNotice();
  const listRef = useRef(null);
  useEffect(() => {
    api.get('/me/attestations/available').then((d) => setAvailable(d.items), (e) => { setAvailable([]); notice.failure(e); });
    api.get('/me/attestations').then((d) => setItems(d.items), (e) => { setItems([]); notice.failure(e); });
  }, []);

  const issued = (attestation) => {
    setItems((previous) => [attestation, ...(previous || [])]);
    notice.success(t('att.request.done', { code: attestation.code }));
    setTimeout(() => listRef.current?.focus(), 0);
  };

  return html`<section class="narrow">
    <${PageTitle} title=${t('att.mine.title')} />
    <p class="lead">${t('att.mine.lead')}</p>
    <section class="card" aria-labelledby="att-request-title">
      <h2 id="att-request-title">${t('att.request.title')}</h2>
      ${available === null
        ? html`<p class="muted" role="status">${t('common.loading')}</p>`
        : available.length === 0
          ? html`<p class="empty">${t('att.request.noHours')}</p>
              <p><a class="button button-primary" href="/declarer">${t('att.request.declare')}</a></p>`
          : html`<${RequestForm} available=${available} onIssued=${issued} />`}
    </section>
    <h2 tabindex="-1" ref=${listRef}>${t('att.list.title')}</h2>
    ${notice.view()}
    ${items === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${t('att.list.empty')}</p>`
        : html`<ul class="item-list">${items.map((item) => html`<${AttestationItem} key=${item.id} item=${item} />`)}</ul>`}
  </section>`;
}
