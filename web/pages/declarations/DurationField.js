// Duration of an action: hours and minutes, with the quick choices of the interface
// guide (30 min, 1 h, 2 h, ½ journée = 3 h 30, 1 journée = 7 h). Only digits can be
// typed, minutes stop at 59 and hours at 24 per day spanned, so an impossible value
// cannot be entered (ux.md); the total is repeated in words under the fields.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { describedBy, FieldError } from '../../components/Field.js';
import { formatDuration } from './format.js';

export const QUICK_DURATIONS = [
  { minutes: 30, key: 'decl.quick.30' },
  { minutes: 60, key: 'decl.quick.60' },
  { minutes: 120, key: 'decl.quick.120' },
  { minutes: 210, key: 'decl.quick.half' },
  { minutes: 420, key: 'decl.quick.day' },
];

/** Minutes of the two fields (empty counts as 0). */
export function totalMinutes(hours, minutes) {
  return (Number(hours) || 0) * 60 + (Number(minutes) || 0);
}

/** Integer minutes → the two field values ('' rather than '0' for an empty duration). */
export function splitMinutes(total) {
  const value = Math.max(0, Number(total) || 0);
  if (value === 0) return { hours: '', minutes: '' };
  return { hours: String(Math.floor(value / 60)), minutes: String(value % 60) };
}

// Keeps digits only, at most `max`. The input is corrected in place: when the cleaned
// value equals the stored one, Preact would not re-render and the stray character stay.
function digitsUpTo(event, max) {
  const input = event.currentTarget;
  let text = input.value.replace(/\D/g, '').replace(/^0+(?=\d)/, '').slice(0, 4);
  if (text !== '' && Number(text) > max) text = String(max);
  if (input.value !== text) input.value = text;
  return text;
}

function NumberBox({ id, label, value, max, onValue, invalid, describedByIds }) {
  return html`<div class="decl-duration-box">
    <label for=${id}>${label}</label>
    <input
      id=${id}
      name=${id}
      type="text"
      inputmode="numeric"
      pattern="[0-9]*"
      autocomplete="off"
      maxlength="4"
      value=${value}
      aria-invalid=${invalid ? 'true' : undefined}
      aria-describedby=${describedByIds}
      onInput=${(event) => onValue(digitsUpTo(event, max))}
    />
  </div>`;
}

/**
 * `hours`, `minutes`: the field values (strings); `days`: days spanned by the action
 * (24 h each) or `limit` in minutes; `onChange({ hours, minutes })`; `error`: message
 * shown beside the fields.
 * `prefix` namespaces the ids (validatedHours / validatedMinutes for a validation).
 */
export function DurationField({ hours, minutes, days = 1, limit, onChange, error, legend, hint, prefix = '', quick = true }) {
  const hoursId = prefix ? `${prefix}Hours` : 'hours';
  const minutesId = prefix ? `${prefix}Minutes` : 'minutes';
  const maxMinutes = limit ?? 24 * 60 * Math.max(1, days);
  const maxHours = Math.floor(maxMinutes / 60);
  const total = totalMinutes(hours, minutes);
  const hintText = hint ?? (days > 1 ? t('decl.duration.hintDays', { hours: maxHours, days }) : t('decl.duration.hint'));
  const ids = describedBy(hoursId, { hint: hintText, error, extra: `${hoursId}-total` });

  function setHours(value) {
    // At the daily limit there is no room left for minutes.
    const over = totalMinutes(value, minutes) > maxMinutes;
    onChange({ hours: value, minutes: over ? '0' : minutes });
  }

  function setMinutes(value) {
    const capped = totalMinutes(hours, value) > maxMinutes ? String(Math.max(0, maxMinutes - (Number(hours) || 0) * 60)) : value;
    onChange({ hours, minutes: capped });
  }

  return html`<fieldset class=${`fieldset decl-duration${error ? ' field-invalid' : ''}`}>
    <legend>${legend || t('decl.field.duration')}</legend>
    ${quick
      ? html`<div class="decl-quick" role="group" aria-label=${t('decl.quick.label')}>
          ${QUICK_DURATIONS.filter((choice) => choice.minutes <= maxMinutes).map(
            (choice) => html`<button
              key=${choice.minutes}
              type="button"
              class="decl-quick-button"
              aria-pressed=${total === choice.minutes ? 'true' : 'false'}
              onClick=${() => onChange(splitMinutes(choice.minutes))}
            >
              ${t(choice.key)}
            </button>`,
          )}
        </div>`
      : null}
    <p id=${`${hoursId}-hint`} class="hint">${hintText}</p>
    <${FieldError} id=${hoursId} error=${error} />
    <div class="decl-duration-boxes">
      <${NumberBox}
        id=${hoursId}
        label=${t('decl.field.hours')}
        value=${hours}
        max=${maxHours}
        onValue=${setHours}
        invalid=${Boolean(error)}
        describedByIds=${ids}
      />
      <${NumberBox}
        id=${minutesId}
        label=${t('decl.field.minutes')}
        value=${minutes}
        max=${59}
        onValue=${setMinutes}
        invalid=${Boolean(error)}
        describedByIds=${ids}
      />
    </div>
    <p id=${`${hoursId}-total`} class="decl-duration-total" aria-live="polite">
      ${total > 0 ? t('decl.duration.total', { duration: formatDuration(total) }) : t('decl.duration.none')}
    </p>
  </fieldset>`;
}
