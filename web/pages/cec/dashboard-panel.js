// The dashboard's card leading to the volunteer's record and CEC helper (issue 8).
import { html } from '../../html.js';
import { t } from '../../i18n.js';

export function RecognitionPanel() {
  return html`<div class="card">
    <h2>${t('cec.dashboard.title')}</h2>
    <p>${t('cec.dashboard.text')}</p>
    <ul class="link-list">
      <li><a href="/passeport">${t('cec.dashboard.passport')}</a></li>
      <li><a href="/cec">${t('cec.dashboard.cec')}</a></li>
      <li><a href="/attestations">${t('cec.dashboard.attestations')}</a></li>
    </ul>
  </div>`;
}
