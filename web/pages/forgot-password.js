// Forgotten password: always the same answer, whether the address is known or not,
// so the page cannot be used to find out who has an account here.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { emailProblem, useForm } from '../form.js';
import { PageTitle } from '../components/PageTitle.js';
import { Alert } from '../components/Alert.js';
import { TextField } from '../components/Field.js';
import { SubmitButton } from '../components/SubmitButton.js';

export function ForgotPasswordPage() {
  const form = useForm({ email: '' });
  const [sent, setSent] = useState(false);

  async function submit(values) {
    await api.post('/password-reset', { email: values.email.trim() });
    setSent(true);
  }

  return html`<section class="narrow">
    <${PageTitle} title=${t('forgot.title')} />
    <p>${t('forgot.intro')}</p>
    <form ref=${form.formRef} onSubmit=${form.onSubmit(submit, (v) => ({ email: emailProblem(v.email) }))} novalidate class="form">
      <${Alert}>${form.alert}<//>
      ${sent ? html`<${Alert} kind="success">${t('forgot.sent')}<//>` : null}
      <${TextField} ...${form.bind('email')} type="email" label=${t('field.email')} autocomplete="email" required />
      <${SubmitButton} busy=${form.busy}>${sent ? t('forgot.again') : t('forgot.submit')}<//>
    </form>
    <p><a href="/connexion">${t('common.backToLogin')}</a></p>
  </section>`;
}
