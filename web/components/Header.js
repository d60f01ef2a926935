// Site header: name, main navigation, language and theme switches.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { endSession, forgetSession } from '../api.js';
import { navigate } from '../router.js';
import { changeLanguage, changeTheme } from '../prefs.js';

function NavLink({ href, path, children }) {
  const current = href === path;
  return html`<li>
    <a href=${href} class="nav-link" aria-current=${current ? 'page' : undefined}>${children}</a>
  </li>`;
}

function LanguageSwitch({ lang }) {
  // Each button is written in its own language (lang attribute) so a screen reader
  // pronounces "English" correctly on the French page and the other way round.
  const choices = [
    { code: 'fr', short: 'FR', long: 'Français' },
    { code: 'en', short: 'EN', long: 'English' },
  ];
  return html`<div class="lang-switch" role="group" aria-label=${t('prefs.language')}>
    ${choices.map(
      (choice) => html`<button
        key=${choice.code}
        type="button"
        class="pill"
        lang=${choice.code}
        aria-pressed=${lang === choice.code ? 'true' : 'false'}
        onClick=${() => changeLanguage(choice.code)}
      >
        ${choice.short}<span class="visually-hidden"> – ${choice.long}</span>
      </button>`,
    )}
  </div>`;
}

function ThemeSwitch({ theme }) {
  return html`<div class="theme-switch">
    <label for="site-theme">${t('prefs.theme')}</label>
    <select id="site-theme" value=${theme} onChange=${(event) => changeTheme(event.currentTarget.value)}>
      <option value="auto">${t('theme.auto')}</option>
      <option value="light">${t('theme.light')}</option>
      <option value="dark">${t('theme.dark')}</option>
    </select>
  </div>`;
}

export function Header({ account, path, lang, theme }) {
  async function onLogout() {
    await endSession();
    navigate('/', { flash: t('logout.done') });
    forgetSession();
  }

  return html`<header class="site-header">
    <div class="container header-top">
      <a href="/" class="brand">
        <img src="/assets/favicon.svg" alt="" class="brand-mark" width="36" height="36" />
        <span class="brand-name">Bénévalibre</span>
      </a>
      <div class="prefs">
        <${LanguageSwitch} lang=${lang} />
        <${ThemeSwitch} theme=${theme} />
      </div>
    </div>
    <nav class="container main-nav" aria-label=${t('nav.label')}>
      <ul>
        ${account
          ? html`<${NavLink} href="/" path=${path}>${t('nav.dashboard')}<//>
              <${NavLink} href="/associations" path=${path}>${t('nav.associations')}<//>
              ${account.isAdmin ? html`<${NavLink} href="/admin" path=${path}>${t('nav.admin')}<//>` : null}
              <${NavLink} href="/profil" path=${path}>${t('nav.profile')}<//>
              <li><button type="button" class="nav-link" onClick=${onLogout}>${t('nav.logout')}</button></li>`
          : html`<${NavLink} href="/associations" path=${path}>${t('nav.associations')}<//>
              <${NavLink} href="/connexion" path=${path}>${t('nav.login')}<//>
              <${NavLink} href="/inscription" path=${path}>${t('nav.register')}<//>`}
      </ul>
    </nav>
  </header>`;
}
