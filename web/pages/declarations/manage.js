// /associations/:handle/declarations — every declaration of the association, for the
// people who manage them: filters (member, project, category, level, status, dates),
// validate, validate a part, refuse with a reason, edit, delete, validate several
// pending ones at once, declare for anyone, and export the filtered view.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { SelectField } from '../../components/Field.js';
import { AssociationFrame, plural, useAssociation } from '../members/common.js';
import { useAuthors } from './author-field.js';
import { apiFilters, DateRange, DeclarationList, readFilters, StatusFilter, useDeclarations, useNotice, writeFilters } from './list.js';
import { ExportLinks, useCatalog } from './shared.js';

const NAMES = { author: 'membre', projectId: 'projet', categoryId: 'categorie', levelId: 'niveau' };
const EMPTY = { author: '', projectId: '', categoryId: '', levelId: '', status: '', from: '', to: '', page: 1 };

/** The list's filters → the API's: the author choice splits into an account or an anonymous member. */
function queryOf(filters) {
  const { author, ...rest } = filters;
  const [type, id] = (author || '').split(':');
  return { ...rest, authorAccountId: type === 'account' ? id : '', authorAnonymousId: type === 'anonymous' ? id : '' };
}

function AuthorFilter({ association, value, onValue }) {
  const { members, anonymous } = useAuthors(association.id, true);
  return html`<${SelectField}
    id="authorFilter"
    label=${t('decl.filter.member')}
    value=${value}
    onValue=${onValue}
    options=${[
      { value: '', label: t('decl.filter.allMembers') },
      ...members.map((member) => ({ value: `account:${member.account.id}`, label: member.account.displayName })),
      ...anonymous.map((item) => ({ value: `anonymous:${item.id}`, label: t('decl.author.anonymous', { name: item.name }) })),
    ]}
  />`;
}

function CatalogFilter({ id, label, all, items, value, onValue }) {
  if (!items || items.length === 0) return null;
  return html`<${SelectField}
    id=${id}
    label=${label}
    value=${value}
    onValue=${onValue}
    options=${[{ value: '', label: all }, ...items.map((item) => ({ value: item.id, label: item.name }))]}
  />`;
}

function BulkBar({ selection, pendingIds, onValidate, busy }) {
  const count = selection.ids.size;
  const all = pendingIds.length > 0 && pendingIds.every((id) => selection.ids.has(id));
  if (pendingIds.length === 0) return null;
  return html`<div class="decl-bulk" role="group" aria-label=${t('decl.manage.bulkLabel')}>
    <div class="checkbox-row">
      <input id="selectAll" type="checkbox" checked=${all} onChange=${(event) => selection.setAll(event.currentTarget.checked ? pendingIds : [])} />
      <label for="selectAll">${t('decl.manage.selectAll')}</label>
    </div>
    <p class="muted" aria-live="polite">${plural('decl.manage.selected', count)}</p>
    <button type="button" class="button button-primary" aria-disabled=${busy || count === 0 ? 'true' : undefined} onClick=${() => !busy && count > 0 && onValidate()}>
      ${busy ? t('form.busy') : t('decl.manage.validateSelection')}
    </button>
  </div>`;
}

function ManagerList({ association, query }) {
  const [filters, setFilters] = useState(() => readFilters(query, NAMES));
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState(new Set());
  const [bulkBusy, setBulkBusy] = useState(false);
  const notice = useNotice();
  const catalog = useCatalog(association.id);
  const [result, setResult] = useDeclarations(`/associations/${association.id}/declarations`, queryOf(filters), version, notice.failure);
  useEffect(() => writeFilters(filters, NAMES), [filters]);
  // A new page or new filters: the selection only ever holds what is on screen.
  useEffect(() => setSelected(new Set()), [result?.page, JSON.stringify(filters), version]);

  const setFilter = (name, value) => setFilters((previous) => ({ ...previous, [name]: value, page: name === 'page' ? value : 1 }));
  const filtered = Object.entries(filters).some(([key, value]) => key !== 'page' && value);
  const pendingIds = (result?.items || []).filter((item) => item.status === 'pending' && item.can?.validate).map((item) => item.id);
  const selection = {
    ids: selected,
    toggle: (id, on) =>
      setSelected((previous) => {
        const next = new Set(previous);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    setAll: (ids) => setSelected(new Set(ids)),
  };

  async function validateSelection() {
    setBulkBusy(true);
    notice.clear();
    const ids = [...selected];
    try {
      await api.post(`/associations/${association.id}/declarations/validation`, { ids });
      notice.success(plural('decl.manage.bulkDone', ids.length));
      setVersion((n) => n + 1);
    } catch (error) {
      notice.failure(error);
    } finally {
      setBulkBusy(false);
    }
  }

  const listPath = window.location.pathname + window.location.search;
  const declareHref = `/declarer?association=${encodeURIComponent(association.handle)}&retour=${encodeURIComponent(listPath)}`;
  return html`<div>
    <p class="actions">
      <a class="button button-primary" href=${declareHref}><span aria-hidden="true" class="button-icon button-icon-plus"></span>${t('decl.manage.declare')}</a>
    </p>
    <form class="filters decl-filters" role="search" aria-label=${t('decl.filter.label')} onSubmit=${(event) => event.preventDefault()}>
      <${AuthorFilter} association=${association} value=${filters.author} onValue=${(value) => setFilter('author', value)} />
      <${CatalogFilter} id="projectFilter" label=${t('decl.field.project')} all=${t('decl.filter.allProjects')} items=${catalog?.projects}
        value=${filters.projectId} onValue=${(value) => setFilter('projectId', value)} />
      <${CatalogFilter} id="categoryFilter" label=${t('decl.field.category')} all=${t('decl.filter.allCategories')} items=${catalog?.categories}
        value=${filters.categoryId} onValue=${(value) => setFilter('categoryId', value)} />
      <${CatalogFilter} id="levelFilter" label=${t('decl.field.level')} all=${t('decl.filter.allLevels')} items=${catalog?.levels}
        value=${filters.levelId} onValue=${(value) => setFilter('levelId', value)} />
      <${StatusFilter} value=${filters.status} onValue=${(value) => setFilter('status', value)} />
      <${DateRange} from=${filters.from} to=${filters.to} onValue=${setFilter} />
    </form>
    <${BulkBar} selection=${selection} pendingIds=${pendingIds} onValidate=${validateSelection} busy=${bulkBusy} />
    <${DeclarationList}
      result=${result}
      setResult=${setResult}
      mode="manage"
      filtered=${filtered}
      emptyText=${t('decl.manage.empty')}
      onClear=${() => setFilters(EMPTY)}
      onPage=${(page) => setFilter('page', page)}
      notice=${notice}
      selection=${selection}
    />
    ${result && result.total > 0
      ? html`<${ExportLinks} base=${`/associations/${association.id}/declarations/export`} query=${apiFilters(queryOf(filters))} formats=${['csv', 'ods', 'json']} />`
      : null}
  </div>`;
}

export function AssociationDeclarationsPage({ params, query }) {
  const { association, failure } = useAssociation(params.handle);
  return html`<${AssociationFrame}
    handle=${params.handle}
    section="declarations"
    title=${t('decl.manage.title')}
    permission="manageDeclarations"
    association=${association}
    failure=${failure}
    render=${(loaded) => html`<${ManagerList} association=${loaded} query=${query} />`}
  />`;
}
