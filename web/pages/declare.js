// « Déclarer du bénévolat »: the declaration form comes with the declarations
// feature (product.md A4). Until then this page says so kindly; it is the only
// placeholder of the interface.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { PageTitle } from '../components/PageTitle.js';

export function DeclarePage() {
  return html`<section class="narrow">
    <${PageTitle} title=${t('declare.title')} />
    <div class="card card-soon">
      <p class="soon-badge">${t('declare.soon')}</p>
      <p>${t('declare.text')}</p>
      <p><a class="button button-secondary" href="/">${t('declare.back')}</a></p>
    </div>
  </section>`;
}
