// « Créer une association »: a short form with good defaults. The creator becomes its
// first manager. When the site checks new associations first, the form says so before
// anything is typed, and the association page says so afterwards.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { api } from '../../api.js';
import { useForm } from '../../form.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { AssociationFields, NEW_ASSOCIATION, payloadOf, useActivityGroups, validateAssociation } from './fields.js';
import { associationPath, canCreate, useInstance } from './shared.js';

function CreateForm({ moderated }) {
  const groups = useActivityGroups();
  const form = useForm({ ...NEW_ASSOCIATION });

  async function submit(values) {
    const association = await api.post('/associations', payloadOf(values));
    const flash = association.isActive ? t('assoc.create.done') : t('assoc.create.doneModerated');
    navigate(associationPath(association), { flash });
  }

  return html`<form ref=${form.formRef} onSubmit=${form.onSubmit(submit, validateAssociation)} novalidate class="form">
    ${moderated ? html`<${Alert} kind="info">${t('assoc.create.moderated')}<//>` : null}
    <p class="hint">${t('assoc.create.onlyName')}</p>
    <${Alert}>${form.alert}<//>
    <${AssociationFields} form=${form} groups=${groups} />
    <div class="actions">
      <${SubmitButton} busy=${form.busy}>${t('assoc.create.submit')}<//>
      <a class="button button-quiet" href="/associations">${t('common.cancel')}</a>
    </div>
  </form>`;
}

export function CreateAssociationPage({ account }) {
  const instance = useInstance();
  let content;
  if (!instance) content = html`<p role="status" class="muted">${t('common.loading')}</p>`;
  else if (!canCreate(instance, account)) {
    content = html`<div class="card card-quiet">
      <p>${t('assoc.create.closed')}</p>
      <p><a class="button button-primary" href="/associations">${t('assoc.backToList')}</a></p>
    </div>`;
  } else content = html`<${CreateForm} moderated=${instance.associationCreationModerated} />`;

  return html`<section class="narrow">
    <${PageTitle} title=${t('assoc.create.title')} />
    <p class="lead">${t('assoc.create.lead')}</p>
    <p>${t('import.entryLead')} <a href="/imports">${t('import.entry')}</a></p>
    ${content}
  </section>`;
}
