// Home: a welcome for visitors, the dashboard for people who are logged in. The
// dashboard's one main action is « Déclarer du bénévolat » (ux.md, Principles): the
// association panels come after it, so it stays visible without scrolling.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { PageTitle } from '../components/PageTitle.js';
import { Avatar } from '../components/Avatar.js';
import { MyAssociations, SampleAssociations } from './associations/home-panels.js';
import { RemoteAssociations } from './associations/remote-panels.js';
import { RecognitionPanel } from './cec/dashboard-panel.js';

function Welcome() {
  return html`<section class="hero">
    <${PageTitle} title=${t('home.title')} />
    <p class="tagline">${t('home.tagline')}</p>
    <p class="lead">${t('home.lead')}</p>
    <div class="actions">
      <a class="button button-primary button-large" href="/inscription">${t('home.join')}</a>
      <a class="button button-secondary" href="/connexion">${t('home.haveAccount')}</a>
    </div>
    <ul class="feature-list">
      <li><strong>${t('home.point1.title')}</strong> ${t('home.point1.text')}</li>
      <li><strong>${t('home.point2.title')}</strong> ${t('home.point2.text')}</li>
      <li><strong>${t('home.point3.title')}</strong> ${t('home.point3.text')}</li>
    </ul>
    <${SampleAssociations} />
  </section>`;
}

function Dashboard({ account }) {
  const name = account.firstName || account.displayName || account.pseudo || '';
  return html`<section class="dashboard">
    <div class="greeting">
      <${Avatar} account=${account} size="lg" />
      <div>
        <${PageTitle} title=${t('dashboard.docTitle')}>${t('dashboard.hello', { name })}<//>
        <p class="lead">${t('dashboard.lead')}</p>
      </div>
    </div>
    <p class="actions">
      <a class="button button-primary button-large" href="/declarer">
        <span aria-hidden="true" class="button-icon button-icon-plus"></span>${t('dashboard.declare')}
      </a>
    </p>
    <${MyAssociations} account=${account} />
    <${RemoteAssociations} />
    <${RecognitionPanel} />
    <div class="card">
      <h2>${t('following.dashboardLink')}</h2>
      <p>${t('following.dashboardText')}</p>
      <p><a href="/suivies">${t('following.dashboardLink')}</a></p>
    </div>
    <div class="card">
      <h2>${t('dashboard.accountTitle')}</h2>
      <p>${t('dashboard.accountText')}</p>
      <p><a href="/profil">${t('dashboard.profileLink')}</a></p>
    </div>
  </section>`;
}

export function HomePage({ account }) {
  return account ? html`<${Dashboard} account=${account} />` : html`<${Welcome} />`;
}
