// Unknown address: say so plainly and offer a way back.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { PageTitle } from '../components/PageTitle.js';

export function NotFoundPage() {
  return html`<section class="narrow">
    <${PageTitle} title=${t('notFound.title')} />
    <p>${t('notFound.text')}</p>
    <p><a class="button button-primary" href="/">${t('common.backHome')}</a></p>
  </section>`;
}
