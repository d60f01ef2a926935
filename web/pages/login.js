// Login with e-mail and password. When the account was never activated, the API
// says so (problem type …/account-inactive) and we offer to send the link again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api, ApiError, startSession } from '../api.js';
import { navigate, safeReturnPath } from '../router.js';
import { emailProblem, useForm } from '../form.js';
import { PageTitle } from '../components/PageTitle.js';
import { Alert } from '../components/Alert.js';
import { TextField } from '../components/Field.js';
import { PasswordField } from '../components/PasswordField.js';
import { SubmitButton } from '../components/SubmitButton.js';
import { ResendActivation } from '../components/ResendActivation.js';

function validate(values) {
  return {
    email: emailProblem(values.email),
    // No length rule here: an old password may predate today's rules.
    password: values.password ? null : t('password.required'),
  };
}

function InactiveNotice({ email }) {
  const ref = useRef(null);
  // Focus moves here so that screen readers read the explanation straight away.
  useEffect(() => ref.current?.focus(), []);
  return html`<div class="card card-warning" tabindex="-1" ref=${ref}>
    <h2 id="inactive-title">${t('login.inactiveTitle')}</h2>
    <p>${t('login.inactiveText')}</p>
    <${ResendActivation} email=${email} />
  </div>`;
}

export function LoginPage({ query }) {
  const form = useForm({ email: '', password: '' });
  const [inactiveEmail, setInactiveEmail] = useState(null);
  const target = safeReturnPath(query.get('retour'));

  async function submit(values) {
    setInactiveEmail(null);
    const email = values.email.trim();
    try {
      const data = await api.post('/session', { email, password: values.password });
      // Same tick: the next render already has both the account and the new URL.
      navigate(target, { replace: true });
      startSession(data);
    } catch (error) {
      if (error instanceof ApiError && error.is('account-inactive')) {
        // Shown as its own box with the way out (send the link again), not as an error.
        setInactiveEmail(email);
        return;
      }
      throw error;
    }
  }

  return html`<section class="narrow">
    <${PageTitle} title=${t('login.title')} />
    <form ref=${form.formRef} onSubmit=${form.onSubmit(submit, validate)} novalidate class="form">
      <${Alert}>${form.alert}<//>
      <${TextField} ...${form.bind('email')} type="email" label=${t('field.email')} autocomplete="username" required />
      <${PasswordField} ...${form.bind('password')} label=${t('field.password')} autocomplete="current-password" required />
      <p class="form-aside"><a href="/mot-de-passe-oublie">${t('login.forgot')}</a></p>
      <${SubmitButton} busy=${form.busy}>${t('login.submit')}<//>
    </form>
    ${inactiveEmail ? html`<${InactiveNotice} key=${inactiveEmail} email=${inactiveEmail} />` : null}
    <div class="card card-quiet">
      <h2>${t('login.newHere')}</h2>
      <p>${t('login.newHereText')}</p>
      <p><a class="button button-secondary" href="/inscription">${t('login.createAccount')}</a></p>
    </div>
  </section>`;
}
