// « Paramètres de l'association »: everything a manager can change — its description
// and choices, its address on this site, its logo — and, last, its deletion.
import { useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { useForm } from '../../form.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { AssociationFields, payloadOf, useActivityGroups, validateAssociation, valuesOf } from './fields.js';
import { AddressSection, LogoSection } from './settings-parts.js';
import { DeleteSection } from './settings-delete.js';
import { AssociationStatuses, associationPath, canManage, LoadState, useAssociation } from './shared.js';

function DetailsForm({ association, onSaved }) {
  const groups = useActivityGroups();
  const form = useForm(valuesOf(association));
  const [saved, setSaved] = useState(false);

  async function submit(values) {
    setSaved(false);
    const updated = await api.patch(`/associations/${encodeURIComponent(association.id)}`, payloadOf(values, { clearEmpty: true }));
    onSaved(updated);
    setSaved(true);
  }

  return html`<section class="card" aria-labelledby="details-title">
    <h2 id="details-title">${t('assoc.settings.details')}</h2>
    <form ref=${form.formRef} onSubmit=${form.onSubmit(submit, validateAssociation)} novalidate class="form">
      <${Alert}>${form.alert}<//>
      <${AssociationFields} form=${form} groups=${groups} />
      ${saved ? html`<${Alert} kind="success">${t('assoc.settings.saved')}<//>` : null}
      <${SubmitButton} busy=${form.busy}>${t('assoc.settings.save')}<//>
    </form>
  </section>`;
}

export function AssociationSettingsPage({ params }) {
  const state = useAssociation(params.handle);
  const association = state.association;
  const title = association ? t('assoc.settings.title', { name: association.name }) : state.status === 'loading' ? t('common.loading') : t('assoc.notFound.title');

  let content;
  if (!association) content = html`<${LoadState} state=${state} />`;
  else if (!canManage(association)) {
    content = html`<div class="card card-quiet">
      <p>${t('assoc.settings.forbidden')}</p>
      <p><a class="button button-primary" href=${associationPath(association)}>${t('assoc.backToAssociation')}</a></p>
    </div>`;
  } else {
    content = html`
      <${AssociationStatuses} association=${association} />
      <p><a href=${associationPath(association)}>${t('assoc.backToAssociation')}</a></p>
      <${DetailsForm} association=${association} onSaved=${state.replace} />
      <${AddressSection} association=${association} onSaved=${state.replace} />
      <${LogoSection} association=${association} onSaved=${state.replace} />
      <${DeleteSection} association=${association} />
    `;
  }

  return html`<section class="assoc-settings">
    <${PageTitle} title=${title} />
    ${content}
  </section>`;
}
