// Loading what the declaration pages need: who is declaring (an account and its
// associations, or an anonymous member through their link), an association's
// categories, levels and projects, and the category used last (remembered per
// association in this browser, so the form starts with it).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, ApiError, inLanguage, setCsrfToken } from '../../api.js';
import { navigate } from '../../router.js';

const LAST_CATEGORY = 'benevalibre.lastCategory.';

export function rememberedCategory(associationId) {
  try {
    return window.localStorage.getItem(LAST_CATEGORY + associationId) || '';
  } catch {
    return '';
  }
}

export function rememberCategory(associationId, categoryId) {
  try {
    window.localStorage.setItem(LAST_CATEGORY + associationId, categoryId);
  } catch {
    // Private browsing: the form then simply starts without a category.
  }
}

/**
 * Who declares here. For an account: the associations where the person is an active
 * member; for an anonymous member (no account, opened their link): their one
 * association. state: loading | account | anonymous | none.
 */
export function useDeclarer(account) {
  const [state, setState] = useState({ kind: 'loading', associations: [], anonymous: null });
  useEffect(() => {
    let live = true;
    async function load() {
      if (account) {
        const data = await api.get('/me/associations');
        const associations = (data.items || [])
          .filter((item) => item.membership.status === 'active' && item.association.isActive)
          .map((item) => ({ ...item.association, permissions: item.permissions }));
        return { kind: 'account', associations, anonymous: null };
      }
      try {
        const session = await api.get('/anonymous-session');
        setCsrfToken(session.csrfToken);
        return { kind: 'anonymous', associations: [session.association], anonymous: session.anonymousMember };
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return { kind: 'none', associations: [], anonymous: null };
        throw error;
      }
    }
    load()
      .then((value) => live && setState(value))
      .catch((error) => live && setState({ kind: 'error', associations: [], anonymous: null, error }));
    return () => {
      live = false;
    };
  }, [account?.id]);
  return state;
}

/** Neither an account nor an anonymous link: to the login page, then back here. */
export function LoginFirst() {
  useEffect(() => {
    const back = window.location.pathname + window.location.search;
    navigate(`/connexion?retour=${encodeURIComponent(back)}`, { replace: true, flash: t('auth.loginFirst') });
  }, []);
  return null;
}

/** An association with its time zone, moderation and the viewer's rights (GET /associations/{id}). */
export function useFullAssociation(id) {
  const [state, setState] = useState({ association: null, error: null });
  useEffect(() => {
    if (!id) {
      setState({ association: null, error: null });
      return undefined;
    }
    let live = true;
    api
      .get(`/associations/${encodeURIComponent(id)}`)
      .then((association) => live && setState({ association, error: null }))
      .catch((error) => live && setState({ association: null, error }));
    return () => {
      live = false;
    };
  }, [id]);
  return state;
}

/** Categories, levels and projects of an association (each list [] when it has none). */
export function useCatalog(associationId, version = 0) {
  const [catalog, setCatalog] = useState(null);
  useEffect(() => {
    if (!associationId) {
      setCatalog(null);
      return undefined;
    }
    let live = true;
    setCatalog(null);
    const base = `/associations/${associationId}`;
    // A list the person may not read (or not served yet) counts as empty, so the form
    // still opens; the category list is the one that must load.
    const optional = (path) => api.get(path).then((data) => data.items || []).catch(() => []);
    Promise.all([api.get(`${base}/categories`).then((data) => data.items || []), optional(`${base}/levels`), optional(`${base}/projects`)])
      .then(([categories, levels, projects]) => live && setCatalog({ categories, levels, projects, error: null }))
      .catch((error) => live && setCatalog({ categories: [], levels: [], projects: [], error }));
    return () => {
      live = false;
    };
  }, [associationId, version]);
  return catalog;
}

/** The viewer may manage the declarations of this association (approve, edit, for others). */
export function canModerate(association) {
  const viewer = association?.viewer;
  return Boolean(viewer && (viewer.isAdmin || viewer.permissions?.manageAssociation || viewer.permissions?.manageDeclarations));
}

/** Links to the file exports of a list, with its current filters (plain links: the browser shows the download). */
export function ExportLinks({ base, query, formats = ['csv', 'ods'] }) {
  return html`<div class="decl-exports">
    <p class="decl-exports-title" id="exports-title">${t('decl.export.title')}</p>
    <ul class="decl-exports-list" aria-labelledby="exports-title">
      ${formats.map((format) => {
        const params = new URLSearchParams(query);
        params.set('format', format);
        return html`<li key=${format}>
          <a class="button button-secondary" href=${inLanguage(`/api/v1${base}?${params}`)} download="">
            ${t(`decl.export.${format}`)}
          </a>
        </li>`;
      })}
    </ul>
    <p class="hint">${t('decl.export.hint')}</p>
  </div>`;
}
