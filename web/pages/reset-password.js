// New password from the link sent by e-mail (valid 3 days, product.md A1).
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { useForm } from '../form.js';
import { PageTitle } from '../components/PageTitle.js';
import { Alert } from '../components/Alert.js';
import { PasswordField, passwordProblem } from '../components/PasswordField.js';
import { SubmitButton } from '../components/SubmitButton.js';

export function ResetPasswordPage({ query }) {
  const token = query.get('token');
  const form = useForm({ password: '' });
  const [done, setDone] = useState(false);

  async function submit(values) {
    await api.post('/password-reset/confirm', { token, password: values.password });
    setDone(true);
  }

  let body;
  if (!token) {
    body = html`<${Alert}>${t('link.incomplete')}<//>
      <p><a class="button button-secondary" href="/mot-de-passe-oublie">${t('reset.askAgain')}</a></p>`;
  } else if (done) {
    body = html`<${Alert} kind="success" focus>${t('reset.done')}<//>
      <p><a class="button button-primary" href="/connexion">${t('activation.login')}</a></p>`;
  } else {
    body = html`<form ref=${form.formRef} onSubmit=${form.onSubmit(submit, (v) => ({ password: passwordProblem(v.password) }))} novalidate class="form">
        <${Alert}>${form.alert}<//>
        <${PasswordField}
          ...${form.bind('password')}
          label=${t('field.newPassword')}
          hint=${t('password.rules')}
          autocomplete="new-password"
          required
        />
        <${SubmitButton} busy=${form.busy}>${t('reset.submit')}<//>
      </form>
      <p>${t('reset.expired')} <a href="/mot-de-passe-oublie">${t('reset.askAgain')}</a></p>`;
  }

  return html`<section class="narrow">
    <${PageTitle} title=${t('reset.title')} />
    ${body}
  </section>`;
}
