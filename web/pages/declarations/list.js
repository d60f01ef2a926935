// What both declaration lists share: filters kept in the address (French words, since
// the address is seen), loading a page of 20, the list itself with its empty state and
// pager, and the messages after an action.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { SelectField, TextField } from '../../components/Field.js';
import { Pager, plural, replaceQuery, useNotice } from '../members/common.js';
import { DeclarationItem } from './declaration-item.js';
import { filterQuery, STATUSES } from './format.js';

const STATUS_IN_URL = { 'en-attente': 'pending', validees: 'validated', refusees: 'rejected' };
const URL_OF_STATUS = Object.fromEntries(Object.entries(STATUS_IN_URL).map(([word, status]) => [status, word]));

/**
 * Filters read from the address: `names` maps a filter to its word in the address
 * (e.g. { associationId: 'association' }); status, from, to and page always exist.
 */
export function readFilters(query, names = {}) {
  const filters = {
    status: STATUS_IN_URL[query.get('statut')] || '',
    from: query.get('du') || '',
    to: query.get('au') || '',
    page: Math.max(1, Number(query.get('page')) || 1),
  };
  for (const [name, word] of Object.entries(names)) filters[name] = query.get(word) || '';
  return filters;
}

export function writeFilters(filters, names = {}) {
  const values = { statut: URL_OF_STATUS[filters.status] || '', du: filters.from, au: filters.to };
  for (const [name, word] of Object.entries(names)) values[word] = filters[name];
  values.page = filters.page;
  replaceQuery(values);
}

/** API query of the filters (without the page: exports take the same query). */
export function apiFilters(filters) {
  const { page, ...rest } = filters;
  return filterQuery(rest);
}

/** Loads the page of declarations matching `filters` from `path`; `version` reloads. */
export function useDeclarations(path, filters, version, onFailure) {
  const [result, setResult] = useState(null);
  useEffect(() => {
    let live = true;
    const query = apiFilters(filters);
    query.set('page', String(filters.page));
    setResult(null);
    api
      .get(`${path}?${query}`)
      .then((data) => live && setResult(data))
      .catch((error) => {
        if (!live) return;
        setResult({ items: [], page: 1, pageSize: 20, total: 0 });
        onFailure(error);
      });
    return () => {
      live = false;
    };
  }, [path, JSON.stringify(filters), version]);
  return [result, setResult];
}

export function StatusFilter({ value, onValue }) {
  return html`<${SelectField}
    id="statusFilter"
    label=${t('decl.filter.status')}
    value=${value}
    onValue=${onValue}
    options=${[{ value: '', label: t('decl.filter.allStatuses') }, ...STATUSES.map((status) => ({ value: status, label: t(`decl.status.${status}`) }))]}
  />`;
}

export function DateRange({ from, to, onValue }) {
  return html`<${TextField} id="from" type="date" label=${t('decl.filter.from')} value=${from} onValue=${(value) => onValue('from', value)} max=${to || undefined} />
    <${TextField} id="to" type="date" label=${t('decl.filter.to')} value=${to} onValue=${(value) => onValue('to', value)} min=${from || undefined} />`;
}

/**
 * The list with its count, messages, empty state and pager. `selection` (manager list)
 * = { ids: Set, toggle(id, on) } adds a box to the pending declarations one may validate.
 */
export function DeclarationList({ result, setResult, mode, filtered, emptyText, onClear, onPage, notice, selection, onChange }) {
  const [open, setOpen] = useState({ id: null, panel: null });
  const headingRef = useRef(null);

  function changed(updated, message) {
    setResult((previous) => ({ ...previous, items: previous.items.map((item) => (item.id === updated.id ? updated : item)) }));
    setOpen({ id: null, panel: null });
    notice.success(message);
    onChange?.();
  }

  function removed(declaration, message) {
    setResult((previous) => ({ ...previous, items: previous.items.filter((item) => item.id !== declaration.id), total: previous.total - 1 }));
    setOpen({ id: null, panel: null });
    notice.success(message);
    onChange?.();
    // The focused button left with the declaration: bring the focus back to the list.
    headingRef.current?.focus();
  }

  return html`<div class="decl-list">
    <h2 tabindex="-1" ref=${headingRef} aria-live="polite">${result ? plural('decl.count', result.total) : t('common.loading')}</h2>
    ${notice.view()}
    ${result === null
      ? null
      : result.items.length === 0
        ? html`<div class="empty">
            <p>${filtered ? t('decl.list.emptyFiltered') : emptyText}</p>
            ${filtered ? html`<button type="button" class="button button-secondary" onClick=${onClear}>${t('decl.list.clear')}</button>` : null}
          </div>`
        : html`<ul class="item-list">
            ${result.items.map(
              (declaration) => html`<${DeclarationItem}
                key=${declaration.id}
                declaration=${declaration}
                mode=${mode}
                open=${open.id === declaration.id ? open.panel : null}
                setOpen=${(panel) => {
                  if (panel) notice.clear();
                  setOpen({ id: panel ? declaration.id : null, panel });
                }}
                onChanged=${changed}
                onRemoved=${removed}
                selectable=${Boolean(selection) && declaration.status === 'pending' && declaration.can?.validate}
                selected=${selection?.ids.has(declaration.id)}
                onSelect=${(on) => selection.toggle(declaration.id, on)}
              />`,
            )}
          </ul>`}
    ${result ? html`<${Pager} page=${result.page} pageSize=${result.pageSize} total=${result.total} onPage=${onPage} />` : null}
  </div>`;
}

export { useNotice };
