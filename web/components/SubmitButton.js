// Submit button that stays enabled while the request runs: disabling a focused button
// throws keyboard focus back to the top of the page. Double sends are blocked by the
// form instead, and the label says that something is happening.
import { html } from '../html.js';
import { t } from '../i18n.js';

export function SubmitButton({ busy, kind = 'primary', children }) {
  return html`<button type="submit" class=${`button button-${kind}`} aria-disabled=${busy ? 'true' : undefined}>
    ${busy ? t('form.busy') : children}
  </button>`;
}
