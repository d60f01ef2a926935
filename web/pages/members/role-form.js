// The role form (an association's roles and the site's default roles): name,
// description, default flag and the eight permissions of product.md A3, each with a
// plain explanation. « Gérer l'association » gives every right: the other boxes then
// show as ticked and locked, and come back as they were if it is unticked.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { CheckboxField, describedBy, FieldError, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { TextAreaField, tooLong } from './fields.js';

export const PERMISSIONS = [
  'listMembers',
  'manageMembers',
  'manageDeclarations',
  'manageCategories',
  'manageLevels',
  'manageProjects',
  'manageRoles',
  'manageAssociation',
];

/** Short words for a role's rights, e.g. « Gérer les membres, Valider le bénévolat ». */
export function permissionSummary(permissions = {}) {
  if (permissions.manageAssociation) return t('roles.perm.all');
  const names = PERMISSIONS.filter((p) => permissions[p]).map((p) => t(`roles.perm.${p}`));
  return names.length ? names.join(', ') : t('roles.perm.none');
}

function PermissionBox({ id, checked, locked, onValue, error }) {
  const hint = locked ? `${t(`roles.perm.${id}.hint`)} ${t('roles.perm.included')}` : t(`roles.perm.${id}.hint`);
  return html`<div class=${`field field-checkbox${error ? ' field-invalid' : ''}`}>
    <${FieldError} id=${id} error=${error} />
    <div class="checkbox-row">
      <input
        id=${id}
        name=${id}
        type="checkbox"
        checked=${Boolean(checked || locked)}
        disabled=${locked}
        onChange=${(event) => onValue(event.currentTarget.checked)}
        aria-describedby=${describedBy(id, { hint, error })}
      />
      <label for=${id}>${t(`roles.perm.${id}`)}</label>
    </div>
    <p id=${`${id}-hint`} class="hint">${hint}</p>
  </div>`;
}

/**
 * `role`: the role being edited, or null for a new one. `onSave(body)` sends it and may
 * throw an API error, shown beside the fields it names.
 */
export function RoleForm({ role, onSave, onCancel, submitLabel, legend }) {
  const initial = {
    name: role?.name || '',
    description: role?.description || '',
    isDefault: Boolean(role?.isDefault),
    ...Object.fromEntries(PERMISSIONS.map((p) => [p, Boolean(role?.permissions?.[p])])),
  };
  const aliases = Object.fromEntries(PERMISSIONS.map((p) => [`permissions.${p}`, p]));
  const form = useForm(initial, { aliases: { ...aliases, permissions: 'manageAssociation' } });
  const allRights = form.values.manageAssociation;

  async function submit(values) {
    await onSave({
      name: values.name.trim(),
      description: values.description.trim() || null,
      isDefault: values.isDefault,
      // Sent as ticked, so what the person saw is what is stored.
      permissions: Object.fromEntries(PERMISSIONS.map((p) => [p, values.manageAssociation || values[p]])),
    });
  }

  const validate = (values) => ({
    name: !values.name.trim() ? t('roles.nameRequired') : tooLong(values.name, 60),
    description: tooLong(values.description, 500),
  });

  return html`<form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate aria-label=${legend}>
    <${Alert}>${form.alert}<//>
    <${TextField} ...${form.bind('name')} label=${t('roles.name')} hint=${t('roles.nameHint')} autocomplete="off" required />
    <${TextAreaField} ...${form.bind('description')} label=${t('roles.description')} optional rows="3" />
    <${CheckboxField} ...${form.bindCheckbox('isDefault')} label=${t('roles.isDefault')} hint=${t('roles.isDefaultHint')} />
    <fieldset class="fieldset">
      <legend>${t('roles.permissions')}</legend>
      <div class="permission-list">
        ${[...PERMISSIONS].reverse().map(
          (p) => html`<${PermissionBox}
            key=${p}
            id=${p}
            checked=${form.values[p]}
            locked=${p !== 'manageAssociation' && allRights}
            error=${form.errors[p]}
            onValue=${(value) => form.setValue(p, value)}
          />`,
        )}
      </div>
    </fieldset>
    <div class="actions">
      <${SubmitButton} busy=${form.busy}>${submitLabel || t('members.frame.save')}<//>
      <button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>
    </div>
  </form>`;
}
