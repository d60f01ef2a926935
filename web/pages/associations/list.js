// « Associations »: every association this person may see, by name, 20 a page, with a
// search by name. The search and the page number live in the address (?q=…&page=…) so
// that the back button and a shared link give the same list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { navigate, takeFocusRequest } from '../../router.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { AssociationCard, canCreate, useInstance } from './shared.js';

function listUrl(q, page) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/associations?${search}` : '/associations';
}

function Pagination({ q, page, pageSize, total }) {
  const pages = Math.max(1, Math.ceil(total / (pageSize || 20)));
  if (pages <= 1) return null;
  return html`<nav class="pagination" aria-label=${t('assoc.list.pagination')}>
    ${page > 1
      ? html`<a class="button button-secondary" href=${listUrl(q, page - 1)} rel="prev">${t('assoc.list.previous')}</a>`
      : null}
    <p class="pagination-where">${t('assoc.list.pageOf', { page, pages })}</p>
    ${page < pages
      ? html`<a class="button button-secondary" href=${listUrl(q, page + 1)} rel="next">${t('assoc.list.next')}</a>`
      : null}
  </nav>`;
}

function EmptyState({ q, creationOpen }) {
  return html`<div class="empty">
    <p>${q ? t('assoc.list.emptySearch', { q }) : t('assoc.list.empty')}</p>
    ${q ? html`<p><a href="/associations">${t('assoc.list.showAll')}</a></p>` : null}
    ${creationOpen ? html`<p>${t('assoc.list.emptyCreate')} <a href="/associations/nouvelle">${t('assoc.list.create')}</a></p>` : null}
  </div>`;
}

export function AssociationsPage({ query, account }) {
  const q = (query.get('q') || '').trim();
  const page = Math.max(1, Number.parseInt(query.get('page') || '1', 10) || 1);
  const instance = useInstance();
  const creationOpen = canCreate(instance, account);
  const [search, setSearch] = useState(q);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const countRef = useRef(null);

  // The field follows the address when the person goes back or forward.
  useEffect(() => setSearch(q), [q]);

  useEffect(() => {
    let alive = true;
    setError(null);
    const params = new URLSearchParams({ page: String(page) });
    if (q) params.set('q', q);
    api
      .get(`/associations?${params}`)
      .then((data) => {
        if (!alive) return;
        setResult(data);
        // A new search or page keeps the same heading: bring the focus to the number of
        // results instead, so screen readers say what changed (the clicked link may be gone).
        if (takeFocusRequest()) setTimeout(() => countRef.current?.focus(), 0);
      })
      .catch((failure) => alive && setError(problemMessage(failure)));
    return () => {
      alive = false;
    };
  }, [q, page]);

  function onSubmit(event) {
    event.preventDefault();
    navigate(listUrl(search.trim(), 1));
  }

  const items = result?.items || [];
  return html`<section class="assoc-list-page">
    <${PageTitle} title=${t('assoc.list.title')} />
    <p class="lead">${t('assoc.list.lead')}</p>

    <form role="search" class="search-form" onSubmit=${onSubmit} aria-label=${t('assoc.list.searchLabel')}>
      <div class="field">
        <label for="q">${t('assoc.list.searchLabel')}</label>
        <div class="search-row">
          <input id="q" name="q" type="search" value=${search} onInput=${(event) => setSearch(event.currentTarget.value)} autocomplete="off" />
          <button type="submit" class="button button-primary">${t('assoc.list.searchButton')}</button>
        </div>
      </div>
    </form>

    ${creationOpen
      ? html`<p class="actions"><a class="button button-secondary" href="/associations/nouvelle">
          <span aria-hidden="true" class="button-icon button-icon-plus"></span>${t('assoc.list.create')}
        </a></p>`
      : null}

    ${error ? html`<${Alert}>${error}<//>` : null}
    <p role="status" class="muted result-count" tabindex="-1" ref=${countRef}>
      ${result === null
        ? t('common.loading')
        : q
          ? t(result.total === 1 ? 'assoc.list.foundOne' : 'assoc.list.found', { n: result.total, q })
          : t(result.total === 1 ? 'assoc.list.countOne' : 'assoc.list.count', { n: result.total })}
    </p>
    ${result !== null && items.length === 0 ? html`<${EmptyState} q=${q} creationOpen=${creationOpen} />` : null}
    ${items.length > 0
      ? html`<ul class="assoc-list">
          ${items.map((association) => html`<${AssociationCard} key=${association.id} association=${association} />`)}
        </ul>`
      : null}
    ${result ? html`<${Pagination} q=${q} page=${result.page || page} pageSize=${result.pageSize} total=${result.total} />` : null}
  </section>`;
}
