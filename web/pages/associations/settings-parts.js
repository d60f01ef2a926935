// Settings of an association that are not plain fields: its address on this site
// (changing it moves the page) and its logo (shrunk in the browser like an avatar).
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { navigate } from '../../router.js';
import { useForm } from '../../form.js';
import { ACCEPTED_IMAGE_TYPES, ImageProblem, shrinkImage } from '../../image.js';
import { Alert } from '../../components/Alert.js';
import { describedBy, FieldError, Hint, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { AssociationLogo, associationPath } from './shared.js';

// Same rule as the server (src/handles/handle.service.ts): checked here to answer at once.
const HANDLE_PATTERN = /^[a-z0-9_]{2,30}$/;

export function AddressSection({ association }) {
  const form = useForm({ handle: association.handle });
  const [unchanged, setUnchanged] = useState(false);
  const pageAddress = `${window.location.origin}${associationPath(association)}`;

  async function submit(values) {
    const handle = values.handle.trim().toLowerCase();
    // Nothing to send, but say so: a button that seems to do nothing is worrying.
    setUnchanged(handle === association.handle);
    if (handle === association.handle) return;
    const updated = await api.put(`/associations/${encodeURIComponent(association.id)}/handle`, { handle });
    // The page's own address changes with it: go to the new one.
    navigate(associationPath(updated, '/parametres'), { replace: true, flash: t('assoc.address.saved', { handle: updated.handle }) });
  }

  const validate = (values) => ({
    handle: HANDLE_PATTERN.test(values.handle.trim().toLowerCase()) ? null : t('assoc.address.invalid'),
  });

  return html`<section class="card" aria-labelledby="address-title">
    <h2 id="address-title">${t('assoc.address.title')}</h2>
    <p>${t('assoc.address.explain')}</p>
    <p>${t('assoc.address.current')} <strong class="break">${pageAddress}</strong></p>
    <form ref=${form.formRef} onSubmit=${form.onSubmit(submit, validate)} novalidate class="form">
      <${Alert}>${form.alert}<//>
      <${TextField}
        ...${form.bind('handle')}
        label=${t('assoc.address.label')}
        hint=${t('assoc.address.hint')}
        autocomplete="off"
        autocapitalize="off"
        spellcheck=${false}
        required
      />
      ${unchanged ? html`<${Alert} kind="info">${t('assoc.address.unchanged')}<//>` : null}
      <${SubmitButton} busy=${form.busy} kind="secondary">${t('assoc.address.submit')}<//>
    </form>
  </section>`;
}

function logoMessage(error) {
  if (error instanceof ImageProblem) return t(error.code === 'tooBig' ? 'avatar.tooBig' : 'avatar.unreadable');
  return problemMessage(error);
}

export function LogoSection({ association, onSaved }) {
  const [error, setError] = useState(null);
  const [status, setStatus] = useState(null);
  const [busy, setBusy] = useState(false);
  const path = `/associations/${encodeURIComponent(association.id)}/logo`;

  async function run(action, done) {
    setError(null);
    setStatus(null);
    setBusy(true);
    try {
      const updated = await action();
      // DELETE may answer 204: then read the association again for its new look.
      onSaved(updated || (await api.get(`/associations/${encodeURIComponent(association.id)}`)));
      setStatus(done);
    } catch (failure) {
      setError(logoMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function onChange(event) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    if (!ACCEPTED_IMAGE_TYPES.includes(file.type)) {
      setStatus(null);
      setError(t('avatar.wrongType'));
      input.value = '';
      return;
    }
    await run(async () => {
      const image = await shrinkImage(file);
      return api.put(path, image, { contentType: image.type });
    }, t('assoc.logo.saved'));
    // Lets the same file be chosen again after a failure.
    input.value = '';
  }

  function onRemove() {
    if (!busy) run(() => api.del(path), t('assoc.logo.removed'));
  }

  return html`<section class="card" aria-labelledby="logo-title">
    <h2 id="logo-title">${t('assoc.logo.title')}</h2>
    <div class="avatar-editor">
      <${AssociationLogo} association=${association} size="xl" />
      <div class="avatar-controls">
        <div class=${`field${error ? ' field-invalid' : ''}`}>
          <label for="logo">${association.logoUrl ? t('assoc.logo.change') : t('assoc.logo.choose')}</label>
          <${Hint} id="logo" hint=${t('assoc.logo.hint')} />
          <${FieldError} id="logo" error=${error} />
          <input
            id="logo"
            name="logo"
            type="file"
            accept=${ACCEPTED_IMAGE_TYPES.join(',')}
            onChange=${onChange}
            aria-invalid=${error ? 'true' : undefined}
            aria-describedby=${describedBy('logo', { hint: true, error })}
          />
        </div>
        ${association.logoUrl
          ? html`<button type="button" class="button button-secondary" onClick=${onRemove} aria-disabled=${busy ? 'true' : undefined}>
              ${t('assoc.logo.remove')}
            </button>`
          : null}
        ${busy ? html`<p role="status" class="muted">${t('assoc.logo.working')}</p>` : null}
        ${status ? html`<${Alert} kind="success">${status}<//>` : null}
      </div>
    </div>
  </section>`;
}
