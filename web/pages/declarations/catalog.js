// /associations/:handle/categories, /niveaux, /projets — the lists a declaration picks
// from (product.md A5): create, rename, describe, delete. Each category is tied to one
// of the site's default categories, which makes figures comparable between
// associations. Something already used by a declaration is marked « utilisée » and
// cannot be deleted: the page says so instead of offering a button that would fail.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { AssociationFrame, Confirm, Status, useAssociation, useNotice } from '../members/common.js';
import { TextAreaField, tooLong } from '../members/fields.js';

// kind → API path, permission, words prefix and page address.
export const KINDS = {
  category: { path: 'categories', permission: 'manageCategories', page: 'categories' },
  level: { path: 'levels', permission: 'manageLevels', page: 'niveaux' },
  project: { path: 'projects', permission: 'manageProjects', page: 'projets' },
};

/**
 * The site's default categories a category may be tied to. Read from the public list when
 * the site serves one, else the admins' list; else (a manager who is not an admin) the
 * defaults the association's own categories are tied to, named after those categories —
 * new associations get a copy of each default, so they are all there in practice.
 */
function useDefaultCategories(enabled, categories) {
  const [defaults, setDefaults] = useState(null);
  useEffect(() => {
    if (!enabled) return;
    api
      .get('/default-categories')
      .catch(() => api.get('/admin/default-categories'))
      .then((data) => setDefaults(data.items || []))
      .catch(() => setDefaults([]));
  }, [enabled]);
  if (!enabled) return [];
  if (defaults && defaults.length > 0) return defaults;
  const derived = new Map();
  for (const category of categories || []) {
    if (category.defaultCategoryId && !derived.has(category.defaultCategoryId)) {
      derived.set(category.defaultCategoryId, { id: category.defaultCategoryId, name: category.name });
    }
  }
  return [...derived.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function ItemForm({ kind, item, defaults, label, submitLabel, onSave, onCancel }) {
  const ref = useRef(null);
  useEffect(() => ref.current?.querySelector('input')?.focus(), []);
  const withDefault = kind === 'category' && defaults.length > 0;
  const form = useForm({
    name: item?.name || '',
    description: item?.description || '',
    defaultCategoryId: item?.defaultCategoryId || defaults[0]?.id || '',
  });
  async function submit(values) {
    const body = { name: values.name.trim(), description: values.description.trim() || null };
    if (withDefault) body.defaultCategoryId = values.defaultCategoryId;
    await onSave(body);
  }
  const validate = (values) => ({
    name: !values.name.trim() ? t('catalog.nameRequired') : tooLong(values.name, 100),
    description: tooLong(values.description, 1000),
  });
  return html`<div class="item-panel" ref=${ref}>
    <form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate aria-label=${label}>
      <${Alert}>${form.alert}<//>
      <${TextField} ...${form.bind('name')} label=${t('catalog.name')} hint=${t(`catalog.${kind}.nameHint`)} maxlength="100" autocomplete="off" required />
      <${TextAreaField} ...${form.bind('description')} label=${t('catalog.description')} optional rows="3" maxlength="1000" />
      ${withDefault
        ? html`<${SelectField}
            ...${form.bind('defaultCategoryId')}
            label=${t('catalog.default')}
            hint=${t('catalog.defaultHint')}
            options=${defaults.map((entry) => ({ value: entry.id, label: entry.name }))}
          />`
        : null}
      <div class="actions">
        <${SubmitButton} busy=${form.busy}>${submitLabel}<//>
        <button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>
      </div>
    </form>
  </div>`;
}

function Item({ kind, item, base, defaults, open, setOpen, onSaved, onDeleted }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => setError(null), [item]);
  const textId = `${kind}-${item.id}`;
  const tiedTo = kind === 'category' ? defaults.find((entry) => entry.id === item.defaultCategoryId) : null;

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.del(`${base}/${item.id}`);
      onDeleted(item);
    } catch (failure) {
      setError(problemMessage(failure));
      setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  return html`<li class="item">
    <div class="item-text" id=${textId}>
      <strong>${item.name}</strong>
      ${item.inUse ? html` <${Status} kind="ok">${t('catalog.inUse')}<//>` : null}
      ${item.description ? html`<p class="item-meta">${item.description}</p>` : null}
      ${tiedTo && tiedTo.name !== item.name ? html`<p class="item-meta">${t('catalog.tiedTo', { name: tiedTo.name })}</p>` : null}
      ${item.inUse ? html`<p class="item-meta">${t(`catalog.${kind}.inUseText`)}</p>` : null}
    </div>
    ${open
      ? null
      : html`<div class="item-actions">
          <button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen('edit')}>${t('catalog.edit')}</button>
          ${item.inUse
            ? null
            : html`<button type="button" class="button button-danger-outline" aria-describedby=${textId} onClick=${() => setOpen('delete')}>
                ${t('catalog.delete')}
              </button>`}
        </div>`}
    ${error ? html`<div class="item-panel"><${Alert}>${error}<//></div>` : null}
    ${open === 'edit'
      ? html`<${ItemForm} kind=${kind} item=${item} defaults=${defaults} label=${t('catalog.editLabel', { name: item.name })}
          submitLabel=${t('members.frame.save')} onCancel=${() => setOpen(null)}
          onSave=${async (body) => onSaved(await api.patch(`${base}/${item.id}`, body))} />`
      : null}
    ${open === 'delete'
      ? html`<${Confirm} text=${t(`catalog.${kind}.confirmDelete`, { name: item.name })} yes=${t('catalog.deleteYes')}
          busy=${busy} onYes=${remove} onNo=${() => setOpen(null)} />`
      : null}
  </li>`;
}

function CatalogList({ kind, association }) {
  const base = `/associations/${association.id}/${KINDS[kind].path}`;
  const [items, setItems] = useState(null);
  const [open, setOpenState] = useState(null);
  const notice = useNotice();
  const headingRef = useRef(null);
  const defaults = useDefaultCategories(kind === 'category', items);

  useEffect(() => {
    api
      .get(base)
      .then((data) => setItems(data.items || []))
      .catch((error) => {
        setItems([]);
        notice.failure(error);
      });
  }, [base]);

  const setOpen = (id, panel) => {
    if (panel) notice.clear();
    setOpenState(panel ? { id, panel } : null);
  };

  function done(message) {
    setOpenState(null);
    notice.success(message);
    headingRef.current?.focus();
  }

  return html`<div>
    <p>${t(`catalog.${kind}.intro`)}</p>
    <h2 tabindex="-1" ref=${headingRef}>${t(`catalog.${kind}.listTitle`)}</h2>
    ${notice.view()}
    ${items === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${t(`catalog.${kind}.empty`)}</p>`
        : html`<ul class="item-list">
            ${items.map(
              (item) => html`<${Item}
                key=${item.id}
                kind=${kind}
                item=${item}
                base=${base}
                defaults=${defaults}
                open=${open?.id === item.id ? open.panel : null}
                setOpen=${(panel) => setOpen(item.id, panel)}
                onSaved=${(updated) => {
                  setItems((previous) => previous.map((entry) => (entry.id === updated.id ? updated : entry)));
                  done(t('catalog.saved', { name: updated.name }));
                }}
                onDeleted=${(gone) => {
                  setItems((previous) => previous.filter((entry) => entry.id !== gone.id));
                  done(t('catalog.deleted', { name: gone.name }));
                }}
              />`,
            )}
          </ul>`}
    ${open?.id === 'new'
      ? html`<${ItemForm} kind=${kind} item=${null} defaults=${defaults} label=${t(`catalog.${kind}.new`)}
          submitLabel=${t(`catalog.${kind}.create`)} onCancel=${() => setOpenState(null)}
          onSave=${async (body) => {
            const created = await api.post(base, body);
            setItems((previous) => [...(previous || []), created]);
            done(t('catalog.created', { name: created.name }));
          }} />`
      : open
        ? null
        : html`<p><button type="button" class="button button-primary" onClick=${() => setOpen('new', 'new')}>${t(`catalog.${kind}.new`)}</button></p>`}
  </div>`;
}

export function CatalogPage({ params, kind }) {
  const { association, failure } = useAssociation(params.handle);
  return html`<${AssociationFrame}
    handle=${params.handle}
    section=${KINDS[kind].page}
    title=${t(`catalog.${kind}.title`)}
    permission=${KINDS[kind].permission}
    association=${association}
    failure=${failure}
    render=${(loaded) => html`<${CatalogList} kind=${kind} association=${loaded} />`}
  />`;
}
