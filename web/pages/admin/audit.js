// /admin/historique — every change recorded on the site (settings, announcements,
// defaults, associations), newest first. ?association=<id> narrows it to one.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { AuditList } from '../members/audit.js';
import { AdminFrame } from './frame.js';

export function AdminAuditPage({ account, query }) {
  const associationId = query.get('association') || '';
  const path = associationId ? `/admin/audit?associationId=${encodeURIComponent(associationId)}` : '/admin/audit';
  return html`<${AdminFrame} account=${account} title=${t('admin.nav.history')}>
    <p>${t('admin.audit.intro')}</p>
    ${associationId ? html`<p><a href="/admin/historique">${t('admin.audit.all')}</a></p>` : null}
    <${AuditList} path=${path} emptyText=${t('admin.audit.empty')} />
  <//>`;
}
