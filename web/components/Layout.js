// Page frame with the landmarks assistive technologies rely on (header, nav, main,
// footer) and a skip link so keyboard users need not tab through the menu each time.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { Header } from './Header.js';
import { Footer } from './Footer.js';
import { Alert } from './Alert.js';
import { Announcements } from './Announcements.js';

export function Layout({ state, path, children }) {
  return html`<div class="page">
    <a class="skip-link" href="#contenu">${t('nav.skip')}</a>
    <${Header} account=${state.account} path=${path} lang=${state.lang} theme=${state.theme} />
    <${Announcements} account=${state.account} />
    <main id="contenu" class="container main" tabindex="-1">
      ${state.flash ? html`<${Alert} kind="success">${state.flash}<//>` : null}
      ${children}
    </main>
    <${Footer} />
  </div>`;
}
