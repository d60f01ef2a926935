// /associations/:handle/membres — the member list (product.md A3): filters by role and
// « en attente », requests waiting for an answer first, 20 per page.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { SelectField } from '../../components/Field.js';
import { AssociationFrame, can, Pager, plural, replaceQuery, useAssociation, useNotice } from './common.js';
import { MemberItem } from './member-item.js';

// In the address: statut=en-attente | actifs (French words, the address is seen).
const STATUS_IN_URL = { 'en-attente': 'pending', actifs: 'active' };
const URL_OF_STATUS = { pending: 'en-attente', active: 'actifs' };

function MemberList({ association, query }) {
  const [filters, setFilters] = useState({
    role: query.get('role') || '',
    status: STATUS_IN_URL[query.get('statut')] || '',
    page: Math.max(1, Number(query.get('page')) || 1),
  });
  const [roles, setRoles] = useState([]);
  const [result, setResult] = useState(null);
  const [open, setOpen] = useState({ id: null, panel: null });
  const notice = useNotice();
  const headingRef = useRef(null);
  const canManage = can(association, 'manageMembers');

  useEffect(() => {
    api
      .get(`/associations/${association.id}/roles`)
      .then((data) => setRoles(data.items || []))
      .catch(() => setRoles([]));
  }, [association.id]);

  useEffect(() => {
    let live = true;
    replaceQuery({ role: filters.role, statut: URL_OF_STATUS[filters.status] || '', page: filters.page });
    const params = new URLSearchParams();
    if (filters.role) params.set('role', filters.role);
    if (filters.status) params.set('status', filters.status);
    params.set('page', String(filters.page));
    setResult(null);
    api
      .get(`/associations/${association.id}/members?${params}`)
      .then((data) => live && setResult(data))
      .catch((error) => {
        if (!live) return;
        setResult({ items: [], page: 1, pageSize: 20, total: 0 });
        notice.failure(error);
      });
    return () => {
      live = false;
    };
  }, [association.id, filters.role, filters.status, filters.page]);

  const setFilter = (name, value) => setFilters((previous) => ({ ...previous, [name]: value, page: name === 'page' ? value : 1 }));

  function changed(updated, message) {
    setResult((previous) => ({ ...previous, items: previous.items.map((item) => (item.id === updated.id ? updated : item)) }));
    notice.success(message);
  }

  function removed(member, message) {
    setResult((previous) => ({ ...previous, items: previous.items.filter((item) => item.id !== member.id), total: previous.total - 1 }));
    setOpen({ id: null, panel: null });
    notice.success(message);
    // The focused button left with the member: bring the focus back to the list.
    headingRef.current?.focus();
  }

  const filtered = Boolean(filters.role || filters.status);
  const emptyText = filters.status === 'pending' && !filters.role ? t('members.emptyPending') : filtered ? t('members.emptyFiltered') : t('members.empty');

  return html`<div>
    <form class="filters" role="search" aria-label=${t('members.filtersLabel')} onSubmit=${(event) => event.preventDefault()}>
      <${SelectField}
        id="role"
        label=${t('members.filterRole')}
        value=${filters.role}
        onValue=${(value) => setFilter('role', value)}
        options=${[{ value: '', label: t('members.allRoles') }, ...roles.map((role) => ({ value: role.id, label: role.name }))]}
      />
      <${SelectField}
        id="status"
        label=${t('members.filterStatus')}
        value=${filters.status}
        onValue=${(value) => setFilter('status', value)}
        options=${[
          { value: '', label: t('members.allStatuses') },
          { value: 'pending', label: t('members.status.pending') },
          { value: 'active', label: t('members.status.active') },
        ]}
      />
    </form>
    <h2 tabindex="-1" ref=${headingRef} aria-live="polite">
      ${result ? plural('members.count', result.total) : t('common.loading')}
    </h2>
    ${notice.view()}
    ${result === null
      ? null
      : result.items.length === 0
        ? html`<div class="empty">
            <p>${emptyText}</p>
            ${filtered
              ? html`<button type="button" class="button button-secondary" onClick=${() => setFilters({ role: '', status: '', page: 1 })}>
                  ${t('members.clearFilters')}
                </button>`
              : null}
          </div>`
        : html`<ul class="item-list">
            ${result.items.map(
              (member) => html`<${MemberItem}
                key=${member.id}
                member=${member}
                association=${association}
                roles=${roles}
                canManage=${canManage}
                open=${open.id === member.id ? open.panel : null}
                setOpen=${(panel) => {
                  if (panel) notice.clear();
                  setOpen({ id: panel ? member.id : null, panel });
                }}
                onChanged=${changed}
                onRemoved=${removed}
              />`,
            )}
          </ul>`}
    ${result ? html`<${Pager} page=${result.page} pageSize=${result.pageSize} total=${result.total} onPage=${(page) => setFilter('page', page)} />` : null}
    ${canManage
      ? html`<p class="muted">
          ${t('members.anonymousHint')} <a href=${`/associations/${encodeURIComponent(association.handle)}/membres-anonymes`}>${t('members.anonymousLink')}</a>
        </p>`
      : null}
  </div>`;
}

export function MembersPage({ params, query }) {
  const { association, failure } = useAssociation(params.handle);
  return html`<${AssociationFrame}
    handle=${params.handle}
    section="membres"
    title=${t('members.title')}
    permission="listMembers"
    association=${association}
    failure=${failure}
    render=${(loaded) => html`<${MemberList} association=${loaded} query=${query} />`}
  />`;
}
