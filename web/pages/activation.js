// Opens the link sent after registration: the account is activated as soon as the
// page loads (no extra click for people unsure what to do next).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api, problemMessage } from '../api.js';
import { PageTitle } from '../components/PageTitle.js';
import { Alert } from '../components/Alert.js';
import { ResendActivation } from '../components/ResendActivation.js';

export function ActivationPage({ query, account }) {
  const token = query.get('token');
  const [result, setResult] = useState(token ? { state: 'working' } : { state: 'failed', message: t('link.incomplete') });

  useEffect(() => {
    if (!token) return;
    api
      .post('/accounts/activation', { token })
      .then(() => setResult({ state: 'done' }))
      .catch((error) => {
        setResult({ state: 'failed', message: problemMessage(error) });
      });
  }, [token]);

  let body;
  if (result.state === 'working') {
    body = html`<p role="status" class="lead">${t('activation.working')}</p>`;
  } else if (result.state === 'done') {
    body = html`<${Alert} kind="success">${t('activation.done')}<//>
      <p>
        ${account
          ? html`<a class="button button-primary" href="/">${t('nav.dashboard')}</a>`
          : html`<a class="button button-primary" href="/connexion">${t('activation.login')}</a>`}
      </p>`;
  } else {
    body = html`<${Alert}>${result.message}<//>
      <div class="card">
        <h2>${t('activation.resendTitle')}</h2>
        <p>${t('activation.resendText')}</p>
        <${ResendActivation} />
      </div>`;
  }

  return html`<section class="narrow">
    <${PageTitle} title=${t('activation.title')} />
    ${body}
  </section>`;
}
