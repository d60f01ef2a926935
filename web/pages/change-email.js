// E-mail change: the new address only takes effect once the link sent to it has been
// opened (product.md A1), so a typo cannot lock the person out of their account.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { emailProblem, useForm } from '../form.js';
import { PageTitle } from '../components/PageTitle.js';
import { Alert } from '../components/Alert.js';
import { TextField } from '../components/Field.js';
import { PasswordField } from '../components/PasswordField.js';
import { SubmitButton } from '../components/SubmitButton.js';

function validate(values) {
  return {
    newEmail: emailProblem(values.newEmail),
    currentPassword: values.currentPassword ? null : t('password.currentRequired'),
  };
}

export function ChangeEmailPage({ account }) {
  const form = useForm({ newEmail: '', currentPassword: '' });
  const [sentTo, setSentTo] = useState(null);

  async function submit(values) {
    const newEmail = values.newEmail.trim();
    await api.post('/me/email', { newEmail, currentPassword: values.currentPassword });
    setSentTo(newEmail);
  }

  return html`<section class="narrow">
    <${PageTitle} title=${t('changeEmail.title')} />
    <p>${t('changeEmail.current')} <strong>${account.email}</strong></p>
    ${sentTo
      ? html`<${Alert} kind="success" focus>${t('changeEmail.sent', { email: sentTo })}<//>
          <p><a class="button button-primary" href="/profil">${t('common.backToProfile')}</a></p>`
      : html`<form ref=${form.formRef} onSubmit=${form.onSubmit(submit, validate)} novalidate class="form">
          <${Alert}>${form.alert}<//>
          <${TextField}
            ...${form.bind('newEmail')}
            type="email"
            label=${t('field.newEmail')}
            hint=${t('changeEmail.hint')}
            autocomplete="email"
            required
          />
          <${PasswordField} ...${form.bind('currentPassword')} label=${t('field.currentPassword')} autocomplete="current-password" required />
          <div class="actions">
            <${SubmitButton} busy=${form.busy}>${t('changeEmail.submit')}<//>
            <a class="button button-quiet" href="/profil">${t('common.cancel')}</a>
          </div>
        </form>`}
  </section>`;
}
