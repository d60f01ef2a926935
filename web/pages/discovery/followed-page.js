// /suivies — the associations of other sites the person follows (status in words,
// « Ne plus suivre ») and the latest public news they sent, newest first, with older
// ones on demand. Remote texts are plain text (PlainText), never HTML from elsewhere.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDate, t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { PlainText } from '../../components/PlainText.js';
import { FollowStatus } from './follow-button.js';

const PAGE = 20;

function Followed({ items, onUnfollow, busy }) {
  if (items.length === 0) {
    return html`<p class="empty">${t('following.empty')} <a href="/rejoindre">${t('following.find')}</a></p>`;
  }
  return html`<ul class="item-list">
    ${items.map(
      (f) => html`<li class="item" key=${f.id}>
        <div class="item-text">
          <h3 class="news-item-title">${f.name}</h3>
          ${f.handle ? html`<p class="item-meta">@${f.handle}</p>` : null}
          <p class="assoc-status-row"><${FollowStatus} status=${f.status} /></p>
          <p><a href=${`/rejoindre?association=${encodeURIComponent(f.actor)}`}>${t('following.see')}</a></p>
        </div>
        <div class="item-actions">
          <button type="button" class="button button-secondary" disabled=${busy} onClick=${() => onUnfollow(f)}>${t('following.unfollow')}</button>
        </div>
      </li>`,
    )}
  </ul>`;
}

function NewsList({ news }) {
  if (news.length === 0) return html`<p class="empty">${t('following.noNews')}</p>`;
  return html`<ul class="item-list news-list">
    ${news.map(
      (n) => html`<li class="item" key=${n.id}>
        <div class="item-text">
          <h3 class="news-item-title">${n.title}</h3>
          <p class="item-meta">${t('following.from', { name: n.associationName })} · ${t('news.publishedOn', { date: formatDate(n.published) })}${n.updated ? html` · ${t('news.updatedOn', { date: formatDate(n.updated) })}` : null}</p>
          <${PlainText} text=${n.text} />
          ${n.url ? html`<p><a href=${n.url} rel="noopener noreferrer external">${t('discover.readOnSite')}</a></p>` : null}
        </div>
      </li>`,
    )}
  </ul>`;
}

export function FollowedPage() {
  const [state, setState] = useState({ loading: true, items: [], news: [], more: false, error: null, done: null, busy: false });

  async function load() {
    try {
      const [{ items }, { items: news }] = await Promise.all([api.get('/federation/following'), api.get(`/federation/following/news?limit=${PAGE}`)]);
      setState((s) => ({ ...s, loading: false, items, news, more: news.length === PAGE }));
    } catch (error) {
      setState((s) => ({ ...s, loading: false, error: problemMessage(error) }));
    }
  }
  useEffect(() => {
    load();
  }, []);

  async function older() {
    const last = state.news.at(-1);
    if (!last) return;
    setState((s) => ({ ...s, busy: true }));
    try {
      const { items } = await api.get(`/federation/following/news?limit=${PAGE}&before=${encodeURIComponent(last.published)}`);
      setState((s) => ({ ...s, busy: false, news: [...s.news, ...items], more: items.length === PAGE }));
    } catch (error) {
      setState((s) => ({ ...s, busy: false, error: problemMessage(error) }));
    }
  }

  async function unfollow(f) {
    if (!window.confirm(t('following.confirmUnfollow', { name: f.name }))) return;
    setState((s) => ({ ...s, busy: true, error: null, done: null }));
    try {
      await api.del(`/federation/following/${encodeURIComponent(f.id)}`);
      setState((s) => ({ ...s, busy: false, done: t('following.unfollowed') }));
      await load();
    } catch (error) {
      setState((s) => ({ ...s, busy: false, error: problemMessage(error) }));
    }
  }

  return html`<section>
    <${PageTitle} title=${t('following.title')} />
    <p class="lead">${t('following.lead')}</p>
    ${state.error ? html`<${Alert}>${state.error}<//>` : null}
    ${state.done ? html`<${Alert} kind="success">${state.done}<//>` : null}
    ${state.loading
      ? html`<p role="status" class="muted">…</p>`
      : html`<section class="card" aria-labelledby="followed-title">
            <h2 id="followed-title">${t('following.title')}</h2>
            <${Followed} items=${state.items} onUnfollow=${unfollow} busy=${state.busy} />
            ${state.items.length > 0 ? html`<p><a href="/rejoindre">${t('following.find')}</a></p>` : null}
          </section>
          <section class="card" aria-labelledby="followed-news-title">
            <h2 id="followed-news-title">${t('following.newsTitle')}</h2>
            <${NewsList} news=${state.news} />
            ${state.more ? html`<p class="actions"><button type="button" class="button button-secondary" disabled=${state.busy} onClick=${older}>${t('following.more')}</button></p>` : null}
          </section>`}
  </section>`;
}
