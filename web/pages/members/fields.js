// Multi-line text field, built like the shared ones in components/Field.js: label,
// hint and error beside the field, tied to it for screen readers.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { describedBy, FieldError, Hint } from '../../components/Field.js';

export function TextAreaField({ id, name = id, label, value, onValue, error, hint, optional = false, rows = 5, ...rest }) {
  return html`<div class=${`field${error ? ' field-invalid' : ''}`}>
    <label for=${id}>${label}${optional ? html` <span class="optional">${t('form.optional')}</span>` : null}</label>
    <${Hint} id=${id} hint=${hint} />
    <${FieldError} id=${id} error=${error} />
    <textarea
      id=${id}
      name=${name}
      rows=${rows}
      value=${value ?? ''}
      onInput=${(event) => onValue(event.currentTarget.value)}
      aria-invalid=${error ? 'true' : undefined}
      aria-describedby=${describedBy(id, { hint, error })}
      ...${rest}
    ></textarea>
  </div>`;
}

/** Length check shared by the forms: a message, or null when fine. */
export function tooLong(value, max) {
  return [...(value || '').trim()].length > max ? t('names.tooLong', { max }) : null;
}
