// « /acces?cle=… »: the personal link of an anonymous member (someone without an
// account, product.md A3). Opening it starts an access that ends with the browser. The
// key is then taken out of the address bar, so it is not left in the history or shown
// over a shoulder; reloading the page finds the access again without it.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, ApiError, endSession, forgetSession, problemMessage, setCsrfToken } from '../../api.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { AssociationLogo } from './shared.js';

function Welcome({ session, onEnd, busy }) {
  const association = session.association;
  return html`<div>
    <div class="card assoc-access-card">
      <div class="assoc-head">
        <${AssociationLogo} association=${association} size="lg" />
        <div>
          <p class="muted">${t('access.memberOf')}</p>
          <h2>${association.name}</h2>
        </div>
      </div>
      ${association.description ? html`<p class="assoc-description">${association.description}</p>` : null}
    </div>
    <section class="card" aria-labelledby="access-can">
      <h2 id="access-can">${t('access.canTitle')}</h2>
      <p>${t('access.declareText', { name: association.name })}</p>
      <p class="actions">
        <a class="button button-primary button-large" href="/declarer">${t('decl.links.declare')}</a>
        <a class="button button-secondary" href="/mes-benevolats">${t('decl.links.mine')}</a>
      </p>
    </section>
    <${Alert} kind="info">
      <p>${t('access.endsWithBrowser')}</p>
      <p>${t('access.keepLink')}</p>
    <//>
    <p>
      <button type="button" class="button button-secondary" aria-disabled=${busy ? 'true' : undefined} onClick=${onEnd}>
        ${t('access.end')}
      </button>
    </p>
  </div>`;
}

export function AccessPage({ query, account }) {
  const key = query.get('cle');
  // opening | logoutFirst | ready | invalid | missing | ended | error
  const [state, setState] = useState({ step: key ? 'opening' : 'checking' });
  const [busy, setBusy] = useState(false);

  async function open() {
    setState({ step: 'opening' });
    try {
      const session = await api.post('/anonymous-session', { key });
      setCsrfToken(session.csrfToken);
      window.history.replaceState(null, '', '/acces');
      setState({ step: 'ready', session });
    } catch (error) {
      if (error instanceof ApiError && (error.is('logout-first') || error.status === 409)) setState({ step: 'logoutFirst' });
      else if (error instanceof ApiError && (error.status === 403 || error.status === 404 || error.status === 422)) {
        setState({ step: 'invalid' });
      } else setState({ step: 'error', message: problemMessage(error) });
    }
  }

  useEffect(() => {
    if (key) {
      open();
      return;
    }
    // No key in the address: maybe the access was opened earlier in this browser.
    api
      .get('/anonymous-session')
      .then((session) => {
        setCsrfToken(session.csrfToken);
        setState({ step: 'ready', session });
      })
      .catch(() => setState({ step: 'missing' }));
  }, []);

  async function logoutThenOpen() {
    if (busy) return;
    setBusy(true);
    await endSession();
    forgetSession();
    setBusy(false);
    await open();
  }

  async function end() {
    if (busy) return;
    setBusy(true);
    try {
      await api.del('/anonymous-session');
    } catch (error) {
      // The access ends with the browser anyway; say it is over on this screen.
      console.warn('Ending the anonymous access failed', error);
    }
    setCsrfToken(null);
    setBusy(false);
    setState({ step: 'ended' });
  }

  const { step } = state;
  const title = step === 'ready' ? t('access.hello', { name: state.session.anonymousMember.name }) : t('access.title');
  let content;
  if (step === 'opening' || step === 'checking') content = html`<p role="status" class="muted">${t('access.opening')}</p>`;
  else if (step === 'ready') content = html`<${Welcome} session=${state.session} onEnd=${end} busy=${busy} />`;
  else if (step === 'logoutFirst') {
    const name = account?.displayName;
    content = html`<div class="card card-warning">
      <p><strong>${name ? t('access.loggedInAs', { name }) : t('access.loggedIn')}</strong></p>
      <p>${t('access.logoutFirst')}</p>
      <div class="actions">
        <button type="button" class="button button-primary" aria-disabled=${busy ? 'true' : undefined} onClick=${logoutThenOpen}>
          ${busy ? t('form.busy') : t('access.logoutAndContinue')}
        </button>
        <a class="button button-quiet" href="/">${t('access.stayLoggedIn')}</a>
      </div>
    </div>`;
  } else if (step === 'invalid') content = html`<${Alert}>${t('access.invalid')}<//>`;
  else if (step === 'ended') content = html`<${Alert} kind="success">${t('access.ended')}<//>`;
  else if (step === 'missing') content = html`<p>${t('access.missing')}</p>`;
  else content = html`<${Alert}>${state.message}<//>
    <p><button type="button" class="button button-primary" onClick=${open}>${t('access.retry')}</button></p>`;

  return html`<section class="narrow assoc-access">
    <${PageTitle} title=${title} />
    ${content}
  </section>`;
}
