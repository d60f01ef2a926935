// /associations/:handle/roles — an association's roles (product.md A3): how many
// members have each, what each allows, the default one; create, edit, delete. The
// safeguards (last manager, role in use, default role) are the API's: its answers are
// shown as they come, in plain words.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { AssociationFrame, Confirm, plural, Status, useAssociation, useNotice } from './common.js';
import { permissionSummary, RoleForm } from './role-form.js';

/**
 * A role in a list, with edit and delete. Shared with the site's default roles
 * (`showCount` false there: they have no members).
 */
export function RoleItem({ role, path, open, setOpen, onSaved, onDeleted, showCount = true }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  // A new version of the item (saved, reloaded) makes an old error message stale.
  useEffect(() => setError(null), [role]);
  const textId = `role-${role.id}`;

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.del(path);
      onDeleted(role);
    } catch (failure) {
      setError(problemMessage(failure));
      setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  return html`<li class="item">
    <div class="item-text" id=${textId}>
      <strong>${role.name}</strong>
      ${role.isDefault ? html` <${Status} kind="ok">${t('roles.default')}<//>` : null}
      ${role.permissions?.manageAssociation ? html` <${Status} kind="waiting">${t('roles.managers')}<//>` : null}
      ${role.description ? html`<p class="item-meta">${role.description}</p>` : null}
      <p class="item-meta">
        ${showCount ? html`${plural('roles.memberCount', role.memberCount ?? 0)} · ` : null}${t('roles.rights')} ${permissionSummary(role.permissions)}
      </p>
    </div>
    ${open
      ? null
      : html`<div class="item-actions">
          <button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen('edit')}>${t('roles.edit')}</button>
          <button type="button" class="button button-danger-outline" aria-describedby=${textId} onClick=${() => setOpen('delete')}>
            ${t('roles.delete')}
          </button>
        </div>`}
    ${error ? html`<div class="item-panel"><${Alert}>${error}<//></div>` : null}
    ${open === 'edit'
      ? html`<div class="item-panel">
          <${RoleForm}
            role=${role}
            legend=${t('roles.editLabel', { name: role.name })}
            onCancel=${() => setOpen(null)}
            onSave=${async (body) => {
              const updated = await api.patch(path, body);
              setOpen(null);
              onSaved(updated);
            }}
          />
        </div>`
      : null}
    ${open === 'delete'
      ? html`<${Confirm}
          text=${t('roles.confirmDelete', { name: role.name })}
          yes=${t('roles.deleteYes')}
          busy=${busy}
          onYes=${remove}
          onNo=${() => setOpen(null)}
        />`
      : null}
  </li>`;
}

/**
 * List + create form for roles at `base` (an association's or the site's defaults).
 * One form open at a time, so that field ids stay unique on the page.
 */
export function RoleManager({ base, showCount = true, intro, listTitle, titleId = 'roles-title', open, setOpen }) {
  const [roles, setRoles] = useState(null);
  const notice = useNotice();
  const headingRef = useRef(null);

  async function load() {
    try {
      const data = await api.get(base);
      setRoles(data.items || []);
    } catch (error) {
      setRoles([]);
      notice.failure(error);
    }
  }

  useEffect(() => {
    load();
  }, [base]);

  // Making a role the default changes the others too: reload the list.
  async function saved(role, message) {
    notice.success(message);
    if (role.isDefault) await load();
    else setRoles((previous) => previous.map((item) => (item.id === role.id ? role : item)));
  }

  return html`<div>
    <h2 id=${titleId} tabindex="-1" ref=${headingRef}>${listTitle || t('roles.listTitle')}</h2>
    ${intro ? html`<p class="muted">${intro}</p>` : null}
    ${notice.view()}
    ${roles === null
      ? html`<p class="muted">${t('common.loading')}</p>`
      : roles.length === 0
        ? html`<p class="empty">${t('roles.empty')}</p>`
        : html`<ul class="item-list">
            ${roles.map(
              (role) => html`<${RoleItem}
                key=${role.id}
                role=${role}
                path=${`${base}/${role.id}`}
                showCount=${showCount}
                open=${open?.id === role.id ? open.panel : null}
                setOpen=${(panel) => {
                  if (panel) notice.clear();
                  setOpen(panel ? { id: role.id, panel } : null);
                }}
                onSaved=${(role) => saved(role, t('roles.saved', { name: role.name }))}
                onDeleted=${(role) => {
                  setRoles((previous) => previous.filter((item) => item.id !== role.id));
                  notice.success(t('roles.deleted', { name: role.name }));
                  headingRef.current?.focus();
                }}
              />`,
            )}
          </ul>`}
    ${open?.id === 'new'
      ? html`<div class="card">
          <h2>${t('roles.createTitle')}</h2>
          <${RoleForm}
            role=${null}
            legend=${t('roles.createTitle')}
            submitLabel=${t('roles.create')}
            onCancel=${() => setOpen(null)}
            onSave=${async (body) => {
              const created = await api.post(base, body);
              setOpen(null);
              notice.success(t('roles.created', { name: created.name }));
              if (created.isDefault) await load();
              else setRoles((previous) => [...(previous || []), created]);
              headingRef.current?.focus();
            }}
          />
        </div>`
      : open
        ? null
        : html`<p><button type="button" class="button button-primary" onClick=${() => setOpen({ id: 'new' })}>${t('roles.new')}</button></p>`}
  </div>`;
}

export function RolesPage({ params }) {
  const { association, failure } = useAssociation(params.handle);
  const [open, setOpen] = useState(null);
  return html`<${AssociationFrame}
    handle=${params.handle}
    section="roles"
    title=${t('roles.title')}
    permission="manageRoles"
    association=${association}
    failure=${failure}
    render=${(loaded) => html`<${RoleManager}
      base=${`/associations/${loaded.id}/roles`}
      intro=${t('roles.intro')}
      open=${open}
      setOpen=${setOpen}
    />`}
  />`;
}
