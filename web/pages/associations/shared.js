// Pieces shared by the association pages: logo (or initials), status words, loading
// an association by its address, the site's facts (is creation open?), list cards.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { locale, t } from '../../i18n.js';
import { api, ApiError, problemMessage } from '../../api.js';
import { Alert } from '../../components/Alert.js';

// Small words skipped when making initials: « Association des amis de la forêt » → AA, not AD.
const SMALL_WORDS = new Set(['de', 'des', 'du', 'la', 'le', 'les', 'l', 'd', 'et', 'a', 'au', 'aux', 'en', 'the', 'of', 'and']);

export function associationInitials(name) {
  const words = String(name || '')
    .split(/[\s'’\-–.,&()/]+/)
    .filter(Boolean);
  const kept = words.filter((word) => !SMALL_WORDS.has(word.toLocaleLowerCase('fr')));
  const letters = (kept.length ? kept : words).slice(0, 2).map((word) => [...word][0].toLocaleUpperCase('fr'));
  return letters.join('') || '?';
}

// A stable colour per association (same eight tested colours as people's avatars).
function colourOf(id) {
  let sum = 0;
  for (const char of String(id || '')) sum = (sum + char.charCodeAt(0)) % 8;
  return sum;
}

/** Logo of the association, or its initials on a colour. Decorative: the name is always written next to it. */
export function AssociationLogo({ association, size = 'md' }) {
  if (association.logoUrl) {
    return html`<img class=${`assoc-logo assoc-logo-${size}`} src=${association.logoUrl} alt="" width="256" height="256" />`;
  }
  return html`<span class=${`assoc-logo assoc-logo-${size} assoc-logo-initials avatar-c${colourOf(association.id)}`} aria-hidden="true"
    >${associationInitials(association.name)}</span
  >`;
}

/** A status in words and colour (ux.md: never colour alone). kind: waiting | ok | info. */
export function Status({ kind = 'info', children }) {
  return html`<span class=${`assoc-status assoc-status-${kind}`}><span class="assoc-status-icon" aria-hidden="true"></span>${children}</span>`;
}

/** Statuses of the association itself: awaiting the site's approval, hidden from lists. */
export function AssociationStatuses({ association }) {
  const items = [];
  if (!association.isActive) items.push(html`<${Status} kind="waiting">${t('assoc.status.inactive')}<//>`);
  if (association.isHidden) items.push(html`<${Status} kind="info">${t('assoc.status.hidden')}<//>`);
  if (items.length === 0) return null;
  return html`<p class="assoc-status-row">${items}</p>`;
}

/** Where the association is, in words: « 21000, France ». */
export function placeOf(association) {
  let country = association.country;
  try {
    country = new Intl.DisplayNames([locale()], { type: 'region' }).of(association.country) || country;
  } catch {
    // Unknown code: show it as it is.
  }
  return [association.postalCode, country].filter(Boolean).join(', ');
}

export function memberCountText(count) {
  return count === 1 ? t('assoc.members.one') : t('assoc.members.many', { n: count ?? 0 });
}

/** One association in a list: logo, name (the link), activity field, place, number of members. */
export function AssociationCard({ association, headingLevel = 2 }) {
  const heading = headingLevel === 3 ? 'h3' : 'h2';
  return html`<li class="assoc-card">
    <${AssociationLogo} association=${association} />
    <div class="assoc-card-text">
      <${heading} class="assoc-card-title">
        <a href=${`/associations/${encodeURIComponent(association.handle)}`}>${association.name}</a>
      <//>
      ${association.activityField ? html`<p class="muted assoc-card-line">${association.activityField.name}</p>` : null}
      <p class="muted assoc-card-line">${[placeOf(association), memberCountText(association.memberCount)].filter(Boolean).join(' · ')}</p>
      <${AssociationStatuses} association=${association} />
    </div>
  </li>`;
}

// The site's facts change rarely: one request per page load is enough.
let instancePromise = null;

/** GET /instance (is creation open? moderated?), or null while loading or when it failed. */
export function useInstance() {
  const [instance, setInstance] = useState(null);
  useEffect(() => {
    if (!instancePromise) {
      instancePromise = api.get('/instance').catch((error) => {
        instancePromise = null;
        throw error;
      });
    }
    let alive = true;
    instancePromise.then((data) => alive && setInstance(data)).catch((error) => console.warn('Site facts not loaded', error));
    return () => {
      alive = false;
    };
  }, []);
  return instance;
}

/** True when this person may create an association: creation open on the site, or the admin. */
export function canCreate(instance, account) {
  if (account?.isAdmin) return true;
  return Boolean(instance?.associationCreationOpen);
}

/**
 * Loads an association by its address (or id). status: loading | ready | notFound | error.
 * `reload` returns the fresh association, or null when it can no longer be seen.
 */
export function useAssociation(ref) {
  const [state, setState] = useState({ status: 'loading', association: null, error: null });
  const reload = useCallback(async () => {
    try {
      const association = await api.get(`/associations/${encodeURIComponent(ref)}`);
      setState({ status: 'ready', association, error: null });
      return association;
    } catch (error) {
      const notFound = error instanceof ApiError && (error.status === 404 || error.status === 403);
      setState({ status: notFound ? 'notFound' : 'error', association: null, error });
      return null;
    }
  }, [ref]);
  useEffect(() => {
    reload();
  }, [reload]);
  const replace = useCallback((association) => setState({ status: 'ready', association, error: null }), []);
  return { ...state, reload, replace };
}

/** What to show instead of the page while the association loads or when it cannot be seen. */
export function LoadState({ state }) {
  if (state.status === 'loading') return html`<p role="status" class="muted">${t('common.loading')}</p>`;
  if (state.status === 'notFound') {
    return html`<p>${t('assoc.notFound.text')}</p>
      <p><a class="button button-primary" href="/associations">${t('assoc.backToList')}</a></p>`;
  }
  return html`<${Alert}>${problemMessage(state.error)}<//>`;
}

export function titleFor(state) {
  if (state.status === 'ready') return state.association.name;
  if (state.status === 'notFound') return t('assoc.notFound.title');
  if (state.status === 'error') return t('assoc.error.title');
  return t('common.loading');
}

/** May this person change the association's settings? */
export function canManage(association) {
  return Boolean(association?.viewer?.permissions?.manageAssociation || association?.viewer?.isAdmin);
}

export const associationPath = (association, rest = '') => `/associations/${encodeURIComponent(association.handle)}${rest}`;
