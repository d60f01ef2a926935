// /associations/:handle/actualites — all news of an association, newest first (public
// ones for everyone, members-only ones for its members too); managers write from here.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, ApiError, problemMessage } from '../../api.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { can, useAssociation, useNotice } from '../members/common.js';
import { NewsForm, NewsItems, newsApi } from './shared.js';

const PAGE = 20;

function NewsList({ association, query }) {
  const [items, setItems] = useState(null);
  const [more, setMore] = useState(false);
  const [writing, setWriting] = useState(query.get('ecrire') === '1');
  const notice = useNotice();
  const headingRef = useRef(null);
  const manager = can(association, 'manageAssociation');

  async function load(before) {
    try {
      const data = await api.get(`${newsApi(association)}?limit=${PAGE}${before ? `&before=${encodeURIComponent(before)}` : ''}`);
      setItems((previous) => [...(before ? previous || [] : []), ...(data.items || [])]);
      setMore((data.items || []).length === PAGE);
    } catch (error) {
      setItems((previous) => previous || []);
      notice.failure(error);
    }
  }
  useEffect(() => {
    load(null);
  }, [association.id]);

  return html`<div>
    ${manager && !writing
      ? html`<p class="actions"><button type="button" class="button button-primary" onClick=${() => { notice.clear(); setWriting(true); }}>${t('news.write')}</button></p>`
      : null}
    ${manager && writing
      ? html`<section class="card" aria-labelledby="news-new-title">
          <h2 id="news-new-title">${t('news.newLabel')}</h2>
          <${NewsForm} item=${null} label=${t('news.newLabel')} submitLabel=${t('news.publish')} focus=${true}
            onCancel=${() => setWriting(false)}
            onSave=${async (body) => {
              const created = await api.post(newsApi(association), body);
              setItems((previous) => [created, ...(previous || [])]);
              setWriting(false);
              notice.success(t('news.created', { title: created.title }));
              headingRef.current?.focus();
            }} />
        </section>`
      : null}
    <h2 tabindex="-1" ref=${headingRef} class="visually-hidden">${t('news.title')}</h2>
    ${notice.view()}
    ${items === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${manager ? t('news.emptyManager') : t('news.empty')}</p>`
        : html`<${NewsItems} association=${association} items=${items} />`}
    ${more ? html`<p><button type="button" class="button button-secondary" onClick=${() => load(items.at(-1).publishedAt)}>${t('news.more')}</button></p>` : null}
  </div>`;
}

export function NewsListPage({ params, query }) {
  const { association, failure } = useAssociation(params.handle);
  const title = association ? `${t('news.title')} · ${association.name}` : t('news.title');
  return html`<section>
    <p>
      <a class="back-link" href=${`/associations/${encodeURIComponent(association?.handle || params.handle)}`}>
        <span aria-hidden="true">←</span>${association ? association.name : t('assoc.backToAssociation')}
      </a>
    </p>
    <${PageTitle} title=${title}>${t('news.title')}<//>
    ${failure
      ? html`<${Alert}>${failure instanceof ApiError && failure.status === 404 ? t('assoc.notFound.text') : problemMessage(failure)}<//>`
      : association
        ? html`<${NewsList} association=${association} query=${query} />`
        : html`<p class="muted" role="status">${t('common.loading')}</p>`}
  </section>`;
}
