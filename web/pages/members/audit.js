// The audit trail in plain words (product.md A9: who, when, what changed), newest first
// with « Voir plus ». Used for one association (/associations/:handle/historique) and
// for the whole site (/admin/historique).
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDateTime, t } from '../../i18n.js';
import { api } from '../../api.js';
import { AssociationFrame, formatDay, useAssociation, useNotice } from './common.js';

// Entries asked per page (limit); a shorter answer means the end of the trail.
const PAGE = 20;

function known(key, params) {
  const text = t(key, params);
  return text === key ? null : text;
}

/** « Ada Lovelace a modifié un rôle », from the action (e.g. role.update) and target type. */
export function describe(entry) {
  const actor = entry.actor?.label || t('audit.someone');
  const specific = known(`audit.action.${entry.action}`, { actor });
  if (specific) return specific;
  const verb = String(entry.action || '').split('.').pop();
  const verbText = known(`audit.verb.${verb}`) || t('audit.verb.other');
  const target = known(`audit.target.${entry.targetType}`) || t('audit.target.other');
  return t('audit.sentence', { actor, verb: verbText, target });
}

// The server may name fields in camelCase or snake_case: both read the same here.
const camel = (field) => String(field).replace(/_([a-z])/g, (match, letter) => letter.toUpperCase());
const PERMISSION_FIELDS = ['listMembers', 'manageMembers', 'manageDeclarations', 'manageCategories', 'manageLevels', 'manageProjects', 'manageRoles', 'manageAssociation'];
const isEmpty = (value) => value === null || value === undefined || value === '';

function valueText(field, value) {
  if (isEmpty(value)) return t('audit.empty');
  const name = camel(field);
  if (value === true || value === false || ((value === 0 || value === 1) && /^(is|has|list|manage|moderate|registration|association)[A-Z]/.test(name))) {
    return value ? t('audit.yes') : t('audit.no');
  }
  const word = (name === 'status' && known(`members.status.${value}`))
    || (name === 'function' && known(`members.function.${value}`))
    || (name === 'audience' && known(`admin.announce.audience.${value}`));
  if (word) return word;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function fieldName(field) {
  const name = camel(field);
  if (PERMISSION_FIELDS.includes(name)) return t(`roles.perm.${name}`);
  return known(`audit.field.${name}`) || field;
}

/** One line per changed field: « Nom : Vélo → Vélo club », or just the value when created or deleted. */
function changeText(field, pair) {
  const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
  if (isEmpty(before) && isEmpty(after)) return null;
  const only = isEmpty(before) ? after : isEmpty(after) ? before : undefined;
  if (only !== undefined) {
    // Created or deleted: the values it had, leaving out the rights it did not have.
    if (only === false || (only === 0 && valueText(field, only) === t('audit.no'))) return null;
    return t('audit.value', { field: fieldName(field), value: valueText(field, only) });
  }
  return t('audit.change', { field: fieldName(field), before: valueText(field, before), after: valueText(field, after) });
}

function Entry({ entry }) {
  const changes = entry.changes ? Object.entries(entry.changes).map(([field, pair]) => [field, changeText(field, pair)]).filter(([, text]) => text) : [];
  return html`<li class="item">
    <div class="item-text" tabindex="-1">
      <strong>${describe(entry)}</strong>
      <p class="item-meta"><time datetime=${entry.createdAt}>${formatDateTime(entry.createdAt)}</time></p>
      ${changes.length
        ? html`<ul class="changes">
            ${changes.map(([field, text]) => html`<li key=${field}>${text}</li>`)}
          </ul>`
        : null}
    </div>
  </li>`;
}

/** `path`: the API list (…/audit); pages are asked with before=<createdAt>,<id>. */
export function AuditList({ path, emptyText }) {
  const [items, setItems] = useState(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const notice = useNotice();
  const listRef = useRef(null);

  async function load(before) {
    setBusy(true);
    try {
      const query = new URLSearchParams({ limit: String(PAGE) });
      if (before) query.set('before', `${before.createdAt},${before.id}`);
      const data = await api.get(`${path}${path.includes('?') ? '&' : '?'}${query}`);
      const batch = data.items || [];
      setItems((previous) => (before ? [...(previous || []), ...batch] : batch));
      setMore(batch.length >= PAGE);
      return batch;
    } catch (error) {
      setItems((previous) => previous || []);
      notice.failure(error);
      return [];
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    setItems(null);
    load(null);
  }, [path]);

  async function loadMore() {
    if (busy || !items?.length) return;
    const count = items.length;
    const batch = await load(items[items.length - 1]);
    // Keyboard users continue from the first new entry rather than the top.
    if (batch.length) setTimeout(() => listRef.current?.children[count]?.firstElementChild?.focus(), 0);
  }

  if (items === null) return html`<p class="muted">${t('common.loading')}</p>`;
  return html`<div>
    ${notice.view()}
    ${items.length === 0
      ? html`<p class="empty">${emptyText || t('audit.emptyList')}</p>`
      : html`<ul class="item-list" ref=${listRef}>
          ${items.map((entry) => html`<${Entry} key=${entry.id} entry=${entry} />`)}
        </ul>`}
    ${more
      ? html`<p>
          <button type="button" class="button button-secondary" aria-disabled=${busy ? 'true' : undefined} onClick=${loadMore}>
            ${busy ? t('common.loading') : t('audit.more')}
          </button>
        </p>`
      : items.length
        ? html`<p class="muted">${t('audit.end')}</p>`
        : null}
  </div>`;
}

export function AssociationAuditPage({ params }) {
  const { association, failure } = useAssociation(params.handle);
  return html`<${AssociationFrame}
    handle=${params.handle}
    section="historique"
    title=${t('audit.title')}
    permission="manageAssociation"
    association=${association}
    failure=${failure}
    render=${(loaded) => html`<p>${t('audit.intro')}</p>
      <${AuditList} path=${`/associations/${loaded.id}/audit`} emptyText=${t('audit.emptyAssociation')} />`}
  />`;
}
