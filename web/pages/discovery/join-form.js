// « Rejoindre depuis votre site Bénévalibre » on an association's page (flow 1): the
// visitor types their address and continues on their own site, which shows the
// association and the way to join it (/rejoindre there). Nothing is sent to this site.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { TextField } from '../../components/Field.js';

/**
 * The site of what the person typed: « @marie@site.org » or « marie@site.org » (their
 * address), « site.org » or « https://site.org/… » (their site). Typed without a scheme,
 * sites are https, except this very site, which keeps its own scheme (tests, local use).
 */
export function siteOf(input) {
  let text = String(input || '').trim();
  if (!text) return null;
  const handle = /^@?[^@\s/]+@([^@\s/]+)$/.exec(text);
  if (handle) text = handle[1];
  const explicit = /^https?:\/\//i.test(text);
  try {
    const url = new URL(explicit ? text : `https://${text}`);
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    if (!explicit && url.host === window.location.host) return window.location.origin;
    return url.origin;
  } catch {
    return null;
  }
}

/** The address of the association's actor on this site: what the other site looks up. */
export const actorIdOf = (association) => `${window.location.origin}/ap/actors/${association.id}`;

export function JoinFromYourSite({ association }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState(null);
  function onSubmit(event) {
    event.preventDefault();
    const site = siteOf(value);
    if (!site) {
      setError(value.trim() ? t('join.invalid') : t('join.required'));
      event.currentTarget.querySelector('input')?.focus();
      return;
    }
    window.location.assign(`${site}/rejoindre?association=${encodeURIComponent(actorIdOf(association))}`);
  }
  return html`<section class="card join-remote" aria-labelledby="join-remote-title">
    <h2 id="join-remote-title">${t('join.title')}</h2>
    <p>${t('join.lead')}</p>
    <form class="form" onSubmit=${onSubmit} novalidate aria-labelledby="join-remote-title">
      <${TextField} id="join-address" label=${t('join.field')} hint=${t('join.hint')} value=${value} error=${error}
        onValue=${(v) => { setValue(v); setError(null); }} autocomplete="off" spellcheck="false" inputmode="url" />
      <div class="actions"><button type="submit" class="button button-secondary">${t('join.submit')}</button></div>
    </form>
  </section>`;
}
