// /admin — the site at a glance (GET /admin/stats) and the way to each task.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { locale, t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { ADMIN_SECTIONS, AdminFrame } from './frame.js';

const FIGURES = [
  { key: 'accounts' },
  { key: 'activeAccounts' },
  { key: 'associations' },
  { key: 'activeAssociations' },
  { key: 'pendingAssociations', href: '/admin/associations?onglet=a-valider' },
  { key: 'orphanedAssociations', href: '/admin/associations?onglet=sans-gestionnaire' },
  { key: 'memberships' },
];

function Stats() {
  const [stats, setStats] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api
      .get('/admin/stats')
      .then(setStats)
      .catch((failure) => setError(problemMessage(failure)));
  }, []);

  if (error) return html`<${Alert}>${error}<//>`;
  if (!stats) return html`<p class="muted">${t('common.loading')}</p>`;
  const number = new Intl.NumberFormat(locale());
  return html`<ul class="stats">
    ${FIGURES.map(({ key, href }) => {
      const value = Number(stats[key] ?? 0);
      return html`<li key=${key}>
        <span class="stat-figure">${number.format(value)}</span>
        ${href && value > 0 ? html`<a href=${href}>${t(`admin.stats.${key}`)}</a>` : t(`admin.stats.${key}`)}
      </li>`;
    })}
  </ul>`;
}

export function AdminHomePage({ account }) {
  return html`<${AdminFrame} account=${account} title=${t('admin.title')} home=${true}>
    <p>${t('admin.intro')}</p>
    <h2>${t('admin.figures')}</h2>
    <${Stats} />
    <h2>${t('admin.tasks')}</h2>
    <ul class="link-list admin-links">
      ${ADMIN_SECTIONS.map(
        (section) => html`<li key=${section.path}>
          <a href=${section.path}>${t(section.key)}</a>
          <p class="item-meta">${t(`${section.key}.hint`)}</p>
        </li>`,
      )}
    </ul>
  <//>`;
}
