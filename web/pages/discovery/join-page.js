// /rejoindre — on the person's own site (flow 1): the association named by
// ?association= (an address or its actor id, sent by its page on another site) with its
// profile, its public news, « Rejoindre » (a Join sent from this site, with the state of
// the membership in words) and « Suivre », and a field to find any other association.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDate, t } from '../../i18n.js';
import { api, ApiError, problemMessage } from '../../api.js';
import { navigate } from '../../router.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { PlainText } from '../../components/PlainText.js';
import { associationInitials } from '../associations/shared.js';
import { FollowButton } from './follow-button.js';
import { JoinButton } from './join-button.js';

// Pictures of other sites are not shown: the page's Content-Security-Policy allows only
// this site's images, and loading them would tell the other site who is looking.
function Found({ found }) {
  const host = (() => {
    try {
      return new URL(found.id).host;
    } catch {
      return '';
    }
  })();
  return html`<section class="card discover-result" aria-labelledby="discover-name">
    <div class="assoc-head">
      ${found.icon && found.icon.startsWith(`${window.location.origin}/`)
        ? html`<img class="assoc-logo assoc-logo-md" src=${found.icon} alt="" width="64" height="64" />`
        : html`<span class="assoc-logo assoc-logo-md assoc-logo-initials avatar-c0" aria-hidden="true">${associationInitials(found.name)}</span>`}
      <div>
        <h2 id="discover-name">${found.name}</h2>
        <p class="muted">${t(`discover.kind.${found.kind}`)} · ${found.handle || host}</p>
      </div>
    </div>
    ${found.summary ? html`<div class="prose"><${PlainText} text=${found.summary} /></div>` : null}
    ${found.localPath
      ? html`<p>${t('discover.local')} <a href=${found.localPath}>${t('discover.localLink')}</a></p>`
      : html`<p class="muted">${t('discover.onSite', { host })}${found.url
          ? html` · <a href=${found.url} rel="noopener noreferrer external">${t('discover.visit')}</a>`
          : null}</p>
        ${found.kind === 'association' ? html`<${JoinButton} actor=${found.id} name=${found.name} />` : null}
        <${FollowButton} actor=${found.id} name=${found.name} />`}
    <h3>${t('discover.news')}</h3>
    ${found.news.length === 0
      ? html`<p class="empty">${t('discover.noNews')}</p>`
      : html`<ul class="item-list news-list">
          ${found.news.map(
            (n) => html`<li class="item" key=${n.id}>
              <div class="item-text">
                <h4 class="news-item-title">${n.title}</h4>
                ${n.published ? html`<p class="item-meta">${t('news.publishedOn', { date: formatDate(n.published) })}</p>` : null}
                <${PlainText} text=${n.text} />
                ${n.url ? html`<p><a href=${n.url} rel="noopener noreferrer external">${t('discover.readOnSite')}</a></p>` : null}
              </div>
            </li>`,
          )}
        </ul>`}
  </section>`;
}

export function JoinRemotePage({ query }) {
  const asked = query.get('association') || '';
  const [q, setQ] = useState(asked);
  const [state, setState] = useState({ status: asked ? 'loading' : 'idle', found: null, error: null, fieldError: null });

  async function search(value) {
    setState({ status: 'loading', found: null, error: null, fieldError: null });
    try {
      const found = await api.get(`/federation/lookup?q=${encodeURIComponent(value)}`);
      setState({ status: 'found', found, error: null, fieldError: null });
    } catch (error) {
      const onField = error instanceof ApiError && error.status === 422;
      setState({ status: 'failed', found: null, error: onField ? null : problemMessage(error), fieldError: onField ? problemMessage(error) : null });
    }
  }
  useEffect(() => {
    if (asked) search(asked);
  }, [asked]);

  function onSubmit(event) {
    event.preventDefault();
    const value = q.trim();
    if (!value) {
      setState({ status: 'failed', found: null, error: null, fieldError: t('discover.required') });
      return;
    }
    // The address goes into the page's own address, so a reload or a shared link shows it again.
    navigate(`/rejoindre?association=${encodeURIComponent(value)}`, { replace: true });
    if (value === asked) search(value);
  }

  return html`<section>
    <${PageTitle} title=${t('discover.title')} />
    ${state.status === 'loading' ? html`<p role="status" class="muted">${t('discover.searching')}</p>` : null}
    ${state.error ? html`<${Alert}>${state.error}<//>` : null}
    ${state.found ? html`<${Found} found=${state.found} />` : null}
    <section class="card narrow" aria-labelledby="discover-lookup-title">
      <h2 id="discover-lookup-title">${t('discover.lookupTitle')}</h2>
      <p>${t('discover.lookupLead')}</p>
      <form class="form" onSubmit=${onSubmit} novalidate aria-labelledby="discover-lookup-title">
        <${TextField} id="discover-q" label=${t('discover.field')} hint=${t('discover.hint')} value=${q} error=${state.fieldError}
          onValue=${setQ} autocomplete="off" spellcheck="false" />
        <div class="actions"><${SubmitButton} busy=${state.status === 'loading'}>${t('discover.submit')}<//></div>
      </form>
    </section>
  </section>`;
}
