// /associations/:handle/actualites/:newsId — one news item in full; managers edit it in
// place (nothing typed is lost on an error) or delete it after a confirmation.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, ApiError, problemMessage } from '../../api.js';
import { navigate } from '../../router.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { PlainText } from '../../components/PlainText.js';
import { can, Confirm, useAssociation, useNotice } from '../members/common.js';
import { NewsDates, NewsForm, newsApi, newsListPath, VisibilityBadge } from './shared.js';

function useNewsItem(association, newsId) {
  const [state, setState] = useState({ item: null, failure: null });
  useEffect(() => {
    if (!association) return;
    let live = true;
    api
      .get(`${newsApi(association)}/${encodeURIComponent(newsId)}`)
      .then((item) => live && setState({ item, failure: null }))
      .catch((failure) => live && setState({ item: null, failure }));
    return () => {
      live = false;
    };
  }, [association?.id, newsId]);
  return [state, (item) => setState({ item, failure: null })];
}

function Manage({ association, item, onSaved }) {
  const [open, setOpen] = useState(null);
  const [busy, setBusy] = useState(false);
  const notice = useNotice();
  const path = `${newsApi(association)}/${encodeURIComponent(item.id)}`;

  async function remove() {
    setBusy(true);
    try {
      await api.del(path);
      navigate(newsListPath(association), { flash: t('news.deleted', { title: item.title }) });
    } catch (error) {
      notice.failure(error);
      setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  return html`<div class="news-manage">
    ${notice.view()}
    ${open === null
      ? html`<div class="actions">
          <button type="button" class="button button-secondary" onClick=${() => { notice.clear(); setOpen('edit'); }}>${t('news.edit')}</button>
          <button type="button" class="button button-danger-outline" onClick=${() => { notice.clear(); setOpen('delete'); }}>${t('news.delete')}</button>
        </div>`
      : null}
    ${open === 'edit'
      ? html`<section class="card" aria-labelledby="news-edit-title">
          <h2 id="news-edit-title">${t('news.editLabel', { title: item.title })}</h2>
          <${NewsForm} item=${item} label=${t('news.editLabel', { title: item.title })} submitLabel=${t('news.save')} focus=${true}
            onCancel=${() => setOpen(null)}
            onSave=${async (body) => {
              const updated = await api.patch(path, body);
              setOpen(null);
              onSaved(updated);
              notice.success(t('news.saved', { title: updated.title }));
            }} />
        </section>`
      : null}
    ${open === 'delete'
      ? html`<${Confirm} text=${t('news.confirmDelete', { title: item.title })} yes=${t('news.deleteYes')} busy=${busy} onYes=${remove} onNo=${() => setOpen(null)} />`
      : null}
  </div>`;
}

export function NewsItemPage({ params }) {
  const { association, failure: associationFailure } = useAssociation(params.handle);
  const [{ item, failure: itemFailure }, setItem] = useNewsItem(association, params.newsId);
  const failure = associationFailure || itemFailure;
  const listPath = association ? newsListPath(association) : `/associations/${encodeURIComponent(params.handle)}/actualites`;
  const title = item ? item.title : failure ? t('news.title') : t('common.loading');
  return html`<article class="news-item">
    <p>
      <a class="back-link" href=${listPath}>
        <span aria-hidden="true">←</span>${association ? t('news.back', { name: association.name }) : t('news.title')}
      </a>
    </p>
    <${PageTitle} title=${association && item ? `${item.title} · ${association.name}` : title}>${title}<//>
    ${failure
      ? html`<${Alert}>${failure instanceof ApiError && failure.status === 404 ? t('news.notFound') : problemMessage(failure)}<//>`
      : item
        ? html`<${VisibilityBadge} item=${item} />
            <${NewsDates} item=${item} />
            <div class="prose"><${PlainText} text=${item.text} /></div>
            ${can(association, 'manageAssociation') ? html`<${Manage} association=${association} item=${item} onSaved=${setItem} />` : null}`
        : html`<p class="muted" role="status">${t('common.loading')}</p>`}
  </article>`;
}
