// « Rejoindre » on the profile of an association of another site (/rejoindre), and the
// state of one's membership there, always in words: « En attente de validation »,
// « Membre », « Refusée : motif », « Retiré·e par l'association ». The request leaves
// from this site (a Join); the association's site answers.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { Alert } from '../../components/Alert.js';

/** The state of a remote membership in words, shared with the dashboard. */
export function RemoteMembershipStatus({ membership }) {
  const { status, reason } = membership;
  const kind = status === 'active' ? 'ok' : status === 'pending' ? 'waiting' : 'refused';
  const text =
    status === 'rejected' && reason ? t('remoteMembership.status.rejectedBecause', { reason }) : t(`remoteMembership.status.${status}`);
  return html`<span class=${`assoc-status assoc-status-${kind === 'refused' ? 'waiting' : kind}`}>
    <span class="assoc-status-icon" aria-hidden="true"></span>${text}
  </span>`;
}

export function JoinButton({ actor, name }) {
  const [state, setState] = useState({ loading: true, busy: false, membership: null, error: null, done: null });

  useEffect(() => {
    let live = true;
    api
      .get('/federation/memberships')
      .then(({ items }) => live && setState((s) => ({ ...s, loading: false, membership: items.find((m) => m.actor === actor) ?? null })))
      .catch((error) => live && setState((s) => ({ ...s, loading: false, error: problemMessage(error) })));
    return () => {
      live = false;
    };
  }, [actor]);

  async function join() {
    setState((s) => ({ ...s, busy: true, error: null, done: null }));
    try {
      const membership = await api.post('/federation/memberships', { actor });
      setState((s) => ({ ...s, busy: false, membership, done: t('remoteMembership.joined') }));
    } catch (error) {
      setState((s) => ({ ...s, busy: false, error: problemMessage(error) }));
    }
  }

  async function leave() {
    if (!window.confirm(t('remoteMembership.confirmLeave', { name }))) return;
    setState((s) => ({ ...s, busy: true, error: null, done: null }));
    try {
      await api.del(`/federation/memberships/${encodeURIComponent(state.membership.id)}`);
      setState((s) => ({ ...s, busy: false, membership: null, done: t('remoteMembership.left') }));
    } catch (error) {
      setState((s) => ({ ...s, busy: false, error: problemMessage(error) }));
    }
  }

  if (state.loading) return null;
  const m = state.membership;
  const ended = m && (m.status === 'rejected' || m.status === 'removed');
  return html`<div class="follow-box">
    ${state.error ? html`<${Alert}>${state.error}<//>` : null}
    ${state.done ? html`<${Alert} kind="success">${state.done}<//>` : null}
    ${m ? html`<p class="assoc-status-row"><${RemoteMembershipStatus} membership=${m} /></p>` : null}
    ${!m || ended
      ? html`<p class="actions"><button type="button" class="button button-primary" onClick=${join} disabled=${state.busy} aria-describedby="join-hint">
            ${ended ? t('remoteMembership.askAgain') : t('remoteMembership.join')}
          </button></p>
          <p id="join-hint" class="hint">${t('remoteMembership.joinHint')}</p>`
      : html`<p class="actions"><button type="button" class="button button-secondary" onClick=${leave} disabled=${state.busy}>
          ${m.status === 'pending' ? t('remoteMembership.withdraw') : t('remoteMembership.leave')}
        </button></p>`}
  </div>`;
}
