// /admin/livraisons — what this site sends to other sites, per site: waiting, failing
// (tried again later), given up; whether the site answers; « Réessayer maintenant ».
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDateTime, t } from '../../i18n.js';
import { api } from '../../api.js';
import { plural, useNotice } from '../members/common.js';
import { Status } from '../associations/shared.js';
import { AdminFrame } from './frame.js';

function stateText(item) {
  if (item.blocked) return t('admin.deliveries.blocked');
  if (item.circuit === 'open') return t('admin.deliveries.state.open', { date: formatDateTime(item.circuitOpenUntil) });
  if (item.circuit === 'half-open') return t('admin.deliveries.state.halfOpen');
  // Say it answers only once it has: a site not yet reached gets no status.
  return item.lastSuccessAt ? t('admin.deliveries.state.ok') : null;
}

function Host({ item, onRetried, notice }) {
  const [busy, setBusy] = useState(false);
  const textId = `deliveries-${item.host}`;
  async function retry() {
    setBusy(true);
    notice.clear();
    try {
      const result = await api.post(`/admin/deliveries/${encodeURIComponent(item.host)}/retry`);
      onRetried(result);
    } catch (error) {
      notice.failure(error);
    } finally {
      setBusy(false);
    }
  }
  // ux.md: status in words and colour — waiting when the site does not answer or is blocked.
  const kind = item.circuit !== 'closed' || item.blocked ? 'waiting' : 'ok';
  return html`<li class="item">
    <div class="item-text" id=${textId}>
      <strong>${item.host}</strong>
      <p class="item-meta">
        ${t('admin.deliveries.queued', { n: item.queued })} · ${t('admin.deliveries.failing', { n: item.failing })} · ${t('admin.deliveries.dead', { n: item.dead })}
      </p>
      ${stateText(item) ? html`<p><${Status} kind=${kind}>${stateText(item)}<//></p>` : null}
      ${item.lastError ? html`<p class="item-meta">${t('admin.deliveries.lastError', { error: item.lastError })}</p>` : null}
      ${item.lastSuccessAt ? html`<p class="item-meta">${t('admin.deliveries.lastSuccess', { date: formatDateTime(item.lastSuccessAt) })}</p>` : null}
    </div>
    <div class="item-actions">
      <button type="button" class="button button-secondary" aria-describedby=${textId} disabled=${busy} aria-busy=${busy ? 'true' : null} onClick=${retry}>
        ${t('admin.deliveries.retry')}
      </button>
    </div>
  </li>`;
}

export function AdminDeliveriesPage({ account }) {
  const [items, setItems] = useState(null);
  const notice = useNotice();
  const headingRef = useRef(null);

  function load() {
    return api
      .get('/admin/deliveries')
      .then((data) => setItems(data.items || []))
      .catch((error) => {
        setItems([]);
        notice.failure(error);
      });
  }

  useEffect(() => {
    if (account?.isAdmin) load();
  }, []);

  return html`<${AdminFrame} account=${account} title=${t('admin.nav.deliveries')}>
    <p>${t('admin.deliveries.intro')}</p>
    <h2 tabindex="-1" ref=${headingRef}>${t('admin.deliveries.listTitle')}</h2>
    ${notice.view()}
    <p><button type="button" class="button button-secondary" onClick=${() => { notice.clear(); load(); }}>${t('admin.deliveries.refresh')}</button></p>
    ${items === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${t('admin.deliveries.empty')}</p>`
        : html`<ul class="item-list">
            ${items.map(
              (item) => html`<${Host} key=${item.host} item=${item} notice=${notice}
                onRetried=${async (result) => {
                  await load();
                  notice.success(result.retried > 0
                    ? plural('admin.deliveries.retried', result.retried).replace('{host}', result.host)
                    : t('admin.deliveries.retriedNone', { host: result.host }));
                  headingRef.current?.focus();
                }} />`,
            )}
          </ul>`}
  <//>`;
}
