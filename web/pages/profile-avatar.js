// Profile picture: choose, shrink in the browser, upload; or remove it and go back to
// the initials on a coloured background.
import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api, problemMessage } from '../api.js';
import { setAccount } from '../store.js';
import { ACCEPTED_IMAGE_TYPES, ImageProblem, shrinkImage } from '../image.js';
import { Avatar } from '../components/Avatar.js';
import { Alert } from '../components/Alert.js';
import { describedBy, FieldError, Hint } from '../components/Field.js';

function messageFor(error) {
  if (error instanceof ImageProblem) return t(error.code === 'tooBig' ? 'avatar.tooBig' : 'avatar.unreadable');
  return problemMessage(error);
}

export function AvatarSection({ account }) {
  const [error, setError] = useState(null);
  const [status, setStatus] = useState(null);
  const [busy, setBusy] = useState(false);

  async function onChange(event) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    setStatus(null);
    if (!ACCEPTED_IMAGE_TYPES.includes(file.type)) {
      setError(t('avatar.wrongType'));
      input.value = '';
      return;
    }
    setBusy(true);
    try {
      const image = await shrinkImage(file);
      setAccount(await api.put('/me/avatar', image, { contentType: image.type }));
      setStatus(t('avatar.saved'));
    } catch (failure) {
      setError(messageFor(failure));
    } finally {
      setBusy(false);
      // Allows choosing the same file again after a failure.
      input.value = '';
    }
  }

  async function onRemove() {
    if (busy) return;
    setError(null);
    setStatus(null);
    setBusy(true);
    try {
      setAccount(await api.del('/me/avatar'));
      setStatus(t('avatar.removed'));
    } catch (failure) {
      setError(messageFor(failure));
    } finally {
      setBusy(false);
    }
  }

  return html`<section class="card" aria-labelledby="avatar-title">
    <h2 id="avatar-title">${t('avatar.title')}</h2>
    <div class="avatar-editor">
      <${Avatar} account=${account} size="xl" />
      <div class="avatar-controls">
        <div class=${`field${error ? ' field-invalid' : ''}`}>
          <label for="avatar">${account.avatarUrl ? t('avatar.change') : t('avatar.choose')}</label>
          <${Hint} id="avatar" hint=${t('avatar.hint')} />
          <${FieldError} id="avatar" error=${error} />
          <input
            id="avatar"
            name="avatar"
            type="file"
            accept=${ACCEPTED_IMAGE_TYPES.join(',')}
            onChange=${onChange}
            aria-invalid=${error ? 'true' : undefined}
            aria-describedby=${describedBy('avatar', { hint: true, error })}
          />
        </div>
        ${account.avatarUrl
          ? html`<button type="button" class="button button-secondary" onClick=${onRemove} aria-disabled=${busy ? 'true' : undefined}>
              ${t('avatar.remove')}
            </button>`
          : null}
        ${busy ? html`<p role="status" class="muted">${t('avatar.working')}</p>` : null}
        ${status ? html`<${Alert} kind="success">${status}<//>` : null}
      </div>
    </div>
  </section>`;
}
