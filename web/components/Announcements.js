// Announcements of the site's administrators (product.md A9), at the top of every page
// while they are active. Each can be hidden for the rest of the visit (kept in
// sessionStorage: it comes back in a new browser session). Reloaded when someone logs
// in or out, since some are only for association managers.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { PlainText } from './PlainText.js';

const HIDDEN_KEY = 'benevalibre.hiddenAnnouncements';
const listeners = new Set();

/** Asks every banner on the page to load the announcements again (after an admin's change). */
export function refreshAnnouncements() {
  for (const listener of listeners) listener();
}

function readHidden() {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(HIDDEN_KEY) || '[]');
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function writeHidden(ids) {
  try {
    window.sessionStorage.setItem(HIDDEN_KEY, JSON.stringify(ids));
  } catch {
    // Private modes may refuse storage: hidden until the page is reloaded.
  }
}

export function Announcements({ account }) {
  const [items, setItems] = useState([]);
  const [hidden, setHidden] = useState(readHidden);
  const [version, setVersion] = useState(0);
  const who = account ? account.id : '';

  useEffect(() => {
    const listener = () => setVersion((n) => n + 1);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);

  useEffect(() => {
    let live = true;
    api
      .get('/announcements')
      .then((data) => live && setItems(Array.isArray(data?.items) ? data.items : []))
      // A banner that cannot load must never get in the way of the page.
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [who, version]);

  const shown = items.filter((item) => !hidden.includes(item.id));
  if (shown.length === 0) return null;

  function hide(id) {
    const next = [...hidden, id];
    setHidden(next);
    writeHidden(next);
    // The focused button is gone: continue from the page's main content.
    document.getElementById('contenu')?.focus();
  }

  return html`<section class="container announcements" aria-label=${t('banner.label')}>
    ${shown.map(
      (item) => html`<div key=${item.id} class="announcement" data-testid="announcement">
        <div class="announcement-body">
          <p><strong>${item.title}</strong></p>
          <${PlainText} text=${item.content} />
        </div>
        <button type="button" class="button button-quiet" onClick=${() => hide(item.id)}>
          ${t('banner.hide')}<span class="visually-hidden"> : ${item.title}</span>
        </button>
      </div>`,
    )}
  </section>`;
}
