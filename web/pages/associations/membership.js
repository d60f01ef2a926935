// Joining and leaving, on the association page. The one main action of the page:
// « Rejoindre » for someone who is not a member yet. Leaving (or withdrawing a request)
// asks for confirmation and says what is kept.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { associationPath, Status } from './shared.js';

/** A confirmation in place of the button that asked for it; takes the focus when shown. */
function Confirm({ text, kept, yes, no, busy, onYes, onNo }) {
  const ref = useRef(null);
  useEffect(() => ref.current?.focus(), []);
  return html`<div class="confirm" tabindex="-1" ref=${ref} role="group" aria-labelledby="leave-question">
    <p id="leave-question"><strong>${text}</strong></p>
    ${kept ? html`<p>${kept}</p>` : null}
    <div class="actions">
      <button type="button" class="button button-danger" aria-disabled=${busy ? 'true' : undefined} onClick=${onYes}>
        ${busy ? t('form.busy') : yes}
      </button>
      <button type="button" class="button button-quiet" onClick=${onNo}>${no}</button>
    </div>
  </div>`;
}

function LoggedOut({ association }) {
  const back = encodeURIComponent(associationPath(association));
  return html`<div class="card membership-box">
    <p>${t('assoc.join.loginFirst')}</p>
    <div class="actions">
      <a class="button button-primary" href=${`/connexion?retour=${back}`}>${t('assoc.join.login')}</a>
      <a class="button button-secondary" href="/inscription">${t('assoc.join.register')}</a>
    </div>
  </div>`;
}

/**
 * @param onChanged  called after joining or leaving; reloads the association and
 *                   returns it (null when this person can no longer see it)
 */
export function MembershipBox({ association, account, onChanged }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState(null);
  const triggerRef = useRef(null);
  const viewer = association.viewer || {};
  const membership = viewer.membership;

  if (!account) return html`<${LoggedOut} association=${association} />`;

  async function join() {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      const member = await api.post(`/associations/${encodeURIComponent(association.id)}/membership`);
      setMessage({ kind: 'success', text: member.status === 'pending' ? t('assoc.join.sent') : t('assoc.join.done', { name: association.name }) });
      await onChanged();
    } catch (error) {
      setMessage({ kind: 'error', text: problemMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  async function leave() {
    if (busy) return;
    const wasPending = membership?.status === 'pending';
    setBusy(true);
    setMessage(null);
    try {
      await api.del(`/associations/${encodeURIComponent(association.id)}/membership`);
      setConfirming(false);
      setMessage({ kind: 'success', text: wasPending ? t('assoc.leave.withdrawn') : t('assoc.leave.done', { name: association.name }) });
      await onChanged();
    } catch (error) {
      setConfirming(false);
      setMessage({ kind: 'error', text: problemMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    setConfirming(false);
    // Back to the button that opened the question, for keyboard users.
    setTimeout(() => triggerRef.current?.focus(), 0);
  }

  let body;
  if (!membership) {
    body = viewer.canJoin
      ? html`<p>${association.moderateMembership ? t('assoc.join.moderated') : t('assoc.join.open')}</p>
          <p class="actions">
            <button type="button" class="button button-primary button-large" aria-disabled=${busy ? 'true' : undefined} onClick=${join}>
              ${busy ? t('form.busy') : t('assoc.join.button')}
            </button>
          </p>`
      : html`<p>${association.isActive ? t('assoc.join.unavailable') : t('assoc.join.notYet')}</p>`;
  } else if (membership.status === 'pending') {
    body = html`<p><${Status} kind="waiting">${t('assoc.membership.pending')}<//></p>
      <p>${t('assoc.membership.pendingText')}</p>
      ${confirming
        ? html`<${Confirm}
            text=${t('assoc.leave.withdrawQuestion', { name: association.name })}
            yes=${t('assoc.leave.withdrawYes')}
            no=${t('assoc.leave.withdrawNo')}
            busy=${busy}
            onYes=${leave}
            onNo=${cancel}
          />`
        : html`<p><button type="button" ref=${triggerRef} class="button button-secondary" onClick=${() => setConfirming(true)}>
            ${t('assoc.leave.withdraw')}
          </button></p>`}`;
  } else {
    body = html`<p><${Status} kind="ok">${t('assoc.membership.active')}<//></p>
      <p>${t('assoc.membership.role', { role: membership.role?.name || '' })}</p>
      ${viewer.canLeave
        ? confirming
          ? html`<${Confirm}
              text=${t('assoc.leave.question', { name: association.name })}
              kept=${t('assoc.leave.kept')}
              yes=${t('assoc.leave.yes')}
              no=${t('assoc.leave.no')}
              busy=${busy}
              onYes=${leave}
              onNo=${cancel}
            />`
          : html`<p><button type="button" ref=${triggerRef} class="button button-secondary" onClick=${() => setConfirming(true)}>
              ${t('assoc.leave.button')}
            </button></p>`
        : html`<p class="muted">${t('assoc.leave.lastManager')}</p>`}`;
  }

  return html`<section class="card membership-box" aria-labelledby="membership-title">
    <h2 id="membership-title" class="visually-hidden">${t('assoc.membership.title')}</h2>
    ${message ? html`<${Alert} kind=${message.kind}>${message.text}<//>` : null}
    ${body}
  </section>`;
}
