// Site footer: the legal pages every instance must publish (product.md A9) and the
// API documentation served by the backend (a real link, not a client route).
import { html } from '../html.js';
import { t } from '../i18n.js';

export function Footer() {
  return html`<footer class="site-footer">
    <div class="container">
      <nav aria-label=${t('footer.label')}>
        <ul class="footer-links">
          <li><a href="/mentions-legales">${t('legal.notice')}</a></li>
          <li><a href="/confidentialite">${t('legal.privacy')}</a></li>
          <li><a href="/conditions">${t('legal.terms')}</a></li>
          <li><a href="/verifier">${t('att.footer.verify')}</a></li>
          <li><a href="/api/docs">${t('footer.apiDocs')}</a></li>
        </ul>
      </nav>
      <p class="footer-note">${t('footer.note')}</p>
    </div>
  </footer>`;
}
