// Deleting an association removes everything of it (product.md A2). Typing its name
// is the confirmation: a click alone is too easy for something that cannot be undone.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { navigate } from '../../router.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';

const sameName = (a, b) => a.trim().toLocaleLowerCase('fr') === b.trim().toLocaleLowerCase('fr');

export function DeleteSection({ association }) {
  const form = useForm({ confirmName: '' });

  async function submit(values) {
    await api.post(`/associations/${encodeURIComponent(association.id)}/deletion`, { confirmName: values.confirmName.trim() });
    navigate('/', { replace: true, flash: t('assoc.delete.done', { name: association.name }) });
  }

  const validate = (values) => ({
    confirmName: sameName(values.confirmName, association.name) ? null : t('assoc.delete.nameMismatch', { name: association.name }),
  });

  return html`<section class="card card-warning" aria-labelledby="delete-title">
    <h2 id="delete-title">${t('assoc.delete.title')}</h2>
    <p>${t('assoc.delete.intro')}</p>
    <ul class="plain-list">
      <li>${t('assoc.delete.removed')}</li>
      <li>${t('assoc.delete.removedLinks')}</li>
      <li>${t('assoc.delete.kept')}</li>
      <li><strong>${t('assoc.delete.final')}</strong></li>
    </ul>
    <form ref=${form.formRef} onSubmit=${form.onSubmit(submit, validate)} novalidate class="form">
      <${Alert}>${form.alert}<//>
      <${TextField}
        ...${form.bind('confirmName')}
        label=${t('assoc.delete.confirmLabel', { name: association.name })}
        autocomplete="off"
        spellcheck=${false}
        required
      />
      <${SubmitButton} busy=${form.busy} kind="danger">${t('assoc.delete.submit')}<//>
    </form>
  </section>`;
}
