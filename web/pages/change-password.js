// Password change. The server rotates the session and logs out every other device
// (a stolen session must not survive a password change), so we keep the new CSRF token.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api, setCsrfToken } from '../api.js';
import { useForm } from '../form.js';
import { PageTitle } from '../components/PageTitle.js';
import { Alert } from '../components/Alert.js';
import { PasswordField, passwordProblem } from '../components/PasswordField.js';
import { SubmitButton } from '../components/SubmitButton.js';

function validate(values) {
  return {
    currentPassword: values.currentPassword ? null : t('password.currentRequired'),
    newPassword: passwordProblem(values.newPassword),
  };
}

export function ChangePasswordPage({ account }) {
  const form = useForm({ currentPassword: '', newPassword: '' });
  const [done, setDone] = useState(false);
  // Tells password managers which saved login to update; never shown.
  const username = html`<input type="email" name="username" autocomplete="username" value=${account.email} readonly hidden />`;

  async function submit(values) {
    const data = await api.post('/me/password', values);
    if (data?.csrfToken) setCsrfToken(data.csrfToken);
    form.setValues({ currentPassword: '', newPassword: '' });
    setDone(true);
  }

  return html`<section class="narrow">
    <${PageTitle} title=${t('changePassword.title')} />
    ${done
      ? html`<${Alert} kind="success" focus>${t('changePassword.done')}<//>
          <p><a class="button button-primary" href="/profil">${t('common.backToProfile')}</a></p>`
      : html`<form ref=${form.formRef} onSubmit=${form.onSubmit(submit, validate)} novalidate class="form">
          <${Alert}>${form.alert}<//>
          ${username}
          <${PasswordField} ...${form.bind('currentPassword')} label=${t('field.currentPassword')} autocomplete="current-password" required />
          <${PasswordField}
            ...${form.bind('newPassword')}
            label=${t('field.newPassword')}
            hint=${t('password.rules')}
            autocomplete="new-password"
            required
          />
          <p class="hint">${t('changePassword.othersOut')}</p>
          <div class="actions">
            <${SubmitButton} busy=${form.busy}>${t('changePassword.submit')}<//>
            <a class="button button-quiet" href="/profil">${t('common.cancel')}</a>
          </div>
        </form>`}
  </section>`;
}
