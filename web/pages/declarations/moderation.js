// The manager's answers to a declaration: validate a part of it (less time than
// declared, saying why) or refuse it with a reason the author will read (product.md A4).
// Each opens as a panel under the declaration; one panel at a time keeps ids unique.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { TextAreaField } from '../members/fields.js';
import { DurationField, splitMinutes, totalMinutes } from './DurationField.js';
import { formatDuration } from './format.js';

const REASON_MAX = 500;

function reasonProblem(reason, required) {
  const text = reason.trim();
  if (required && !text) return t('decl.error.reason');
  if ([...text].length > REASON_MAX) return t('decl.error.reasonLong', { max: REASON_MAX });
  return null;
}

function useFocusFirst() {
  const ref = useRef(null);
  useEffect(() => ref.current?.querySelector('input, textarea')?.focus(), []);
  return ref;
}

/** « Refuser »: the reason is required and sent to the author. */
export function RejectPanel({ declaration, onDone, onCancel }) {
  const ref = useFocusFirst();
  const form = useForm({ reason: '' });
  async function submit(values) {
    onDone(await api.post(`/declarations/${declaration.id}/rejection`, { reason: values.reason.trim() }), 'rejected');
  }
  return html`<div class="item-panel" ref=${ref}>
    <form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, (v) => ({ reason: reasonProblem(v.reason, true) }))} novalidate
      aria-label=${t('decl.reject.label', { title: declaration.title })}>
      <${Alert}>${form.alert}<//>
      <${TextAreaField} ...${form.bind('reason')} label=${t('decl.reject.reason')} hint=${t('decl.reject.hint')} rows="3" maxlength=${REASON_MAX} />
      <div class="actions">
        <${SubmitButton} busy=${form.busy} kind="danger">${t('decl.reject.submit')}<//>
        <button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>
      </div>
    </form>
  </div>`;
}

/** « Valider une partie »: at most the declared duration; a reason when it is less. */
export function PartialPanel({ declaration, onDone, onCancel }) {
  const ref = useFocusFirst();
  const declared = declaration.durationMinutes;
  const current = declaration.validation?.validatedMinutes ?? declared;
  const form = useForm({ ...prefixed(splitMinutes(current)), reason: declaration.validation?.reason || '' }, { aliases: { validatedMinutes: 'validatedHours' } });
  const minutes = totalMinutes(form.values.validatedHours, form.values.validatedMinutes);

  function validate(values) {
    const chosen = totalMinutes(values.validatedHours, values.validatedMinutes);
    return {
      validatedHours: chosen > declared ? t('decl.partial.tooMuch', { duration: formatDuration(declared) }) : null,
      reason: reasonProblem(values.reason, chosen < declared),
    };
  }

  async function submit(values) {
    const body = { validatedMinutes: totalMinutes(values.validatedHours, values.validatedMinutes) };
    if (values.reason.trim()) body.reason = values.reason.trim();
    onDone(await api.post(`/declarations/${declaration.id}/validation`, body), 'validated');
  }

  return html`<div class="item-panel" ref=${ref}>
    <form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate
      aria-label=${t('decl.partial.label', { title: declaration.title })}>
      <${Alert}>${form.alert}<//>
      <${DurationField}
        prefix="validated"
        quick=${false}
        limit=${declared}
        legend=${t('decl.partial.legend')}
        hint=${t('decl.partial.hint', { duration: formatDuration(declared) })}
        hours=${form.values.validatedHours}
        minutes=${form.values.validatedMinutes}
        error=${form.errors.validatedHours}
        onChange=${({ hours, minutes: mins }) => form.setValues((previous) => ({ ...previous, validatedHours: hours, validatedMinutes: mins }))}
      />
      <${TextAreaField}
        ...${form.bind('reason')}
        label=${t('decl.partial.reason')}
        hint=${t('decl.partial.reasonHint')}
        rows="3"
        maxlength=${REASON_MAX}
        optional=${minutes >= declared}
      />
      <div class="actions">
        <${SubmitButton} busy=${form.busy}>${t('decl.approve')}<//>
        <button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>
      </div>
    </form>
  </div>`;
}

function prefixed({ hours, minutes }) {
  return { validatedHours: hours, validatedMinutes: minutes };
}

/** Validates the whole declared duration at once (the « Valider » button). */
export function approveWhole(declaration) {
  return api.post(`/declarations/${declaration.id}/validation`, {});
}
