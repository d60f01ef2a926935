// /associations/:handle/membres-anonymes — people without an account (product.md A3):
// each gets a secret link to record their hours. The server keeps only a fingerprint
// of the link, so it is shown once, when created or replaced by a new one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDateTime, t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { CheckboxField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { AssociationFrame, Confirm, formatDay, Status, todayLocal, useAssociation, useNotice } from './common.js';
import { tooLong } from './fields.js';

function LinkBox({ name, link, onDone }) {
  const ref = useRef(null);
  const codeRef = useRef(null);
  const [copied, setCopied] = useState(null);
  useEffect(() => ref.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(t('anonymous.copied'));
    } catch {
      // No clipboard (plain http, old browser): select the link for Ctrl+C.
      const range = document.createRange();
      range.selectNodeContents(codeRef.current);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      setCopied(t('anonymous.selected'));
    }
  }

  return html`<div class="card card-success link-box" tabindex="-1" ref=${ref} aria-labelledby="link-title">
    <h2 id="link-title">${t('anonymous.linkFor', { name })}</h2>
    <p>${t('anonymous.linkExplain')}</p>
    <p><code class="secret" data-testid="anonymous-link" ref=${codeRef}>${link}</code></p>
    <p class="muted">${t('anonymous.linkOnce')}</p>
    <div class="actions">
      <button type="button" class="button button-primary" onClick=${copy}>${t('anonymous.copy')}</button>
      <button type="button" class="button button-quiet" onClick=${onDone}>${t('anonymous.hideLink')}</button>
    </div>
    ${copied ? html`<p role="status" class="muted">${copied}</p>` : null}
  </div>`;
}

function statusOf(member) {
  if (!member.isActive) return { kind: 'off', text: t('anonymous.status.inactive') };
  if (member.expiresOn && member.expiresOn < todayLocal()) return { kind: 'bad', text: t('anonymous.status.expired') };
  return { kind: 'ok', text: t('anonymous.status.active') };
}

const validate = (values) => ({
  name: !values.name.trim() ? t('anonymous.nameRequired') : tooLong(values.name, 60),
});

/** Name, expiry date, active: used to create (with « Créer le lien ») and to edit. */
function AnonymousForm({ member, submitLabel, label, onSave, onCancel }) {
  const form = useForm({ name: member?.name || '', expiresOn: member?.expiresOn || '', isActive: member ? member.isActive : true });
  const submit = async (values) => {
    await onSave({ name: values.name.trim(), expiresOn: values.expiresOn || null, isActive: values.isActive });
    if (!member) form.setValues({ name: '', expiresOn: '', isActive: true });
  };
  return html`<form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate aria-label=${label}>
    <${Alert}>${form.alert}<//>
    <${TextField} ...${form.bind('name')} label=${t('anonymous.name')} hint=${t('anonymous.nameHint')} autocomplete="off" required />
    <${TextField} ...${form.bind('expiresOn')} type="date" label=${t('anonymous.expiresOn')} hint=${t('anonymous.expiresOnHint')} optional />
    <${CheckboxField} ...${form.bindCheckbox('isActive')} label=${t('anonymous.isActive')} hint=${t('anonymous.isActiveHint')} />
    <div class="actions">
      <${SubmitButton} busy=${form.busy}>${submitLabel}<//>
      ${onCancel ? html`<button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>` : null}
    </div>
  </form>`;
}

function AnonymousItem({ member, path, open, setOpen, onSaved, onDeleted, onLink }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  // A new version of the item (saved, reloaded) makes an old error message stale.
  useEffect(() => setError(null), [member]);
  const status = statusOf(member);
  const textId = `anonymous-${member.id}`;

  async function act(action) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(problemMessage(failure));
      setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  const meta = [
    member.expiresOn ? t('anonymous.until', { date: formatDay(member.expiresOn) }) : t('anonymous.noExpiry'),
    member.lastVisitAt ? t('anonymous.lastVisit', { date: formatDateTime(member.lastVisitAt) }) : t('anonymous.neverVisited'),
  ];

  return html`<li class="item">
    <div class="item-text" id=${textId}>
      <strong>${member.name}</strong> <${Status} kind=${status.kind}>${status.text}<//>
      <p class="item-meta">${meta.join(' · ')}</p>
    </div>
    ${open
      ? null
      : html`<div class="item-actions">
          <button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen('link')}>${t('anonymous.newLink')}</button>
          <button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen('edit')}>${t('anonymous.edit')}</button>
          <button type="button" class="button button-danger-outline" aria-describedby=${textId} onClick=${() => setOpen('delete')}>
            ${t('anonymous.delete')}
          </button>
        </div>`}
    ${error ? html`<div class="item-panel"><${Alert}>${error}<//></div>` : null}
    ${open === 'edit'
      ? html`<div class="item-panel">
          <${AnonymousForm}
            member=${member}
            label=${t('anonymous.editLabel', { name: member.name })}
            submitLabel=${t('members.frame.save')}
            onCancel=${() => setOpen(null)}
            onSave=${async (body) => {
              const updated = await api.patch(path, body);
              setOpen(null);
              onSaved(updated);
            }}
          />
        </div>`
      : null}
    ${open === 'link'
      ? html`<${Confirm}
          text=${t('anonymous.confirmNewLink', { name: member.name })}
          yes=${t('anonymous.newLinkYes')}
          busy=${busy}
          onYes=${() => act(async () => {
            const data = await api.post(`${path}/link`);
            setOpen(null);
            onLink(member, data.link);
          })}
          onNo=${() => setOpen(null)}
        />`
      : null}
    ${open === 'delete'
      ? html`<${Confirm}
          text=${t('anonymous.confirmDelete', { name: member.name })}
          yes=${t('anonymous.deleteYes')}
          busy=${busy}
          onYes=${() => act(async () => {
            await api.del(path);
            onDeleted(member);
          })}
          onNo=${() => setOpen(null)}
        />`
      : null}
  </li>`;
}

function AnonymousManager({ association }) {
  const base = `/associations/${association.id}/anonymous-members`;
  const [items, setItems] = useState(null);
  const [open, setOpen] = useState(null);
  const [shown, setShown] = useState(null);
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

  const replace = (member) => setItems((previous) => previous.map((item) => (item.id === member.id ? member : item)));

  return html`<div>
    <p>${t('anonymous.intro')}</p>
    ${shown
      ? html`<${LinkBox} name=${shown.name} link=${shown.link} onDone=${() => {
          setShown(null);
          headingRef.current?.focus();
        }} />`
      : null}
    <h2 tabindex="-1" ref=${headingRef}>${t('anonymous.listTitle')}</h2>
    ${notice.view()}
    ${items === null
      ? html`<p class="muted">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${t('anonymous.empty')}</p>`
        : html`<ul class="item-list">
            ${items.map(
              (member) => html`<${AnonymousItem}
                key=${member.id}
                member=${member}
                path=${`${base}/${member.id}`}
                open=${open?.id === member.id ? open.panel : null}
                setOpen=${(panel) => {
                  if (panel) notice.clear();
                  setOpen(panel ? { id: member.id, panel } : null);
                }}
                onSaved=${(updated) => {
                  replace(updated);
                  notice.success(t('anonymous.saved', { name: updated.name }));
                }}
                onDeleted=${(gone) => {
                  setItems((previous) => previous.filter((item) => item.id !== gone.id));
                  setOpen(null);
                  if (shown?.id === gone.id) setShown(null);
                  notice.success(t('anonymous.deleted', { name: gone.name }));
                  headingRef.current?.focus();
                }}
                onLink=${(target, link) => {
                  notice.clear();
                  setShown({ id: target.id, name: target.name, link });
                }}
              />`,
            )}
          </ul>`}
    ${open
      ? null
      : html`<section class="card" aria-labelledby="anonymous-create-title">
          <h2 id="anonymous-create-title">${t('anonymous.createTitle')}</h2>
          <${AnonymousForm}
            member=${null}
            label=${t('anonymous.createTitle')}
            submitLabel=${t('anonymous.create')}
            onSave=${async (body) => {
              const data = await api.post(base, body);
              setItems((previous) => [...(previous || []), data.anonymousMember]);
              notice.clear();
              setShown({ id: data.anonymousMember.id, name: data.anonymousMember.name, link: data.link });
            }}
          />
        </section>`}
  </div>`;
}

export function AnonymousMembersPage({ params }) {
  const { association, failure } = useAssociation(params.handle);
  return html`<${AssociationFrame}
    handle=${params.handle}
    section="membres-anonymes"
    title=${t('anonymous.title')}
    permission="manageMembers"
    association=${association}
    failure=${failure}
    render=${(loaded) => html`<${AnonymousManager} association=${loaded} />`}
  />`;
}
