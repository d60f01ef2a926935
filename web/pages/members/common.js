// Pieces shared by the pages that manage an association (members, roles, anonymous
// members, history) and by the site administration: loading the association and
// checking what the viewer may do, the sub-navigation, confirmations, statuses, paging.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { locale, t } from '../../i18n.js';
import { api, ApiError, problemMessage } from '../../api.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';

/** What the viewer may do there; « Gérer l'association » and the site admin may do all. */
export function can(association, permission) {
  const viewer = association?.viewer;
  if (!viewer) return false;
  return Boolean(viewer.isAdmin || viewer.permissions?.manageAssociation || viewer.permissions?.[permission]);
}

/** GET /associations/{handle}; `failure` is the API error when it cannot be shown. */
export function useAssociation(handle) {
  const [association, setAssociation] = useState(null);
  const [failure, setFailure] = useState(null);
  useEffect(() => {
    let live = true;
    api
      .get(`/associations/${encodeURIComponent(handle)}`)
      .then((data) => live && setAssociation(data))
      .catch((error) => live && setFailure(error));
    return () => {
      live = false;
    };
  }, [handle]);
  return { association, failure };
}

const SECTIONS = [
  { path: 'declarations', key: 'members.frame.nav.declarations', permission: 'manageDeclarations' },
  { path: 'statistiques', key: 'members.frame.nav.statistics', permission: 'manageDeclarations' },
  { path: 'attestations', key: 'att.nav', permission: 'manageDeclarations' },
  { path: 'valorisation', key: 'val.nav', permission: 'manageDeclarations' },
  { path: 'membres', key: 'members.frame.nav.members', permission: 'listMembers' },
  { path: 'roles', key: 'members.frame.nav.roles', permission: 'manageRoles' },
  { path: 'membres-anonymes', key: 'members.frame.nav.anonymous', permission: 'manageMembers' },
  { path: 'categories', key: 'members.frame.nav.categories', permission: 'manageCategories' },
  { path: 'niveaux', key: 'members.frame.nav.levels', permission: 'manageLevels' },
  { path: 'projets', key: 'members.frame.nav.projects', permission: 'manageProjects' },
  { path: 'historique', key: 'members.frame.nav.history', permission: 'manageAssociation' },
  { path: 'cec', key: 'cec.nav', permission: 'manageAssociation' },
  { path: 'parametres', key: 'members.frame.nav.settings', permission: 'manageAssociation' },
];

function SubNav({ association, current }) {
  const base = `/associations/${encodeURIComponent(association.handle)}`;
  const shown = SECTIONS.filter((section) => can(association, section.permission));
  if (shown.length < 2) return null;
  return html`<nav class="subnav" aria-label=${t('members.frame.nav.label')}>
    <ul>
      ${shown.map(
        (section) => html`<li key=${section.path}>
          <a href=${`${base}/${section.path}`} aria-current=${section.path === current ? 'page' : undefined}>${t(section.key)}</a>
        </li>`,
      )}
    </ul>
  </nav>`;
}

function failureText(failure) {
  if (failure instanceof ApiError && failure.status === 404) return t('members.frame.notFound');
  if (failure instanceof ApiError && (failure.status === 403 || failure.status === 401)) return t('members.frame.forbidden');
  return problemMessage(failure);
}

/**
 * Frame of an association's management page: back link, title, sub-navigation, then
 * `render(association)` once loaded and allowed (`permission`), or a plain message.
 */
export function AssociationFrame({ handle, section, title, permission, failure, association, render }) {
  const fullTitle = association ? `${title} · ${association.name}` : title;
  let body;
  if (failure) {
    body = html`<${Alert}>${failureText(failure)}<//>
      <p><a href="/associations">${t('members.frame.allAssociations')}</a></p>`;
  } else if (!association) {
    body = html`<p class="muted" role="status">${t('common.loading')}</p>`;
  } else if (!can(association, permission)) {
    body = html`<div class="card card-quiet"><p>${t('members.frame.forbidden')}</p></div>`;
  } else {
    body = render(association);
  }
  return html`<section>
    <p>
      <a class="back-link" href=${`/associations/${encodeURIComponent(association?.handle || handle)}`}>
        <span aria-hidden="true">←</span>${association ? association.name : t('members.frame.backToAssociation')}
      </a>
    </p>
    <${PageTitle} title=${fullTitle}>${title}<//>
    ${association && can(association, permission) ? html`<${SubNav} association=${association} current=${section} />` : null}
    ${body}
  </section>`;
}

/** A word on a coloured background: kind = ok | waiting | bad | off. */
export function Status({ kind, children }) {
  return html`<span class=${`status status-${kind}`}>${children}</span>`;
}

/**
 * Inline confirmation of a destructive action: says what happens and what is kept,
 * takes the focus so keyboard and screen-reader users land on it.
 */
export function Confirm({ text, yes, onYes, onNo, busy, children }) {
  const ref = useRef(null);
  useEffect(() => ref.current?.focus(), []);
  return html`<div class="confirm" tabindex="-1" ref=${ref} role="group" aria-label=${t('members.frame.confirmLabel')}>
    <p>${text}</p>
    ${children}
    <div class="actions">
      <button type="button" class="button button-danger" aria-disabled=${busy ? 'true' : undefined} onClick=${() => !busy && onYes()}>
        ${busy ? t('form.busy') : yes}
      </button>
      <button type="button" class="button button-quiet" onClick=${onNo}>${t('common.cancel')}</button>
    </div>
  </div>`;
}

/** « Page 2 sur 5 » with previous/next buttons; nothing when everything fits on one page. */
export function Pager({ page, pageSize, total, onPage }) {
  const pages = Math.max(1, Math.ceil((total || 0) / (pageSize || 20)));
  if (pages <= 1) return null;
  return html`<nav class="pager" aria-label=${t('members.frame.pager.label')}>
    ${page > 1
      ? html`<button type="button" class="button button-secondary" onClick=${() => onPage(page - 1)}>${t('members.frame.pager.previous')}</button>`
      : html`<span></span>`}
    <span>${t('members.frame.pager.position', { page, pages })}</span>
    ${page < pages
      ? html`<button type="button" class="button button-secondary" onClick=${() => onPage(page + 1)}>${t('members.frame.pager.next')}</button>`
      : html`<span></span>`}
  </nav>`;
}

/** Keeps list filters in the address (so a reload or a shared link keeps them) without a new page. */
export function replaceQuery(values) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== '' && value !== null && value !== undefined && !(key === 'page' && Number(value) === 1)) query.set(key, String(value));
  }
  const search = query.toString();
  window.history.replaceState(null, '', window.location.pathname + (search ? `?${search}` : ''));
}

/** A message shown after an action, kept in one place so the page can announce it. */
export function useNotice() {
  const [notice, setNotice] = useState(null);
  return {
    notice,
    success: (text) => setNotice({ kind: 'success', text }),
    failure: (error) => setNotice({ kind: 'error', text: typeof error === 'string' ? error : problemMessage(error) }),
    clear: () => setNotice(null),
    view: () => (notice ? html`<${Alert} kind=${notice.kind}>${notice.text}<//>` : null),
  };
}

/** `key.one` or `key.other` by the number (French counts 0 and 1 as singular). */
export function plural(key, n) {
  const one = locale() === 'fr-FR' ? Math.abs(n) < 2 : n === 1;
  return t(`${key}.${one ? 'one' : 'other'}`, { n: new Intl.NumberFormat(locale()).format(n) });
}

/** A calendar day (YYYY-MM-DD) in words, read as a local date (no time-zone shift). */
export function formatDay(day) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || '');
  if (!m) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** Today's date as YYYY-MM-DD in the person's time zone. */
export function todayLocal() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
