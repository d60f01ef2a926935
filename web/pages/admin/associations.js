// /admin/associations — the associations of the site, in three tabs: waiting for
// approval (when creation is moderated), left without a manager (their last manager
// deleted their account) and all. The admin approves, or appoints a manager by email.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDate, t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { navigate } from '../../router.js';
import { emailProblem, useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { Pager, plural, Status, useNotice } from '../members/common.js';
import { AdminFrame } from './frame.js';

// Tab in the address (French words) → status asked of the API.
const TABS = [
  { slug: 'a-valider', status: 'pending', key: 'admin.assoc.tab.pending' },
  { slug: 'sans-gestionnaire', status: 'orphaned', key: 'admin.assoc.tab.orphaned' },
  { slug: 'toutes', status: 'all', key: 'admin.assoc.tab.all' },
];

function address(tab, q, page) {
  const query = new URLSearchParams({ onglet: tab.slug });
  if (q) query.set('q', q);
  if (page > 1) query.set('page', String(page));
  return `/admin/associations?${query}`;
}

function AppointForm({ association, onDone, onCancel }) {
  const form = useForm({ email: '' });
  async function submit(values) {
    await api.post(`/admin/associations/${association.id}/managers`, { email: values.email.trim() });
    onDone(values.email.trim());
  }
  return html`<div class="item-panel">
    <form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, (v) => ({ email: emailProblem(v.email) }))} novalidate
      aria-label=${t('admin.assoc.appointLabel', { name: association.name })}>
      <${Alert}>${form.alert}<//>
      <${TextField} ...${form.bind('email')} type="email" label=${t('admin.assoc.appointEmail')} hint=${t('admin.assoc.appointHint')} autocomplete="off" required />
      <div class="actions">
        <${SubmitButton} busy=${form.busy}>${t('admin.assoc.appoint')}<//>
        <button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>
      </div>
    </form>
  </div>`;
}

function AssociationItem({ item, open, setOpen, onApproved, onAppointed }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  // A new version of the item (saved, reloaded) makes an old error message stale.
  useEffect(() => setError(null), [item]);
  const textId = `association-${item.id}`;

  async function approve() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onApproved(await api.post(`/admin/associations/${item.id}/approval`));
    } catch (failure) {
      setError(problemMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  const meta = [
    t('admin.assoc.createdOn', { date: formatDate(item.createdAt) }),
    plural('admin.assoc.members', item.memberCount ?? 0),
    plural('admin.assoc.managers', item.managerCount ?? 0),
    item.postalCode || null,
  ].filter(Boolean);
  const page = `/associations/${encodeURIComponent(item.handle)}`;

  return html`<li class="item">
    <div class="item-text" id=${textId}>
      <a href=${page}><strong>${item.name}</strong></a>
      <div>
        ${!item.isActive ? html`<${Status} kind="waiting">${t('admin.assoc.status.pending')}<//>` : null}
        ${item.managerCount === 0 ? html`<${Status} kind="bad">${t('admin.assoc.status.orphaned')}<//>` : null}
        ${item.isActive && item.managerCount !== 0 ? html`<${Status} kind="ok">${t('admin.assoc.status.active')}<//>` : null}
        ${item.isHidden ? html`<${Status} kind="off">${t('admin.assoc.status.hidden')}<//>` : null}
      </div>
      <p class="item-meta">${meta.join(' · ')}</p>
    </div>
    ${open
      ? null
      : html`<div class="item-actions">
          ${!item.isActive
            ? html`<button type="button" class="button button-primary" aria-describedby=${textId} aria-disabled=${busy ? 'true' : undefined} onClick=${approve}>
                ${busy ? t('form.busy') : t('admin.assoc.approve')}
              </button>`
            : null}
          ${item.managerCount === 0
            ? html`<button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen('appoint')}>
                ${t('admin.assoc.appointOpen')}
              </button>
              <a class="button button-quiet" href=${`${page}/parametres`} aria-describedby=${textId}>${t('admin.assoc.settings')}</a>`
            : null}
        </div>`}
    ${error ? html`<div class="item-panel"><${Alert}>${error}<//></div>` : null}
    ${open === 'appoint'
      ? html`<${AppointForm} association=${item} onCancel=${() => setOpen(null)} onDone=${(email) => {
          setOpen(null);
          onAppointed(item, email);
        }} />`
      : null}
  </li>`;
}

export function AdminAssociationsPage({ account, query }) {
  const tab = TABS.find((candidate) => candidate.slug === query.get('onglet')) || TABS[0];
  const q = query.get('q') || '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [search, setSearch] = useState(q);
  const [result, setResult] = useState(null);
  const [open, setOpen] = useState(null);
  const [version, setVersion] = useState(0);
  const notice = useNotice();
  const headingRef = useRef(null);

  useEffect(() => {
    if (!account?.isAdmin) return undefined;
    let live = true;
    const params = new URLSearchParams({ status: tab.status, page: String(page) });
    if (q) params.set('q', q);
    setResult(null);
    setOpen(null);
    api
      .get(`/admin/associations?${params}`)
      .then((data) => live && setResult(data))
      .catch((error) => {
        if (!live) return;
        setResult({ items: [], page: 1, pageSize: 20, total: 0 });
        notice.failure(error);
      });
    return () => {
      live = false;
    };
  }, [tab.status, q, page, version]);

  function approved(association) {
    notice.success(t('admin.assoc.approved', { name: association.name }));
    if (tab.status === 'pending') {
      setResult((previous) => ({ ...previous, items: previous.items.filter((item) => item.id !== association.id), total: previous.total - 1 }));
      headingRef.current?.focus();
    } else {
      setResult((previous) => ({ ...previous, items: previous.items.map((item) => (item.id === association.id ? { ...item, ...association, isActive: true } : item)) }));
    }
  }

  function appointed(association, email) {
    notice.success(t('admin.assoc.appointed', { email, name: association.name }));
    setVersion((n) => n + 1);
  }

  return html`<${AdminFrame} account=${account} title=${t('admin.nav.associations')}>
    <nav class="subnav" aria-label=${t('admin.assoc.tabsLabel')}>
      <ul>
        ${TABS.map(
          (candidate) => html`<li key=${candidate.slug}>
            <a href=${address(candidate, q, 1)} aria-current=${candidate.slug === tab.slug ? 'page' : undefined}>${t(candidate.key)}</a>
          </li>`,
        )}
      </ul>
    </nav>
    <form class="filters" role="search" onSubmit=${(event) => {
      event.preventDefault();
      navigate(address(tab, search.trim(), 1));
    }}>
      <${TextField} id="q" type="search" label=${t('admin.assoc.search')} value=${search} onValue=${setSearch} autocomplete="off" />
      <button type="submit" class="button button-secondary">${t('admin.search')}</button>
    </form>
    <h2 tabindex="-1" ref=${headingRef}>${result ? plural(`admin.assoc.count.${tab.status}`, result.total) : t('common.loading')}</h2>
    ${notice.view()}
    ${result === null
      ? null
      : result.items.length === 0
        ? html`<p class="empty">${q ? t('admin.assoc.noMatch') : t(`admin.assoc.empty.${tab.status}`)}</p>`
        : html`<ul class="item-list">
            ${result.items.map(
              (item) => html`<${AssociationItem}
                key=${item.id}
                item=${item}
                open=${open?.id === item.id ? open.panel : null}
                setOpen=${(panel) => {
                  if (panel) notice.clear();
                  setOpen(panel ? { id: item.id, panel } : null);
                }}
                onApproved=${approved}
                onAppointed=${appointed}
              />`,
            )}
          </ul>`}
    ${result ? html`<${Pager} page=${result.page} pageSize=${result.pageSize} total=${result.total} onPage=${(next) => navigate(address(tab, q, next))} />` : null}
  <//>`;
}
