// Pieces shared by the news pages: the write/edit form (nothing typed is lost on an
// error), the visibility word, dates, and the path of an item.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDate, t } from '../../i18n.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { Status } from '../members/common.js';
import { TextAreaField, tooLong } from '../members/fields.js';

export const TITLE_MAX = 200;
export const TEXT_MAX = 20000;

export const newsApi = (association) => `/associations/${encodeURIComponent(association.id)}/news`;
export const newsListPath = (association) => `/associations/${encodeURIComponent(association.handle)}/actualites`;
export const newsPath = (association, item) => `${newsListPath(association)}/${encodeURIComponent(item.id)}`;

/** Members-only news carry a word (never colour alone); public ones need none on the association's own page. */
export function VisibilityBadge({ item }) {
  if (item.visibility !== 'members') return null;
  return html`<${Status} kind="waiting">${t('news.members')}<//>`;
}

export function NewsDates({ item }) {
  const edited = item.updatedAt && item.updatedAt !== item.publishedAt;
  return html`<p class="item-meta">
    ${t('news.publishedOn', { date: formatDate(item.publishedAt) })}${edited ? html`, ${t('news.updatedOn', { date: formatDate(item.updatedAt) })}` : null}
  </p>`;
}

/** The first paragraph, cut at a word: what a list shows of an item. */
export function excerpt(text, max = 240) {
  const first = String(text || '').split(/\n\s*\n/)[0].trim();
  if (first.length <= max) return first;
  return `${first.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

function VisibilityChoice({ value, onValue }) {
  const choices = ['public', 'members'];
  return html`<fieldset class="fieldset">
    <legend>${t('news.field.visibility')}</legend>
    ${choices.map(
      (choice) => html`<div key=${choice}>
        <div class="checkbox-row">
          <input type="radio" id=${`visibility-${choice}`} name="visibility" value=${choice} checked=${value === choice}
            onChange=${() => onValue(choice)} aria-describedby=${`visibility-${choice}-hint`} />
          <label for=${`visibility-${choice}`}>${t(`news.field.visibility.${choice}`)}</label>
        </div>
        <p class="hint news-choice-hint" id=${`visibility-${choice}-hint`}>${t(`news.field.visibility.${choice}Hint`)}</p>
      </div>`,
    )}
  </fieldset>`;
}

const validate = (values) => ({
  title: !values.title.trim() ? t('news.field.titleRequired') : tooLong(values.title, TITLE_MAX),
  text: !values.text.trim() ? t('news.field.textRequired') : tooLong(values.text, TEXT_MAX),
});

/** Write or edit form; `onSave(body)` sends it and throws the API error, which shows beside the fields. */
export function NewsForm({ item, label, submitLabel, onSave, onCancel, focus = false }) {
  const ref = useRef(null);
  useEffect(() => {
    if (focus) ref.current?.querySelector('input')?.focus();
  }, []);
  const form = useForm({ title: item?.title || '', text: item?.text || '', visibility: item?.visibility || 'public' });
  async function submit(values) {
    await onSave({ title: values.title.trim(), text: values.text.trim(), visibility: values.visibility });
    if (!item) form.setValues({ title: '', text: '', visibility: values.visibility });
  }
  return html`<div ref=${ref}>
    <form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate aria-label=${label}>
      <${Alert}>${form.alert}<//>
      <${TextField} ...${form.bind('title')} label=${t('news.field.title')} maxlength=${TITLE_MAX} autocomplete="off" required />
      <${TextAreaField} ...${form.bind('text')} label=${t('news.field.text')} hint=${t('news.field.textHint')} rows="8" />
      <${VisibilityChoice} value=${form.values.visibility} onValue=${(v) => form.setValue('visibility', v)} />
      <div class="actions">
        <${SubmitButton} busy=${form.busy}>${submitLabel}<//>
        ${onCancel ? html`<button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>` : null}
      </div>
    </form>
  </div>`;
}

/** The list of news items as the association page and the news page show it. */
export function NewsItems({ association, items }) {
  return html`<ul class="item-list news-list">
    ${items.map(
      (item) => html`<li class="item" key=${item.id}>
        <div class="item-text">
          <h3 class="news-item-title"><a href=${newsPath(association, item)}>${item.title}</a></h3>
          <${VisibilityBadge} item=${item} />
          <${NewsDates} item=${item} />
          <p>${excerpt(item.text)}</p>
        </div>
      </li>`,
    )}
  </ul>`;
}
