// Form fields with their label, optional hint and error message. The error is written
// beside the field (ux.md: "errors in plain words beside the field, never only at the
// top") and tied to it with aria-describedby / aria-invalid so screen readers read it.
import { html } from '../html.js';
import { t } from '../i18n.js';

/** ids of the hint and error paragraphs, in reading order, for aria-describedby. */
export function describedBy(id, { hint, error, extra } = {}) {
  const ids = [];
  if (hint) ids.push(`${id}-hint`);
  if (error) ids.push(`${id}-error`);
  if (extra) ids.push(extra);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldError({ id, error }) {
  if (!error) return null;
  return html`<p id=${`${id}-error`} class="field-error">
    <span class="visually-hidden">${t('form.errorPrefix')} </span>${error}
  </p>`;
}

export function Hint({ id, hint }) {
  if (!hint) return null;
  return html`<p id=${`${id}-hint`} class="hint">${hint}</p>`;
}

function Label({ id, label, optional }) {
  return html`<label for=${id}>
    ${label}${optional ? html` <span class="optional">${t('form.optional')}</span>` : null}
  </label>`;
}

/** Text-like input (text, email, search…). `onValue` receives the new string. */
export function TextField({
  id,
  name = id,
  label,
  value,
  onValue,
  error,
  hint,
  type = 'text',
  optional = false,
  required = false,
  describedByExtra,
  invalid,
  ...rest
}) {
  const isInvalid = Boolean(error || invalid);
  return html`<div class=${`field${isInvalid ? ' field-invalid' : ''}`}>
    <${Label} id=${id} label=${label} optional=${optional} />
    <${Hint} id=${id} hint=${hint} />
    <${FieldError} id=${id} error=${error} />
    <input
      id=${id}
      name=${name}
      type=${type}
      value=${value ?? ''}
      onInput=${(event) => onValue(event.currentTarget.value)}
      required=${required}
      aria-invalid=${isInvalid ? 'true' : undefined}
      aria-describedby=${describedBy(id, { hint, error, extra: describedByExtra })}
      ...${rest}
    />
  </div>`;
}

/** Drop-down list; `options` is [{ value, label }]. */
export function SelectField({ id, name = id, label, value, onValue, options, error, hint, ...rest }) {
  return html`<div class=${`field${error ? ' field-invalid' : ''}`}>
    <${Label} id=${id} label=${label} />
    <${Hint} id=${id} hint=${hint} />
    <${FieldError} id=${id} error=${error} />
    <select
      id=${id}
      name=${name}
      value=${value}
      onChange=${(event) => onValue(event.currentTarget.value)}
      aria-invalid=${error ? 'true' : undefined}
      aria-describedby=${describedBy(id, { hint, error })}
      ...${rest}
    >
      ${options.map((option) => html`<option key=${option.value} value=${option.value}>${option.label}</option>`)}
    </select>
  </div>`;
}

/** Single checkbox; the label follows the box, as people expect. */
export function CheckboxField({ id, name = id, label, checked, onValue, error, hint, required = false }) {
  return html`<div class=${`field field-checkbox${error ? ' field-invalid' : ''}`}>
    <${FieldError} id=${id} error=${error} />
    <div class="checkbox-row">
      <input
        id=${id}
        name=${name}
        type="checkbox"
        checked=${Boolean(checked)}
        onChange=${(event) => onValue(event.currentTarget.checked)}
        required=${required}
        aria-invalid=${error ? 'true' : undefined}
        aria-describedby=${describedBy(id, { hint, error })}
      />
      <label for=${id}>${label}</label>
    </div>
    <${Hint} id=${id} hint=${hint} />
  </div>`;
}
