// /admin/parametres — the site's name, what is open (sign-up, creating associations,
// approval of new ones) and the three legal texts shown in the footer's pages.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { CheckboxField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { TextAreaField, tooLong } from '../members/fields.js';
import { AdminFrame } from './frame.js';

const SWITCHES = ['registrationOpen', 'associationCreationOpen', 'associationCreationModerated'];
const TEXTS = [
  { id: 'legalNotice', path: '/mentions-legales' },
  { id: 'privacyNotice', path: '/confidentialite' },
  { id: 'termsOfUse', path: '/conditions' },
];

function SettingsForm({ settings }) {
  const [saved, setSaved] = useState(false);
  const form = useForm({
    name: settings.name || '',
    registrationOpen: Boolean(settings.registrationOpen),
    associationCreationOpen: Boolean(settings.associationCreationOpen),
    associationCreationModerated: Boolean(settings.associationCreationModerated),
    legalNotice: settings.legalNotice || '',
    privacyNotice: settings.privacyNotice || '',
    termsOfUse: settings.termsOfUse || '',
  });

  async function submit(values) {
    setSaved(false);
    const updated = await api.patch('/admin/settings', { ...values, name: values.name.trim() });
    form.setValues((previous) => ({ ...previous, ...updated }));
    setSaved(true);
  }

  const validate = (values) => ({
    name: !values.name.trim() ? t('admin.settings.nameRequired') : tooLong(values.name, 80),
  });

  return html`<form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate>
    <${Alert}>${form.alert}<//>
    ${saved ? html`<${Alert} kind="success">${t('admin.settings.saved')}<//>` : null}
    <${TextField} ...${form.bind('name')} label=${t('admin.settings.name')} hint=${t('admin.settings.nameHint')} autocomplete="off" required />
    <fieldset class="fieldset">
      <legend>${t('admin.settings.openness')}</legend>
      ${SWITCHES.map(
        (id) => html`<${CheckboxField} key=${id} ...${form.bindCheckbox(id)} label=${t(`admin.settings.${id}`)} hint=${t(`admin.settings.${id}.hint`)} />`,
      )}
    </fieldset>
    <fieldset class="fieldset">
      <legend>${t('admin.settings.legal')}</legend>
      <p class="hint">${t('admin.settings.legalHint')}</p>
      ${TEXTS.map(
        ({ id, path }) => html`<div key=${id}>
          <${TextAreaField} ...${form.bind(id)} label=${t(`admin.settings.${id}`)} rows="8" />
          <p class="hint target-link"><a href=${path}>${t('admin.settings.see', { page: t(`admin.settings.${id}`) })}</a></p>
        </div>`,
      )}
    </fieldset>
    <${SubmitButton} busy=${form.busy}>${t('members.frame.save')}<//>
  </form>`;
}

export function AdminSettingsPage({ account }) {
  const [settings, setSettings] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (!account?.isAdmin) return;
    api
      .get('/admin/settings')
      .then(setSettings)
      .catch((failure) => setError(problemMessage(failure)));
  }, []);

  return html`<${AdminFrame} account=${account} title=${t('admin.nav.settings')}>
    <div class="narrow">
      ${error ? html`<${Alert}>${error}<//>` : settings ? html`<${SettingsForm} settings=${settings} />` : html`<p class="muted">${t('common.loading')}</p>`}
    </div>
  <//>`;
}
