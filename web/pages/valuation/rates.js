// /associations/:handle/valorisation/taux — how the association values an hour (managers
// of the association): its territory (suggested from the postal code) and official
// numbers, its rates from a date (SMIC, SMIC with charges, per level, per category, its
// own rate), and the action that values the validated records still without a value.
// Main action: add a rate. Changing a rate never changes a value already frozen.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { FieldError, SelectField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { AssociationFrame, Confirm, useAssociation, useNotice } from '../members/common.js';
import { eurosText, formatDay, methodText, parseEuros } from './format.js';

const METHODS = ['smic', 'smic_charged', 'per_level', 'per_category', 'custom'];
const TERRITORIES = ['metropole', 'mayotte'];

function SettingsForm({ association }) {
  const [loaded, setLoaded] = useState(null);
  const form = useForm({ territory: 'metropole', rnaNumber: '', siren: '' });
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api.get(`/associations/${association.id}/valuation/settings`).then((s) => {
      setLoaded(s);
      form.setValues({ territory: s.territory, rnaNumber: s.rnaNumber || '', siren: s.siren || '' });
    }).catch((error) => form.showError(error));
  }, [association.id]);
  async function submit(values) {
    setSaved(false);
    const s = await api.put(`/associations/${association.id}/valuation/settings`, values);
    form.setValues({ territory: s.territory, rnaNumber: s.rnaNumber || '', siren: s.siren || '' });
    setSaved(true);
  }
  const suggestion = loaded && loaded.postalCode && loaded.suggestedTerritory !== form.values.territory
    ? t('val.settings.suggested', { postalCode: loaded.postalCode, territory: t(`val.territory.${loaded.suggestedTerritory}`) }) : null;
  return html`<section class="card" aria-labelledby="val-settings-title">
    <h2 id="val-settings-title">${t('val.settings.title')}</h2>
    <form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit)} novalidate>
      <${Alert}>${form.alert}<//>
      <${SelectField} ...${form.bind('territory')} label=${t('val.settings.territory')} hint=${suggestion || t('val.settings.territoryHint')}
        options=${TERRITORIES.map((v) => ({ value: v, label: t(`val.territory.${v}`) }))} />
      <${TextField} ...${form.bind('rnaNumber')} label=${t('val.settings.rna')} hint=${t('val.settings.rnaHint')} optional autocomplete="off" spellcheck="false" />
      <${TextField} ...${form.bind('siren')} label=${t('val.settings.siren')} hint=${t('val.settings.sirenHint')} optional inputmode="numeric" autocomplete="off" />
      ${saved ? html`<${Alert} kind="success">${t('val.settings.saved')}<//>` : null}
      <${SubmitButton} busy=${form.busy} kind="secondary">${t('val.settings.save')}<//>
    </form>
  </section>`;
}

const emptyRate = () => ({ effectiveFrom: '', method: 'smic', coefficient: '', rate: '', items: {} });
const valuesOf = (rate) => ({
  effectiveFrom: rate.effectiveFrom, method: rate.method, coefficient: rate.coefficient || '', rate: eurosText(rate.rateCents),
  items: Object.fromEntries(rate.items.map((i) => [i.targetId, eurosText(i.rateCents)])),
});

function RateForm({ association, editing, levels, categories, onSaved, onCancel }) {
  const form = useForm(editing ? valuesOf(editing) : emptyRate(), { aliases: { rateCents: 'rate' } });
  useEffect(() => form.setValues(editing ? valuesOf(editing) : emptyRate()), [editing?.id]);
  const v = form.values;
  const targets = v.method === 'per_level' ? levels : v.method === 'per_category' ? categories : [];
  const setItem = (id, text) => form.setValue('items', { ...v.items, [id]: text });

  function validate(values) {
    const problems = { effectiveFrom: values.effectiveFrom ? null : t('val.error.date') };
    if (values.method === 'smic_charged' && !values.coefficient.trim()) problems.coefficient = t('val.error.required');
    if (values.method === 'custom') problems.rate = !values.rate.trim() ? t('val.error.required') : parseEuros(values.rate) === null ? t('val.error.amount') : null;
    if (values.method === 'per_level' || values.method === 'per_category') {
      const typed = Object.entries(values.items).filter(([id, text]) => text.trim() && targets.some((x) => x.id === id));
      if (typed.length === 0) problems.items = t('val.error.required');
      else if (typed.some(([, text]) => parseEuros(text) === null)) problems.items = t('val.error.amount');
    }
    return problems;
  }
  async function submit(values) {
    const body = { effectiveFrom: values.effectiveFrom, method: values.method };
    if (values.method === 'smic_charged') body.coefficient = values.coefficient.trim();
    if (values.method === 'custom') body.rateCents = parseEuros(values.rate);
    if (values.method === 'per_level' || values.method === 'per_category') {
      body.items = targets.filter((x) => (values.items[x.id] || '').trim()).map((x) => ({ targetId: x.id, rateCents: parseEuros(values.items[x.id]) }));
    }
    const saved = editing
      ? await api.put(`/associations/${association.id}/valuation/rates/${editing.id}`, body)
      : await api.post(`/associations/${association.id}/valuation/rates`, body);
    if (!editing) form.setValues(emptyRate());
    onSaved(saved);
  }
  return html`<form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate>
    <${Alert}>${form.alert}<//>
    <${TextField} ...${form.bind('effectiveFrom')} type="date" label=${t('val.field.effectiveFrom')} hint=${t('val.field.effectiveFromHint')} required />
    <${SelectField} ...${form.bind('method')} label=${t('val.field.method')}
      options=${METHODS.map((m) => ({ value: m, label: t(`val.methodOption.${m}`) }))} />
    ${v.method === 'smic_charged'
      ? html`<${TextField} ...${form.bind('coefficient')} label=${t('val.field.coefficient')} hint=${t('val.field.coefficientHint')} inputmode="decimal" required />` : null}
    ${v.method === 'custom'
      ? html`<${TextField} ...${form.bind('rate')} label=${t('val.field.rate')} hint=${t('val.field.rateHint')} inputmode="decimal" required />` : null}
    ${targets.length
      ? html`<fieldset class="val-items">
          <legend>${t(v.method === 'per_level' ? 'val.method.per_level' : 'val.method.per_category')}</legend>
          <p class="hint">${t('val.field.itemHint')}</p>
          <${FieldError} id="items" error=${form.errors.items} />
          ${targets.map((x) => html`<${TextField} key=${x.id} id=${`item-${x.id}`} label=${t('val.field.itemRate', { name: x.name })}
            value=${v.items[x.id] || ''} onValue=${(text) => setItem(x.id, text)} inputmode="decimal" optional />`)}
        </fieldset>`
      : null}
    <div class="actions">
      <${SubmitButton} busy=${form.busy}>${t('val.rates.save')}<//>
      ${editing ? html`<button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>` : null}
    </div>
  </form>`;
}

function RateItem({ rate, names, onEdit, onDelete, confirming, setConfirming, busy }) {
  const shown = { ...rate, items: rate.items.map((i) => ({ ...i, name: names.get(i.targetId) })) };
  const textId = `rate-${rate.id}`;
  return html`<li class="item">
    <div class="item-text" id=${textId}>
      <strong>${t('val.from.date', { date: formatDay(rate.effectiveFrom) })}</strong>
      <p class="item-meta">${methodText(shown)}</p>
    </div>
    ${confirming
      ? html`<${Confirm} text=${t('val.rates.deleteConfirm')} yes=${t('val.rates.deleteYes')} busy=${busy} onYes=${onDelete} onNo=${() => setConfirming(false)} />`
      : html`<div class="item-actions">
          <button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${onEdit}>${t('val.rates.change')}</button>
          <button type="button" class="button button-quiet" aria-describedby=${textId} onClick=${() => setConfirming(true)}>${t('val.rates.delete')}</button>
        </div>`}
  </li>`;
}

function MissingSection({ association, notice }) {
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      notice.success(t('val.missing.done', await api.post(`/associations/${association.id}/valuation/value-missing`)));
    } catch (error) {
      notice.failure(error);
    } finally {
      setBusy(false);
    }
  }
  return html`<section class="card card-quiet" aria-labelledby="val-missing-title">
    <h2 id="val-missing-title">${t('val.missing.title')}</h2>
    <p>${t('val.missing.text')}</p>
    <button type="button" class="button button-secondary" aria-disabled=${busy ? 'true' : undefined} onClick=${() => !busy && run()}>${busy ? t('form.busy') : t('val.missing.button')}</button>
  </section>`;
}

function RatesView({ association }) {
  const [rates, setRates] = useState(null);
  const [levels, setLevels] = useState([]);
  const [categories, setCategories] = useState([]);
  const [editing, setEditing] = useState(null);
  const [confirming, setConfirming] = useState(null);
  const [busy, setBusy] = useState(false);
  const notice = useNotice();
  const headingRef = useRef(null);
  const load = () => api.get(`/associations/${association.id}/valuation/rates`).then((data) => setRates(data.items)).catch((error) => { setRates([]); notice.failure(error); });
  useEffect(() => {
    load();
    api.get(`/associations/${association.id}/levels`).then((d) => setLevels(d.items || d)).catch(() => setLevels([]));
    api.get(`/associations/${association.id}/categories`).then((d) => setCategories(d.items || d)).catch(() => setCategories([]));
  }, [association.id]);
  const names = new Map([...levels, ...categories].map((x) => [x.id, x.name]));

  async function remove(rate) {
    setBusy(true);
    try {
      await api.del(`/associations/${association.id}/valuation/rates/${rate.id}`);
      setConfirming(null);
      notice.success(t('val.rates.deleted'));
      await load();
      headingRef.current?.focus();
    } catch (error) {
      notice.failure(error);
    } finally {
      setBusy(false);
    }
  }

  return html`<div>
    <p>${t('val.rates.intro')}</p>
    <section class="card" aria-labelledby="val-add-title">
      <h2 id="val-add-title">${editing ? t('val.rates.edit') : t('val.rates.add')}</h2>
      <${RateForm} association=${association} editing=${editing} levels=${levels} categories=${categories}
        onCancel=${() => setEditing(null)}
        onSaved=${async () => { setEditing(null); notice.success(t('val.rates.saved')); await load(); headingRef.current?.focus(); }} />
    </section>
    <h2 tabindex="-1" ref=${headingRef}>${t('val.rates.list')}</h2>
    ${notice.view()}
    ${rates === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : rates.length === 0
        ? html`<p class="empty">${t('val.rates.empty')}</p>`
        : html`<ul class="item-list">${rates.map((rate) => html`<${RateItem} key=${rate.id} rate=${rate} names=${names} busy=${busy}
            confirming=${confirming === rate.id} setConfirming=${(on) => setConfirming(on ? rate.id : null)}
            onEdit=${() => { setEditing(rate); notice.clear(); }} onDelete=${() => remove(rate)} />`)}</ul>`}
    <${MissingSection} association=${association} notice=${notice} />
    <${SettingsForm} association=${association} />
  </div>`;
}

export function ValuationRatesPage({ params }) {
  const { association, failure } = useAssociation(params.handle);
  return html`<${AssociationFrame} handle=${params.handle} section="valorisation" title=${t('val.rates.title')} permission="manageAssociation"
    association=${association} failure=${failure}
    render=${(loaded) => html`<${RatesView} association=${loaded} />`} />`;
}
