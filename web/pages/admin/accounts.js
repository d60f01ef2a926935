// /admin/comptes — the accounts of the site: search by name or address, filter by
// status, send the activation e-mail again, disable or enable, delete (same rules as
// a person deleting their own account: validated volunteering is kept).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDate, t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { navigate } from '../../router.js';
import { Alert } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { Confirm, Pager, plural, Status, useNotice } from '../members/common.js';
import { AdminFrame } from './frame.js';

const STATUSES = ['inactive', 'active', 'disabled', 'deleted'];
const STATUS_KIND = { inactive: 'waiting', active: 'ok', disabled: 'bad', deleted: 'off' };

function address(q, status, page) {
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (status) query.set('status', status);
  if (page > 1) query.set('page', String(page));
  const search = query.toString();
  return `/admin/comptes${search ? `?${search}` : ''}`;
}

function AccountItem({ item, self, open, setOpen, onChanged, onMessage }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  // A new version of the item (saved, reloaded) makes an old error message stale.
  useEffect(() => setError(null), [item]);
  const textId = `account-${item.id}`;
  const base = `/admin/accounts/${item.id}`;

  async function act(path, message) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`${base}/${path}`);
      setOpen(null);
      onMessage(message);
      onChanged();
    } catch (failure) {
      setError(problemMessage(failure));
      setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  const name = item.displayName || item.email;
  const meta = [
    item.email,
    t('admin.accounts.createdOn', { date: formatDate(item.createdAt) }),
    item.activatedAt ? t('admin.accounts.activatedOn', { date: formatDate(item.activatedAt) }) : null,
  ].filter(Boolean);

  return html`<li class="item">
    <div class="item-text" id=${textId}>
      <strong>${name}</strong>
      <div>
        <${Status} kind=${STATUS_KIND[item.status] || 'off'}>${t(`admin.accounts.status.${STATUSES.includes(item.status) ? item.status : 'active'}`)}<//>
        ${item.isAdmin ? html`<${Status} kind="waiting">${t('admin.accounts.admin')}<//>` : null}
        ${self ? html`<${Status} kind="off">${t('admin.accounts.you')}<//>` : null}
      </div>
      <p class="item-meta">${meta.join(' · ')}</p>
    </div>
    ${open || item.status === 'deleted' || self
      ? null
      : html`<div class="item-actions">
          ${item.status === 'inactive'
            ? html`<button type="button" class="button button-secondary" aria-describedby=${textId}
                onClick=${() => act('activation', t('admin.accounts.activationSent', { email: item.email }))}>${t('admin.accounts.resend')}</button>`
            : null}
          ${item.status === 'active'
            ? html`<button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen('disable')}>${t('admin.accounts.disable')}</button>`
            : null}
          ${item.status === 'disabled'
            ? html`<button type="button" class="button button-secondary" aria-describedby=${textId}
                onClick=${() => act('enable', t('admin.accounts.enabled', { name }))}>${t('admin.accounts.enable')}</button>`
            : null}
          <button type="button" class="button button-danger-outline" aria-describedby=${textId} onClick=${() => setOpen('delete')}>${t('admin.delete')}</button>
        </div>`}
    ${error ? html`<div class="item-panel"><${Alert}>${error}<//></div>` : null}
    ${open === 'disable'
      ? html`<${Confirm} text=${t('admin.accounts.confirmDisable', { name })} yes=${t('admin.accounts.disableYes')} busy=${busy}
          onYes=${() => act('disable', t('admin.accounts.disabled', { name }))} onNo=${() => setOpen(null)} />`
      : null}
    ${open === 'delete'
      ? html`<${Confirm} text=${t('admin.accounts.confirmDelete', { name })} yes=${t('admin.accounts.deleteYes')} busy=${busy}
          onYes=${() => act('deletion', t('admin.accounts.deleted', { name }))} onNo=${() => setOpen(null)} />`
      : null}
  </li>`;
}

export function AdminAccountsPage({ account, query }) {
  const q = query.get('q') || '';
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [search, setSearch] = useState(q);
  const [statusChoice, setStatusChoice] = useState(status);
  const [result, setResult] = useState(null);
  const [open, setOpen] = useState(null);
  const [version, setVersion] = useState(0);
  const notice = useNotice();
  const headingRef = useRef(null);

  useEffect(() => {
    if (!account?.isAdmin) return undefined;
    let live = true;
    const params = new URLSearchParams({ page: String(page) });
    if (q) params.set('q', q);
    if (status) params.set('status', status);
    api
      .get(`/admin/accounts?${params}`)
      .then((data) => live && setResult(data))
      .catch((error) => {
        if (!live) return;
        setResult({ items: [], page: 1, pageSize: 20, total: 0 });
        notice.failure(error);
      });
    return () => {
      live = false;
    };
  }, [q, status, page, version]);

  function onSearch(event) {
    event.preventDefault();
    notice.clear();
    navigate(address(search.trim(), statusChoice, 1));
  }

  return html`<${AdminFrame} account=${account} title=${t('admin.nav.accounts')}>
    <form class="filters" role="search" onSubmit=${onSearch}>
      <${TextField} id="q" type="search" label=${t('admin.accounts.search')} hint=${t('admin.accounts.searchHint')} value=${search} onValue=${setSearch} autocomplete="off" />
      <${SelectField}
        id="status"
        label=${t('admin.accounts.filterStatus')}
        value=${statusChoice}
        onValue=${setStatusChoice}
        options=${[{ value: '', label: t('admin.accounts.allStatuses') }, ...STATUSES.map((value) => ({ value, label: t(`admin.accounts.status.${value}`) }))]}
      />
      <button type="submit" class="button button-secondary">${t('admin.search')}</button>
    </form>
    <h2 tabindex="-1" ref=${headingRef}>${result ? plural('admin.accounts.count', result.total) : t('common.loading')}</h2>
    ${notice.view()}
    ${result === null
      ? null
      : result.items.length === 0
        ? html`<p class="empty">${q || status ? t('admin.accounts.noMatch') : t('admin.accounts.empty')}</p>`
        : html`<ul class="item-list">
            ${result.items.map(
              (item) => html`<${AccountItem}
                key=${item.id}
                item=${item}
                self=${item.id === account.id}
                open=${open?.id === item.id ? open.panel : null}
                setOpen=${(panel) => {
                  if (panel) notice.clear();
                  setOpen(panel ? { id: item.id, panel } : null);
                }}
                onMessage=${(text) => {
                  notice.success(text);
                  headingRef.current?.focus();
                }}
                onChanged=${() => setVersion((n) => n + 1)}
              />`,
            )}
          </ul>`}
    ${result ? html`<${Pager} page=${result.page} pageSize=${result.pageSize} total=${result.total} onPage=${(next) => navigate(address(q, status, next))} />` : null}
  <//>`;
}
