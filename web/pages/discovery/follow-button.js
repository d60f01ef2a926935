// « Suivre ses actualités » / « Ne plus suivre » on the profile of an association of
// another site (/rejoindre). The status is always said in words: « En attente » until
// the association's site confirms, then « Vous suivez ses actualités ».
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { Alert } from '../../components/Alert.js';

/** The status badge of a follow (pending or accepted), shared with /suivies. */
export function FollowStatus({ status }) {
  const waiting = status !== 'accepted';
  return html`<span class=${`assoc-status ${waiting ? 'assoc-status-waiting' : 'assoc-status-ok'}`}>
    <span class="assoc-status-icon" aria-hidden="true"></span>${waiting ? t('following.pending') : t('following.accepted')}
  </span>`;
}

export function FollowButton({ actor, name }) {
  const [state, setState] = useState({ loading: true, busy: false, following: null, error: null, done: null });

  useEffect(() => {
    let live = true;
    api
      .get('/federation/following')
      .then(({ items }) => live && setState((s) => ({ ...s, loading: false, following: items.find((f) => f.actor === actor) ?? null })))
      .catch((error) => live && setState((s) => ({ ...s, loading: false, error: problemMessage(error) })));
    return () => {
      live = false;
    };
  }, [actor]);

  async function follow() {
    setState((s) => ({ ...s, busy: true, error: null, done: null }));
    try {
      const following = await api.post('/federation/following', { actor });
      setState((s) => ({ ...s, busy: false, following, done: t('following.followed') }));
    } catch (error) {
      setState((s) => ({ ...s, busy: false, error: problemMessage(error) }));
    }
  }

  async function unfollow() {
    if (!window.confirm(t('following.confirmUnfollow', { name }))) return;
    setState((s) => ({ ...s, busy: true, error: null, done: null }));
    try {
      await api.del(`/federation/following/${encodeURIComponent(state.following.id)}`);
      setState((s) => ({ ...s, busy: false, following: null, done: t('following.unfollowed') }));
    } catch (error) {
      setState((s) => ({ ...s, busy: false, error: problemMessage(error) }));
    }
  }

  if (state.loading) return null;
  return html`<div class="follow-box">
    ${state.error ? html`<${Alert}>${state.error}<//>` : null}
    ${state.done ? html`<${Alert} kind="success">${state.done}<//>` : null}
    ${state.following
      ? html`<p class="assoc-status-row"><${FollowStatus} status=${state.following.status} /></p>
          <p class="actions"><button type="button" class="button button-secondary" onClick=${unfollow} disabled=${state.busy}>${t('following.unfollow')}</button></p>`
      : html`<p class="actions"><button type="button" class="button button-primary" onClick=${follow} disabled=${state.busy} aria-describedby="follow-hint">${t('following.follow')}</button></p>
          <p id="follow-hint" class="hint">${t('following.followHint')}</p>`}
  </div>`;
}
