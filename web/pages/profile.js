// Profile: identity, preferences, picture, devices and API tokens, plus links to the
// pages that need the current password (password, e-mail, deletion).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { setAccount } from '../store.js';
import { missingName, nameProblems, useForm } from '../form.js';
import { PageTitle } from '../components/PageTitle.js';
import { Alert } from '../components/Alert.js';
import { SelectField, TextField } from '../components/Field.js';
import { SubmitButton } from '../components/SubmitButton.js';
import { AvatarSection } from './profile-avatar.js';
import { SessionsSection } from './profile-sessions.js';
import { TokensSection } from './profile-tokens.js';
import { NotificationSection } from './declarations/notifications.js';
import { PrivacySection } from './privacy/privacy.js';

function validate(values) {
  const problems = nameProblems(values);
  if (missingName(values)) problems.firstName = t('names.oneRequired');
  return problems;
}

function IdentityForm({ account }) {
  const [saved, setSaved] = useState(false);
  const form = useForm({
    firstName: account.firstName || '',
    lastName: account.lastName || '',
    pseudo: account.pseudo || '',
    theme: account.theme || 'auto',
    language: account.language || 'fr',
  }, { aliases: { names: 'firstName', name: 'firstName', identity: 'firstName' } });

  // The header switches also save theme and language: keep this form in step.
  useEffect(() => {
    form.setValues((values) => ({ ...values, theme: account.theme || values.theme, language: account.language || values.language }));
  }, [account.theme, account.language]);

  async function submit(values) {
    setSaved(false);
    // An emptied name is sent as null so that the server clears it.
    const name = (field) => values[field].trim() || null;
    const updated = await api.patch('/me', {
      firstName: name('firstName'),
      lastName: name('lastName'),
      pseudo: name('pseudo'),
      theme: values.theme,
      language: values.language,
    });
    setAccount(updated);
    setSaved(true);
  }

  return html`<section class="card" aria-labelledby="identity-title">
    <h2 id="identity-title">${t('profile.identity')}</h2>
    <form ref=${form.formRef} onSubmit=${form.onSubmit(submit, validate)} novalidate class="form">
      <${Alert}>${form.alert}<//>
      <p class="hint" id="names-hint">${t('names.hint')}</p>
      <${TextField} ...${form.bind('firstName')} label=${t('field.firstName')} autocomplete="given-name" />
      <${TextField} ...${form.bind('lastName')} label=${t('field.lastName')} autocomplete="family-name" />
      <${TextField} ...${form.bind('pseudo')} label=${t('field.pseudo')} hint=${t('names.pseudoHint')} autocomplete="nickname" />
      <${SelectField}
        ...${form.bind('theme')}
        label=${t('prefs.theme')}
        options=${[
          { value: 'auto', label: t('theme.autoLong') },
          { value: 'light', label: t('theme.light') },
          { value: 'dark', label: t('theme.dark') },
        ]}
      />
      <${SelectField}
        ...${form.bind('language')}
        label=${t('prefs.language')}
        options=${[
          { value: 'fr', label: 'Français' },
          { value: 'en', label: 'English' },
        ]}
      />
      ${saved ? html`<${Alert} kind="success">${t('profile.saved')}<//>` : null}
      <${SubmitButton} busy=${form.busy}>${t('profile.save')}<//>
    </form>
  </section>`;
}

export function ProfilePage({ account }) {
  return html`<div class="profile">
    <${PageTitle} title=${t('profile.title')} />
    <p class="lead">${account.displayName}</p>

    <${AvatarSection} account=${account} />
    <${IdentityForm} account=${account} />

    <section class="card" aria-labelledby="security-title">
      <h2 id="security-title">${t('profile.security')}</h2>
      <p>${t('profile.emailIs')} <strong>${account.email}</strong></p>
      <ul class="link-list">
        <li><a href="/profil/email">${t('profile.changeEmail')}</a></li>
        <li><a href="/profil/mot-de-passe">${t('profile.changePassword')}</a></li>
      </ul>
    </section>

    <${NotificationSection} />
    <${SessionsSection} />
    <${TokensSection} />
    <${PrivacySection} account=${account} />

    <section class="card card-quiet" aria-labelledby="delete-title">
      <h2 id="delete-title">${t('profile.deleteTitle')}</h2>
      <p>${t('profile.deleteText')}</p>
      <p><a class="button button-danger-outline" href="/profil/suppression">${t('profile.deleteLink')}</a></p>
    </section>
  </div>`;
}
