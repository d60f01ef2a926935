// Legal notice, privacy notice and terms of use. Their text is written by the person
// who runs the site (product.md A9); until it is published we say who will do it.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { PageTitle } from '../components/PageTitle.js';

export function LegalPage({ kind }) {
  return html`<article class="narrow prose">
    <${PageTitle} title=${t(`legal.${kind}`)} />
    <p>${t('legal.pending')}</p>
    <p>${t('legal.meanwhile')}</p>
    <p><a href="/">${t('common.backHome')}</a></p>
  </article>`;
}
