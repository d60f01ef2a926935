// The fields describing an association, shared by the creation form and the settings
// page: same labels, same checks in the browser, same translation into the API's body.
// Field ids equal the API's field names, so API problems land beside the right field.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { locale, t } from '../../i18n.js';
import { api } from '../../api.js';
import { getState } from '../../store.js';
import { CheckboxField, describedBy, FieldError, Hint, SelectField, TextField } from '../../components/Field.js';
import { countryOptions } from './countries.js';

export const NAME_MAX = 127;
const WEBSITE_MAX = 200;
const POSTAL_CODE_MAX = 10;
const DESCRIPTION_MAX = 5000;
const INCOME_MAX = 10_000_000_000;

/** Starting values of the creation form (ux.md: good defaults — France, Paris time). */
export const NEW_ASSOCIATION = {
  name: '',
  description: '',
  website: '',
  activityFieldCode: '',
  country: 'FR',
  postalCode: '',
  hasEmployees: 'unknown',
  yearlyIncome: '',
  timeZone: 'Europe/Paris',
  isHidden: false,
  moderateMembership: false,
  moderateDeclarations: false,
};

/** Form values from an association read from the API (settings page). */
export function valuesOf(association) {
  return {
    name: association.name || '',
    description: association.description || '',
    website: association.website || '',
    activityFieldCode: association.activityField?.code || '',
    country: association.country || 'FR',
    postalCode: association.postalCode || '',
    hasEmployees: association.hasEmployees || 'unknown',
    // Shown with French digit grouping would be nicer, but a plain number is easier to edit.
    yearlyIncome: association.yearlyIncome == null ? '' : String(association.yearlyIncome),
    timeZone: association.timeZone || 'Europe/Paris',
    isHidden: Boolean(association.isHidden),
    moderateMembership: Boolean(association.moderateMembership),
    moderateDeclarations: Boolean(association.moderateDeclarations),
  };
}

// People type « monasso.fr » or « 12 000 » : accept both, as they would on paper.
function normaliseWebsite(value) {
  const text = value.trim();
  if (!text) return '';
  return /^https?:\/\//i.test(text) ? text : `https://${text}`;
}

function normaliseIncome(value) {
  return value.replace(/[\s\u00a0\u202f.]/g, '').replace(/€$/, '');
}

/** Checks in the browser first; the server has the last word. */
export function validateAssociation(values) {
  const problems = {};
  const name = values.name.trim();
  if (!name) problems.name = t('assoc.field.nameRequired');
  else if ([...name].length > NAME_MAX) problems.name = t('names.tooLong', { max: NAME_MAX });
  if ([...values.description.trim()].length > DESCRIPTION_MAX) problems.description = t('names.tooLong', { max: DESCRIPTION_MAX });
  const website = normaliseWebsite(values.website);
  if (website) {
    let ok = website.length <= WEBSITE_MAX;
    try {
      const url = new URL(website);
      ok = ok && url.hostname.includes('.');
    } catch {
      ok = false;
    }
    if (!ok) problems.website = t('assoc.field.websiteInvalid');
  }
  if ([...values.postalCode.trim()].length > POSTAL_CODE_MAX) problems.postalCode = t('names.tooLong', { max: POSTAL_CODE_MAX });
  const income = normaliseIncome(values.yearlyIncome);
  if (income && (!/^\d+$/.test(income) || Number(income) > INCOME_MAX)) problems.yearlyIncome = t('assoc.field.incomeInvalid');
  return problems;
}

/**
 * Body for POST /associations or PATCH /associations/{id}. On creation empty optional
 * fields are left out; on a change they are sent as null, so that emptying one clears it.
 */
export function payloadOf(values, { clearEmpty = false } = {}) {
  const optional = (text) => (text ? text : clearEmpty ? null : undefined);
  const income = normaliseIncome(values.yearlyIncome);
  const body = {
    name: values.name.trim(),
    // Always a string: the API keeps an empty description as "" (never null).
    description: values.description.trim(),
    website: optional(normaliseWebsite(values.website)),
    activityFieldCode: optional(values.activityFieldCode),
    country: values.country,
    postalCode: optional(values.postalCode.trim()),
    hasEmployees: values.hasEmployees,
    yearlyIncome: income ? Number(income) : clearEmpty ? null : undefined,
    timeZone: values.timeZone,
    isHidden: values.isHidden,
    moderateMembership: values.moderateMembership,
    moderateDeclarations: values.moderateDeclarations,
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** GET /activity-fields, in the interface language (group names are translated). */
export function useActivityGroups() {
  const lang = getState().lang;
  const [groups, setGroups] = useState(null);
  useEffect(() => {
    let alive = true;
    api
      .get('/activity-fields')
      .then((data) => alive && setGroups(data.groups || []))
      .catch((error) => {
        console.warn('Activity fields not loaded', error);
        if (alive) setGroups([]);
      });
    return () => {
      alive = false;
    };
  }, [lang]);
  return groups;
}

function Label({ id, label, optional }) {
  return html`<label for=${id}>${label}${optional ? html` <span class="optional">${t('form.optional')}</span>` : null}</label>`;
}

export function TextAreaField({ id, label, value, onValue, error, hint, optional = false, rows = 4 }) {
  return html`<div class=${`field${error ? ' field-invalid' : ''}`}>
    <${Label} id=${id} label=${label} optional=${optional} />
    <${Hint} id=${id} hint=${hint} />
    <${FieldError} id=${id} error=${error} />
    <textarea
      class="assoc-textarea"
      id=${id}
      name=${id}
      rows=${rows}
      value=${value ?? ''}
      onInput=${(event) => onValue(event.currentTarget.value)}
      aria-invalid=${error ? 'true' : undefined}
      aria-describedby=${describedBy(id, { hint, error })}
    ></textarea>
  </div>`;
}

/** The activity field: a long official list, grouped by sector with <optgroup>. */
function ActivityFieldSelect({ id, value, onValue, error, groups }) {
  const hint = t('assoc.field.activityHint');
  return html`<div class=${`field${error ? ' field-invalid' : ''}`}>
    <${Label} id=${id} label=${t('assoc.field.activity')} optional=${true} />
    <${Hint} id=${id} hint=${hint} />
    <${FieldError} id=${id} error=${error} />
    <select
      id=${id}
      name=${id}
      value=${value}
      onChange=${(event) => onValue(event.currentTarget.value)}
      aria-invalid=${error ? 'true' : undefined}
      aria-describedby=${describedBy(id, { hint, error })}
    >
      <option value="">${groups === null ? t('common.loading') : t('assoc.field.activityNone')}</option>
      ${(groups || []).map(
        (group) => html`<optgroup key=${group.code} label=${group.name}>
          ${group.fields.map((field) => html`<option key=${field.code} value=${field.code}>${field.name}</option>`)}
        </optgroup>`,
      )}
    </select>
  </div>`;
}

// Every time zone the browser knows, « Europe/Paris » first since most users are there.
function timeZoneOptions(current) {
  let zones = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = ['Europe/Paris', ...zones.filter((zone) => zone !== 'Europe/Paris')];
  if (current && !all.includes(current)) all.unshift(current);
  return all.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ').replaceAll('/', ' / ') }));
}

function EuroField({ form }) {
  const { id, value, error, onValue } = form.bind('yearlyIncome');
  const hint = t('assoc.field.incomeHint');
  return html`<div class=${`field${error ? ' field-invalid' : ''}`}>
    <${Label} id=${id} label=${t('assoc.field.income')} optional=${true} />
    <${Hint} id=${id} hint=${hint} />
    <${FieldError} id=${id} error=${error} />
    <div class="input-unit">
      <input
        id=${id}
        name=${id}
        type="text"
        inputmode="numeric"
        autocomplete="off"
        value=${value}
        onInput=${(event) => onValue(event.currentTarget.value)}
        aria-invalid=${error ? 'true' : undefined}
        aria-describedby=${describedBy(id, { hint, error })}
      />
      <span class="input-unit-label" aria-hidden="true">€</span>
    </div>
  </div>`;
}

/** All the descriptive fields and the three choices (hidden, moderated joins, moderated records). */
export function AssociationFields({ form, groups }) {
  const lang = locale();
  return html`
    <${TextField} ...${form.bind('name')} label=${t('assoc.field.name')} hint=${t('assoc.field.nameHint')} autocomplete="organization" required />
    <${TextAreaField} ...${form.bind('description')} label=${t('assoc.field.description')} hint=${t('assoc.field.descriptionHint')} optional />
    <${TextField}
      ...${form.bind('website')}
      type="url"
      inputmode="url"
      label=${t('assoc.field.website')}
      hint=${t('assoc.field.websiteHint')}
      autocomplete="url"
      optional
    />
    <${ActivityFieldSelect} ...${form.bind('activityFieldCode')} groups=${groups} />
    <${SelectField} ...${form.bind('country')} label=${t('assoc.field.country')} options=${countryOptions(lang)} />
    <${TextField} ...${form.bind('postalCode')} label=${t('assoc.field.postalCode')} autocomplete="postal-code" optional />
    <${SelectField}
      ...${form.bind('hasEmployees')}
      label=${t('assoc.field.employees')}
      options=${[
        { value: 'unknown', label: t('assoc.field.employeesUnknown') },
        { value: 'yes', label: t('assoc.field.employeesYes') },
        { value: 'no', label: t('assoc.field.employeesNo') },
      ]}
    />
    <${EuroField} form=${form} />
    <${SelectField}
      ...${form.bind('timeZone')}
      label=${t('assoc.field.timeZone')}
      hint=${t('assoc.field.timeZoneHint')}
      options=${timeZoneOptions(form.values.timeZone)}
    />
    <fieldset class="fieldset">
      <legend>${t('assoc.field.choices')}</legend>
      <${CheckboxField} ...${form.bindCheckbox('moderateMembership')} label=${t('assoc.field.moderateMembership')} hint=${t('assoc.field.moderateMembershipHint')} />
      <${CheckboxField} ...${form.bindCheckbox('moderateDeclarations')} label=${t('assoc.field.moderateDeclarations')} hint=${t('assoc.field.moderateDeclarationsHint')} />
      <${CheckboxField} ...${form.bindCheckbox('isHidden')} label=${t('assoc.field.isHidden')} hint=${t('assoc.field.isHiddenHint')} />
    </fieldset>
  `;
}
