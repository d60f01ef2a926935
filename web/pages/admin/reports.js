// /admin/signalements — reports (Flag) sent by other sites about content of this site
// (flow 10): who sent them, what they point at, their message; marked as dealt with.
// A report about an unwanted site leads to blocking it (/admin/domaines-bloques).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDateTime, t } from '../../i18n.js';
import { api } from '../../api.js';
import { PlainText } from '../../components/PlainText.js';
import { Status, useNotice } from '../members/common.js';
import { AdminFrame } from './frame.js';

function Report({ report, onResolved, notice }) {
  const [busy, setBusy] = useState(false);
  const who = report.reporter.name ? `${report.reporter.name} (${report.reporter.handle || report.reporter.host})` : report.reporter.handle || report.reporter.host;
  const textId = `report-${report.id}`;
  async function resolve() {
    if (busy) return;
    setBusy(true);
    try {
      onResolved(await api.post(`/admin/reports/${encodeURIComponent(report.id)}/resolve`));
    } catch (error) {
      notice.failure(error);
    } finally {
      setBusy(false);
    }
  }
  return html`<li class="item">
    <div class="item-text" id=${textId}>
      <strong>${t('admin.reports.from', { who })}</strong>
      ${report.resolvedAt
        ? html` <${Status} kind="ok">${report.resolvedBy
            ? t('admin.reports.resolvedBy', { date: formatDateTime(report.resolvedAt), name: report.resolvedBy })
            : t('admin.reports.resolved', { date: formatDateTime(report.resolvedAt) })}<//>`
        : null}
      <p class="item-meta">${t('admin.reports.received', { date: formatDateTime(report.receivedAt) })}</p>
      ${report.content ? html`<div class="item-meta"><${PlainText} text=${report.content} /></div>` : html`<p class="item-meta">${t('admin.reports.noContent')}</p>`}
      ${report.objects.length > 0
        ? html`<p class="item-meta">${t('admin.reports.objects')} :</p>
            <ul class="plain-list">
              ${report.objects.map(
                (o) => html`<li key=${o.iri}>${o.path ? html`<a href=${o.path}>${o.label}</a>` : html`${o.label || t('admin.reports.unknownObject')} <span class="muted">${o.iri}</span>`}</li>`,
              )}
            </ul>`
        : null}
    </div>
    ${report.resolvedAt
      ? null
      : html`<div class="item-actions">
          <button type="button" class="button button-secondary" aria-describedby=${textId} aria-disabled=${busy ? 'true' : undefined} onClick=${resolve}>
            ${busy ? t('form.busy') : t('admin.reports.resolve')}
          </button>
          <a class="button button-quiet" href=${`/admin/domaines-bloques?site=${encodeURIComponent(report.reporter.host)}`}>${t('admin.reports.blockSite', { host: report.reporter.host })}</a>
        </div>`}
  </li>`;
}

export function AdminReportsPage({ account, query }) {
  const status = query.get('statut') === 'traites' ? 'resolved' : 'open';
  const [items, setItems] = useState(null);
  const notice = useNotice();
  const headingRef = useRef(null);

  useEffect(() => {
    if (!account?.isAdmin) return;
    setItems(null);
    api
      .get(`/admin/reports?status=${status}`)
      .then((data) => setItems(data.items || []))
      .catch((error) => {
        setItems([]);
        notice.failure(error);
      });
  }, [status]);

  return html`<${AdminFrame} account=${account} title=${t('admin.nav.reports')}>
    <p>${t('admin.reports.intro')}</p>
    <nav class="subnav" aria-label=${t('admin.reports.tabsLabel')}>
      <ul>
        <li><a href="/admin/signalements" aria-current=${status === 'open' ? 'page' : undefined}>${t('admin.reports.tab.open')}</a></li>
        <li><a href="/admin/signalements?statut=traites" aria-current=${status === 'resolved' ? 'page' : undefined}>${t('admin.reports.tab.resolved')}</a></li>
      </ul>
    </nav>
    <h2 tabindex="-1" ref=${headingRef}>${t(status === 'open' ? 'admin.reports.tab.open' : 'admin.reports.tab.resolved')}</h2>
    ${notice.view()}
    ${items === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${t(status === 'open' ? 'admin.reports.emptyOpen' : 'admin.reports.emptyResolved')}</p>`
        : html`<ul class="item-list">
            ${items.map(
              (report) => html`<${Report} key=${report.id} report=${report} notice=${notice}
                onResolved=${(done) => {
                  setItems((previous) => previous.filter((r) => r.id !== done.id));
                  notice.success(t('admin.reports.done'));
                  headingRef.current?.focus();
                }} />`,
            )}
          </ul>`}
  <//>`;
}
