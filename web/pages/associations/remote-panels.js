// The dashboard's associations of other sites, beside the local ones: one panel each,
// with its site, the state of the membership in words (« En attente de validation »,
// « Refusée : motif » …) and a link to its page there; one deleted on its site says so
// (« Association supprimée sur son site ») and keeps no link. Nothing shown when there are none.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { RemoteMembershipStatus } from '../discovery/join-button.js';
import { associationInitials } from './shared.js';

const hostOf = (iri) => {
  try {
    return new URL(iri).host;
  } catch {
    return '';
  }
};

function RemotePanel({ membership }) {
  if (membership.associationDeletedAt) return html`<${DeletedPanel} membership=${membership} />`;
  const page = membership.url && /^https?:\/\//.test(membership.url) ? membership.url : null;
  const profile = `/rejoindre?association=${encodeURIComponent(membership.actor)}`;
  return html`<li class="card assoc-panel">
    <div class="assoc-panel-head">
      <span class="assoc-logo assoc-logo-initials avatar-c0" aria-hidden="true">${associationInitials(membership.name)}</span>
      <div>
        <h3 class="assoc-card-title">
          ${page ? html`<a href=${page} rel="noopener noreferrer external">${membership.name}</a>` : html`<a href=${profile}>${membership.name}</a>`}
        </h3>
        <p class="muted assoc-card-line">${t('remoteMembership.onSite', { host: hostOf(membership.actor) })}</p>
        ${membership.function ? html`<p class="muted assoc-card-line">${t(`remoteMembership.function.${membership.function}`)}</p>` : null}
      </div>
    </div>
    <p class="assoc-status-row"><${RemoteMembershipStatus} membership=${membership} /></p>
    <p class="panel-counts"><a href=${profile}>${t('following.see')}</a>${membership.status === 'active'
      ? html` · <a href=${`/declarer?association=${encodeURIComponent(`remote:${membership.id}`)}`}>${t('remoteDecl.declare')}</a>`
      : null}</p>
  </li>`;
}

/** An association deleted on its site: its name, the state in words, what stays here. */
function DeletedPanel({ membership }) {
  return html`<li class="card assoc-panel">
    <div class="assoc-panel-head">
      <span class="assoc-logo assoc-logo-initials avatar-c0" aria-hidden="true">${associationInitials(membership.name)}</span>
      <div>
        <h3 class="assoc-card-title">${membership.name}</h3>
        <p class="muted assoc-card-line">${t('remoteMembership.onSite', { host: hostOf(membership.actor) })}</p>
      </div>
    </div>
    <p class="assoc-status-row"><span class="status status-off">${t('remoteMembership.associationDeleted')}</span></p>
    <p class="hint">${t('remoteMembership.associationDeletedHint')}</p>
  </li>`;
}

export function RemoteAssociations() {
  const [state, setState] = useState({ items: null, error: null });
  useEffect(() => {
    let alive = true;
    api
      .get('/federation/memberships')
      .then((data) => alive && setState({ items: data.items || [], error: null }))
      .catch((error) => alive && setState({ items: [], error: problemMessage(error) }));
    return () => {
      alive = false;
    };
  }, []);
  if (!state.error && (!state.items || state.items.length === 0)) return null;
  return html`<section class="my-associations" aria-labelledby="remote-associations-title">
    <h2 id="remote-associations-title">${t('remoteMembership.title')}</h2>
    ${state.error ? html`<${Alert}>${state.error}<//>` : null}
    <ul class="assoc-panels">
      ${(state.items || []).map((m) => html`<${RemotePanel} key=${m.id} membership=${m} />`)}
    </ul>
  </section>`;
}
