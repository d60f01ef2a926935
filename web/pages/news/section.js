// The news part of an association's page: its latest news (members-only ones for its
// members, with their word), the way to all news, and for managers the way to write.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { can } from '../members/common.js';
import { NewsItems, newsApi, newsListPath } from './shared.js';

const SHOWN = 3;

export function NewsSection({ association }) {
  const [items, setItems] = useState(null);
  useEffect(() => {
    let live = true;
    api
      .get(`${newsApi(association)}?limit=${SHOWN}`)
      .then((data) => live && setItems(data.items || []))
      // The page stays useful without its news: say nothing rather than an error here.
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [association.id]);
  const manager = can(association, 'manageAssociation');
  if (items === null) return null;
  if (items.length === 0 && !manager) return null;
  return html`<section aria-labelledby="news-title" class="news-section">
    <h2 id="news-title">${t('news.sectionTitle')}</h2>
    ${items.length === 0
      ? html`<p class="empty">${t('news.emptyManager')}</p>`
      : html`<${NewsItems} association=${association} items=${items} />`}
    <p class="actions">
      <a href=${newsListPath(association)}>${t('news.seeAll')}</a>
      ${manager ? html`<a class="button button-secondary" href=${`${newsListPath(association)}?ecrire=1`}>${t('news.write')}</a>` : null}
    </p>
  </section>`;
}
