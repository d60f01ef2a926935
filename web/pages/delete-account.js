// Account deletion (product.md A1): asks for the current password and says plainly
// what is kept. Validated volunteering stays in the associations' records under a
// pseudonym, because their accounts and reports to funders depend on it.
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api, forgetSession } from '../api.js';
import { navigate } from '../router.js';
import { useForm } from '../form.js';
import { PageTitle } from '../components/PageTitle.js';
import { Alert } from '../components/Alert.js';
import { PasswordField } from '../components/PasswordField.js';
import { SubmitButton } from '../components/SubmitButton.js';

export function DeleteAccountPage() {
  const form = useForm({ currentPassword: '' });

  async function submit(values) {
    await api.post('/me/deletion', { currentPassword: values.currentPassword });
    // Same tick: leave the logged-in page before the account is forgotten.
    navigate('/', { replace: true, flash: t('deleteAccount.done') });
    forgetSession();
  }

  return html`<section class="narrow">
    <${PageTitle} title=${t('deleteAccount.title')} />
    <div class="card card-warning">
      <h2>${t('deleteAccount.whatHappens')}</h2>
      <ul class="plain-list">
        <li>${t('deleteAccount.removed')}</li>
        <li>${t('deleteAccount.kept')}</li>
        <li>${t('deleteAccount.pending')}</li>
        <li>${t('deleteAccount.final')}</li>
      </ul>
      <p>${t('deleteAccount.why')}</p>
      <p>${t('deleteAccount.attestations')} <a href="/attestations">${t('cec.dashboard.attestations')}</a></p>
      <p>${t('deleteAccount.otherSites')}</p>
      <p>${t('deleteAccount.downloadFirst')} <a href="/api/v1/me/data" download>${t('privacy.download')}</a> · <a href="/passeport">${t('cec.dashboard.passport')}</a></p>
    </div>
    <form
      ref=${form.formRef}
      onSubmit=${form.onSubmit(submit, (v) => ({ currentPassword: v.currentPassword ? null : t('password.currentRequired') }))}
      novalidate
      class="form"
    >
      <${Alert}>${form.alert}<//>
      <${PasswordField}
        ...${form.bind('currentPassword')}
        label=${t('field.currentPassword')}
        hint=${t('deleteAccount.passwordHint')}
        autocomplete="current-password"
        required
      />
      <div class="actions">
        <${SubmitButton} busy=${form.busy} kind="danger">${t('deleteAccount.submit')}<//>
        <a class="button button-quiet" href="/profil">${t('deleteAccount.keep')}</a>
      </div>
    </form>
  </section>`;
}
