// Opens the link sent to a new e-mail address; the change is confirmed on load. The
// token is enough (the link may be opened on a phone where the person is logged out).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api, problemMessage } from '../api.js';
import { getState, setAccount } from '../store.js';
import { PageTitle } from '../components/PageTitle.js';
import { Alert } from '../components/Alert.js';

export function ConfirmEmailPage({ query, account }) {
  const token = query.get('token');
  const [result, setResult] = useState(token ? { state: 'working' } : { state: 'failed', message: t('link.incomplete') });

  useEffect(() => {
    if (!token) return;
    api
      .post('/me/email/confirm', { token })
      .then((updated) => {
        setResult({ state: 'done', email: updated?.email });
        // Refresh the account on screen only if it is the one logged in here.
        const current = getState().account;
        if (updated && current && current.id === updated.id) setAccount(updated);
      })
      .catch((error) => setResult({ state: 'failed', message: problemMessage(error) }));
  }, [token]);

  let body;
  if (result.state === 'working') body = html`<p role="status" class="lead">${t('confirmEmail.working')}</p>`;
  else if (result.state === 'done') body = html`<${Alert} kind="success">${t('confirmEmail.done', { email: result.email || '' })}<//>`;
  else {
    body = html`<${Alert}>${result.message}<//>
      ${account ? html`<p><a href="/profil/email">${t('confirmEmail.again')}</a></p>` : null}`;
  }

  return html`<section class="narrow">
    <${PageTitle} title=${t('confirmEmail.title')} />
    ${body}
    <p>
      ${account
        ? html`<a class="button button-secondary" href="/profil">${t('common.backToProfile')}</a>`
        : html`<a class="button button-secondary" href="/connexion">${t('activation.login')}</a>`}
    </p>
  </section>`;
}
