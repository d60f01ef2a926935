// One member in the list: who, status in words and colour, role and function; for
// people who manage members, « Accepter », change of role and function, removal with
// a confirmation saying that their volunteering is kept.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDate, t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { useForm } from '../../form.js';
import { Avatar } from '../../components/Avatar.js';
import { Alert } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { Confirm, Status } from './common.js';

export const FUNCTIONS = ['governance', 'supervision', 'none'];

export function functionLabel(value) {
  return t(`members.function.${FUNCTIONS.includes(value) ? value : 'none'}`);
}

function MemberEditor({ member, roles, path, onSaved, onCancel }) {
  const ref = useRef(null);
  const form = useForm({ roleId: member.role.id, function: member.function || 'none' });
  useEffect(() => ref.current?.querySelector('select')?.focus(), []);

  async function submit(values) {
    const body = {};
    if (values.roleId !== member.role.id) body.roleId = values.roleId;
    if (values.function !== (member.function || 'none')) body.function = values.function;
    const updated = Object.keys(body).length ? await api.patch(path, body) : member;
    onSaved(updated);
  }

  return html`<div class="item-panel" ref=${ref}>
    <form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit)} novalidate
      aria-label=${t('members.editLabel', { name: member.account.displayName })}>
      <${Alert}>${form.alert}<//>
      <${SelectField}
        ...${form.bind('roleId')}
        label=${t('members.role')}
        hint=${t('members.roleHint')}
        options=${roles.map((role) => ({ value: role.id, label: role.name }))}
      />
      <${SelectField}
        ...${form.bind('function')}
        label=${t('members.functionLabel')}
        hint=${t('members.functionHint')}
        options=${FUNCTIONS.map((value) => ({ value, label: functionLabel(value) }))}
      />
      <div class="actions">
        <${SubmitButton} busy=${form.busy}>${t('members.frame.save')}<//>
        <button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>
      </div>
    </form>
  </div>`;
}

/**
 * `open`: which panel is open for this member ('edit' | 'remove' | null); the list keeps
 * a single one open so that field ids stay unique on the page.
 */
export function MemberItem({ member, association, roles, canManage, open, setOpen, onChanged, onRemoved }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [reason, setReason] = useState('');
  // A new version of the item (saved, reloaded) makes an old error message stale.
  useEffect(() => setError(null), [member]);
  const path = `/associations/${association.id}/members/${member.id}`;
  const name = member.account.displayName;
  const pending = member.status === 'pending';
  const textId = `member-${member.id}`;

  async function approve() {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.post(`${path}/approval`), t('members.approved', { name }));
    } catch (failure) {
      setError(problemMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      // A refusal's reason is sent to a member from another site (Reject{summary}).
      await api.del(pending && reason.trim() ? `${path}?reason=${encodeURIComponent(reason.trim())}` : path);
      onRemoved(member, t('members.removed', { name }));
    } catch (failure) {
      setError(problemMessage(failure));
      setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  const meta = [
    t('members.roleIs', { role: member.role.name }),
    member.function && member.function !== 'none' ? functionLabel(member.function) : null,
    pending ? t('members.askedOn', { date: formatDate(member.createdAt) }) : t('members.since', { date: formatDate(member.approvedAt || member.createdAt) }),
  ].filter(Boolean);

  return html`<li class="item">
    <div class="item-main" id=${textId}>
      <${Avatar} account=${member.account} />
      <div>
        <strong>${name}</strong>
        ${member.account.remote
          ? html`<p class="item-meta">${member.account.remote.handle ? `@${member.account.remote.handle} · ` : ''}${t('members.remote', {
              host: (member.account.remote.handle || '').split('@')[1] || '',
            })}</p>`
          : null}
        <div>
          ${pending ? html`<${Status} kind="waiting">${t('members.status.pending')}<//>` : html`<${Status} kind="ok">${t('members.status.active')}<//>`}
        </div>
        <p class="item-meta">${meta.join(' · ')}</p>
      </div>
    </div>
    ${canManage && !open
      ? html`<div class="item-actions">
          ${pending
            ? html`<button type="button" class="button button-primary" aria-describedby=${textId} aria-disabled=${busy ? 'true' : undefined}
                onClick=${() => !busy && approve()}>${busy ? t('form.busy') : t('members.approve')}</button>`
            : null}
          <button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen('edit')}>
            ${t('members.edit')}
          </button>
          <button type="button" class="button button-danger-outline" aria-describedby=${textId} onClick=${() => setOpen('remove')}>
            ${pending ? t('members.refuse') : t('members.remove')}
          </button>
        </div>`
      : null}
    ${error ? html`<div class="item-panel"><${Alert}>${error}<//></div>` : null}
    ${open === 'edit'
      ? html`<${MemberEditor}
          member=${member}
          roles=${roles}
          path=${path}
          onCancel=${() => setOpen(null)}
          onSaved=${(updated) => {
            setOpen(null);
            onChanged(updated, t('members.saved', { name }));
          }}
        />`
      : null}
    ${open === 'remove'
      ? html`<${Confirm}
          text=${pending ? t('members.confirmRefuse', { name }) : t('members.confirmRemove', { name })}
          yes=${pending ? t('members.refuseYes') : t('members.removeYes')}
          busy=${busy}
          onYes=${remove}
          onNo=${() => setOpen(null)}
        >
          ${pending
            ? html`<${TextField} id=${`refuse-reason-${member.id}`} label=${t('members.refuseReason')} optional=${true} value=${reason} onValue=${setReason} maxlength="500" />`
            : null}
        <//>`
      : null}
  </li>`;
}
