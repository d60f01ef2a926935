// "Send the activation e-mail again": offered after registration, on the login page
// when the account is not active yet, and when an activation link has expired
// (product.md A1: "the link can be sent again").
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api, problemMessage } from '../api.js';
import { emailProblem } from '../form.js';
import { TextField } from './Field.js';
import { Alert } from './Alert.js';
import { SubmitButton } from './SubmitButton.js';

/** With `email`, a single button; without it, a small form asking for the address. */
export function ResendActivation({ email: knownEmail, fieldId = 'email' }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState(null);
  const [message, setMessage] = useState(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event) {
    event.preventDefault();
    if (busy) return;
    const address = (knownEmail || email).trim();
    const problem = knownEmail ? null : emailProblem(address);
    setError(problem);
    if (problem) {
      event.currentTarget.querySelector('input')?.focus();
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await api.post('/accounts/activation/resend', { email: address });
      setMessage({ kind: 'success', text: t('resend.done') });
    } catch (failure) {
      setMessage({ kind: 'error', text: problemMessage(failure) });
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="resend" onSubmit=${onSubmit} novalidate>
    ${knownEmail
      ? null
      : html`<${TextField}
          id=${fieldId}
          name="email"
          type="email"
          label=${t('field.email')}
          value=${email}
          onValue=${setEmail}
          error=${error}
          autocomplete="email"
          required
        />`}
    <${SubmitButton} busy=${busy} kind="secondary">${t('resend.button')}<//>
    ${message ? html`<${Alert} kind=${message.kind}>${message.text}<//>` : null}
  </form>`;
}
