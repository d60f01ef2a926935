// Frame of the site administration pages: title, the way back to the administration
// home, and a plain message for accounts that are not administrators.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { PageTitle } from '../../components/PageTitle.js';

export const ADMIN_SECTIONS = [
  { path: '/admin/associations', key: 'admin.nav.associations' },
  { path: '/admin/comptes', key: 'admin.nav.accounts' },
  { path: '/admin/annonces', key: 'admin.nav.announcements' },
  { path: '/admin/parametres', key: 'admin.nav.settings' },
  { path: '/admin/valeurs-par-defaut', key: 'admin.nav.defaults' },
  { path: '/admin/historique', key: 'admin.nav.history' },
  { path: '/admin/signalements', key: 'admin.nav.reports' },
  { path: '/admin/domaines-bloques', key: 'admin.nav.blocked' },
  { path: '/admin/livraisons', key: 'admin.nav.deliveries' },
  { path: '/admin/smic', key: 'val.smic.title' },
];

/** `children` is only rendered for administrators, so its requests are never refused. */
export function AdminFrame({ account, title, home = false, children }) {
  if (!account?.isAdmin) {
    return html`<section class="narrow">
      <${PageTitle} title=${t('admin.title')} />
      <div class="card card-quiet">
        <p>${t('admin.reserved')}</p>
        <p><a href="/">${t('common.backHome')}</a></p>
      </div>
    </section>`;
  }
  return html`<section>
    ${home
      ? null
      : html`<p><a class="back-link" href="/admin"><span aria-hidden="true">←</span>${t('admin.title')}</a></p>`}
    <${PageTitle} title=${home ? title : `${title} · ${t('admin.title')}`}>${title}<//>
    ${children}
  </section>`;
}
