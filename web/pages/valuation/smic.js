// /admin/smic — the SMIC horaire brut per territory, effective-dated (site administrators):
// the values held, and a form to add the next one (earlier values stay, history intact).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { useNotice } from '../members/common.js';
import { AdminFrame } from '../admin/frame.js';
import { formatDay, formatMoney, parseEuros } from './format.js';

function SmicForm({ onAdded }) {
  const form = useForm({ territory: 'metropole', effectiveFrom: '', hourly: '' }, { aliases: { hourlyCents: 'hourly' } });
  const validate = (values) => ({
    effectiveFrom: values.effectiveFrom ? null : t('val.error.date'),
    hourly: !values.hourly.trim() ? t('val.error.required') : parseEuros(values.hourly) === null ? t('val.error.amount') : null,
  });
  async function submit(values) {
    const added = await api.post('/admin/smic', { territory: values.territory, effectiveFrom: values.effectiveFrom, hourlyCents: parseEuros(values.hourly) });
    form.setValues({ territory: values.territory, effectiveFrom: '', hourly: '' });
    onAdded(added);
  }
  return html`<form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate>
    <${Alert}>${form.alert}<//>
    <${SelectField} ...${form.bind('territory')} label=${t('val.settings.territory')} options=${['metropole', 'mayotte'].map((v) => ({ value: v, label: t(`val.territory.${v}`) }))} />
    <${TextField} ...${form.bind('effectiveFrom')} type="date" label=${t('val.field.effectiveFrom')} required />
    <${TextField} ...${form.bind('hourly')} label=${t('val.smic.hourly')} hint=${t('val.field.rateHint')} inputmode="decimal" required />
    <div class="actions"><${SubmitButton} busy=${form.busy}>${t('val.smic.save')}<//></div>
  </form>`;
}

export function AdminSmicPage({ account }) {
  const [items, setItems] = useState(null);
  const notice = useNotice();
  const headingRef = useRef(null);
  const load = () => api.get('/valuation/smic').then((data) => setItems(data.items)).catch((error) => { setItems([]); notice.failure(error); });
  useEffect(() => {
    if (account?.isAdmin) load();
  }, []);
  return html`<${AdminFrame} account=${account} title=${t('val.smic.title')}>
    <p>${t('val.smic.intro')}</p>
    <h2 tabindex="-1" ref=${headingRef}>${t('val.smic.list')}</h2>
    ${notice.view()}
    ${items === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : html`<div class="table-scroll" role="region" aria-labelledby="smic-caption" tabindex="0">
          <table class="data-table">
            <caption id="smic-caption" class="visually-hidden">${t('val.smic.list')}</caption>
            <thead><tr><th scope="col">${t('val.settings.territory')}</th><th scope="col">${t('val.field.effectiveFrom')}</th><th scope="col" class="num">${t('val.smic.hourly')}</th></tr></thead>
            <tbody>${items.map((s) => html`<tr key=${`${s.territory}-${s.effectiveFrom}`}>
              <th scope="row">${t(`val.territory.${s.territory}`)}</th><td>${formatDay(s.effectiveFrom)}</td><td class="num">${formatMoney(s.hourlyCents)}</td>
            </tr>`)}</tbody>
          </table>
        </div>`}
    <section class="card narrow" aria-labelledby="smic-add-title">
      <h2 id="smic-add-title">${t('val.smic.add')}</h2>
      <${SmicForm} onAdded=${async () => { notice.success(t('val.smic.added')); await load(); headingRef.current?.focus(); }} />
    </section>
  <//>`;
}
