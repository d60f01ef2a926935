// Password input with a "show password" switch. Paste stays allowed and there are no
// composition rules (NIST SP 800-63B §5.1.1.2): long passphrases and password
// managers are what keep accounts safe, and seeing what one typed avoids mistakes.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { TextField } from './Field.js';

export function PasswordField({ id, autocomplete = 'current-password', ...rest }) {
  const [visible, setVisible] = useState(false);
  return html`<div class="password-field">
    <${TextField}
      id=${id}
      type=${visible ? 'text' : 'password'}
      autocomplete=${autocomplete}
      autocapitalize="off"
      autocorrect="off"
      spellcheck=${false}
      ...${rest}
    />
    <button
      type="button"
      class="button button-quiet password-toggle"
      aria-controls=${id}
      onClick=${() => setVisible(!visible)}
    >
      ${visible ? t('password.hide') : t('password.show')}
    </button>
  </div>`;
}

/** Length limits shared by every form that sets a password (API: 8 to 256 characters). */
export function passwordProblem(value) {
  if (!value) return t('password.required');
  if ([...value].length < 8) return t('password.tooShort');
  if ([...value].length > 256) return t('password.tooLong');
  return null;
}
