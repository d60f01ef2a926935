// /admin/valeurs-par-defaut — the categories, levels and roles copied into every new
// association (product.md A9). Changing them never touches existing associations.
// One form is open at a time on the page, so that field ids stay unique.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { Confirm, useNotice } from '../members/common.js';
import { TextAreaField, tooLong } from '../members/fields.js';
import { RoleManager } from '../members/roles.js';
import { AdminFrame } from './frame.js';

function ItemForm({ kind, item, references, label, submitLabel, onSave, onCancel }) {
  const withReference = kind === 'category';
  const form = useForm({
    name: item?.name || '',
    description: item?.description || '',
    ...(withReference ? { referenceCode: item?.referenceCode || references[0]?.code || '' } : {}),
  });
  async function submit(values) {
    await onSave({
      name: values.name.trim(),
      description: values.description.trim() || null,
      ...(withReference ? { referenceCode: values.referenceCode } : {}),
    });
  }
  const validate = (values) => ({
    name: !values.name.trim() ? t('admin.defaults.nameRequired') : tooLong(values.name, 60),
    description: tooLong(values.description, 500),
    referenceCode: withReference && !values.referenceCode ? t('admin.defaults.referenceRequired') : null,
  });
  return html`<form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate aria-label=${label}>
    <${Alert}>${form.alert}<//>
    <${TextField} ...${form.bind('name')} label=${t('admin.defaults.name')} autocomplete="off" required />
    <${TextAreaField} ...${form.bind('description')} label=${t('admin.defaults.description')} optional rows="3" />
    ${withReference
      ? html`<${SelectField}
          ...${form.bind('referenceCode')}
          label=${t('admin.defaults.reference')}
          hint=${t('admin.defaults.referenceHint')}
          options=${references.map((reference) => ({ value: reference.code, label: reference.name }))}
        />`
      : null}
    <div class="actions">
      <${SubmitButton} busy=${form.busy}>${submitLabel}<//>
      <button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>
    </div>
  </form>`;
}

function Item({ kind, item, base, references, open, setOpen, onSaved, onDeleted }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  // A new version of the item (saved, reloaded) makes an old error message stale.
  useEffect(() => setError(null), [item]);
  const textId = `${kind}-${item.id}`;
  const reference = kind === 'category' ? references.find((r) => r.code === item.referenceCode) : null;

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
      ${item.description ? html`<p class="item-meta">${item.description}</p>` : null}
      ${kind === 'category' ? html`<p class="item-meta">${t('admin.defaults.referenceIs', { name: reference?.name || item.referenceCode || '—' })}</p>` : null}
    </div>
    ${open
      ? null
      : html`<div class="item-actions">
          <button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen('edit')}>${t('admin.edit')}</button>
          <button type="button" class="button button-danger-outline" aria-describedby=${textId} onClick=${() => setOpen('delete')}>${t('admin.delete')}</button>
        </div>`}
    ${error ? html`<div class="item-panel"><${Alert}>${error}<//></div>` : null}
    ${open === 'edit'
      ? html`<div class="item-panel">
          <${ItemForm} kind=${kind} item=${item} references=${references} label=${t('admin.defaults.editLabel', { name: item.name })}
            submitLabel=${t('members.frame.save')} onCancel=${() => setOpen(null)}
            onSave=${async (body) => {
              const updated = await api.patch(`${base}/${item.id}`, body);
              setOpen(null);
              onSaved(updated);
            }} />
        </div>`
      : null}
    ${open === 'delete'
      ? html`<${Confirm} text=${t(`admin.defaults.${kind}.confirmDelete`, { name: item.name })} yes=${t('admin.defaults.deleteYes')}
          busy=${busy} onYes=${remove} onNo=${() => setOpen(null)} />`
      : null}
  </li>`;
}

/** A list of default categories or levels with its create button. */
function Section({ kind, base, references, open, setOpen }) {
  const [items, setItems] = useState(null);
  const notice = useNotice();
  const headingRef = useRef(null);

  useEffect(() => {
    api
      .get(base)
      .then((data) => setItems(data.items || []))
      .catch((error) => {
        setItems([]);
        notice.failure(error);
      });
  }, [base]);

  return html`<section class="card" aria-labelledby=${`${kind}-title`}>
    <h2 id=${`${kind}-title`} tabindex="-1" ref=${headingRef}>${t(`admin.defaults.${kind}.title`)}</h2>
    <p class="muted">${t(`admin.defaults.${kind}.intro`)}</p>
    ${notice.view()}
    ${items === null
      ? html`<p class="muted">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${t(`admin.defaults.${kind}.empty`)}</p>`
        : html`<ul class="item-list">
            ${items.map(
              (item) => html`<${Item}
                key=${item.id}
                kind=${kind}
                item=${item}
                base=${base}
                references=${references}
                open=${open?.id === item.id ? open.panel : null}
                setOpen=${(panel) => {
                  if (panel) notice.clear();
                  setOpen(panel ? { id: item.id, panel } : null);
                }}
                onSaved=${(updated) => {
                  setItems((previous) => previous.map((entry) => (entry.id === updated.id ? updated : entry)));
                  notice.success(t('admin.defaults.saved', { name: updated.name }));
                }}
                onDeleted=${(gone) => {
                  setItems((previous) => previous.filter((entry) => entry.id !== gone.id));
                  setOpen(null);
                  notice.success(t('admin.defaults.deleted', { name: gone.name }));
                  headingRef.current?.focus();
                }}
              />`,
            )}
          </ul>`}
    ${open?.id === 'new'
      ? html`<div class="item-panel">
          <${ItemForm} kind=${kind} item=${null} references=${references} label=${t(`admin.defaults.${kind}.new`)}
            submitLabel=${t(`admin.defaults.${kind}.create`)} onCancel=${() => setOpen(null)}
            onSave=${async (body) => {
              const created = await api.post(base, body);
              setOpen(null);
              setItems((previous) => [...(previous || []), created]);
              notice.success(t('admin.defaults.created', { name: created.name }));
              headingRef.current?.focus();
            }} />
        </div>`
      : open
        ? null
        : html`<p><button type="button" class="button button-secondary" onClick=${() => setOpen({ id: 'new' })}>${t(`admin.defaults.${kind}.new`)}</button></p>`}
  </section>`;
}

export function AdminDefaultsPage({ account }) {
  const [references, setReferences] = useState([]);
  // { section, id, panel }: the one form open on the page.
  const [open, setOpenState] = useState(null);
  useEffect(() => {
    if (!account?.isAdmin) return;
    api
      .get('/reference-categories')
      .then((data) => setReferences(data.items || []))
      .catch(() => setReferences([]));
  }, []);

  const scoped = (section) => ({
    open: open?.section === section ? open : null,
    setOpen: (value) => setOpenState(value ? { ...value, section } : null),
  });

  return html`<${AdminFrame} account=${account} title=${t('admin.nav.defaults')}>
    <p>${t('admin.defaults.intro')}</p>
    <${Section} kind="category" base="/admin/default-categories" references=${references} ...${scoped('category')} />
    <${Section} kind="level" base="/admin/default-levels" references=${references} ...${scoped('level')} />
    <section class="card" aria-labelledby="default-roles-title">
      <${RoleManager} base="/admin/default-roles" showCount=${false} listTitle=${t('admin.defaults.role.title')} titleId="default-roles-title"
        intro=${t('admin.defaults.role.intro')} ...${scoped('role')} />
    </section>
  <//>`;
}
