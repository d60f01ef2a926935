// The declaration form of the interface guide: first the date (today), the duration
// (quick choices), the category (the last one used) and a short title; « Plus de
// détails » unfolds project, level, distance, end date and description. Project and
// level are left out when the association has none. Checks run in the browser first
// and the server's answers land beside the fields; nothing typed is lost.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { TextAreaField } from '../members/fields.js';
import { DurationField, splitMinutes, totalMinutes } from './DurationField.js';
import { AuthorField, authorBody } from './author-field.js';
import { daysSpanned, isDay, kmForInput, newIdempotencyKey, nextDay, normaliseKm, todayIn } from './format.js';
import { rememberCategory, rememberedCategory } from './shared.js';

export const TITLE_MAX = 127;
const DESCRIPTION_MAX = 5000;
const KM_MAX = 100_000;
const FIRST_DAY = '2000-01-01';
const DETAIL_FIELDS = ['projectId', 'levelId', 'distanceKm', 'endDate', 'description'];

function initialValues(declaration, associationId, timeZone) {
  if (declaration) {
    return {
      associationId: declaration.associationId,
      date: declaration.date,
      ...splitMinutes(declaration.durationMinutes),
      categoryId: declaration.category?.id || '',
      title: declaration.title || '',
      projectId: declaration.project?.id || '',
      levelId: declaration.level?.id || '',
      distanceKm: kmForInput(declaration.distanceKm),
      endDate: declaration.endDate || '',
      description: declaration.description || '',
      author: 'self',
    };
  }
  return {
    associationId: associationId || '',
    date: todayIn(timeZone),
    hours: '',
    minutes: '',
    categoryId: associationId ? rememberedCategory(associationId) : '',
    title: '',
    projectId: '',
    levelId: '',
    distanceKm: '',
    endDate: '',
    description: '',
    author: 'self',
  };
}

function validate(values, today) {
  const problems = {};
  if (!values.associationId) problems.associationId = t('decl.error.association');
  if (!values.categoryId) problems.categoryId = t('decl.error.category');
  const title = values.title.trim();
  if (!title) problems.title = t('decl.error.title');
  else if ([...title].length > TITLE_MAX) problems.title = t('decl.error.titleLong', { max: TITLE_MAX });
  if (!isDay(values.date)) problems.date = t('decl.error.date');
  else if (values.date < FIRST_DAY) problems.date = t('decl.error.dateOld');
  else if (values.date > today) problems.date = t('decl.error.future');
  if (values.endDate) {
    if (!isDay(values.endDate)) problems.endDate = t('decl.error.date');
    else if (isDay(values.date) && values.endDate <= values.date) problems.endDate = t('decl.error.endBefore');
    else if (values.endDate > today) problems.endDate = t('decl.error.future');
  }
  const km = normaliseKm(values.distanceKm);
  if (km === null) problems.distanceKm = t('decl.error.distance');
  else if (Number(km) > KM_MAX) problems.distanceKm = t('decl.error.distanceMax');
  const minutes = totalMinutes(values.hours, values.minutes);
  const days = daysSpanned(values.date, values.endDate);
  if (minutes > 24 * 60 * days) problems.hours = t('decl.error.durationMax', { hours: 24 * days });
  else if (minutes === 0 && !(Number(km) > 0)) problems.hours = t('decl.error.duration');
  if ([...values.description.trim()].length > DESCRIPTION_MAX) problems.description = t('decl.error.descriptionLong', { max: DESCRIPTION_MAX });
  return problems;
}

function Details({ form, catalog, today }) {
  const hasProjects = catalog.projects.length > 0;
  const hasLevels = catalog.levels.length > 0;
  return html`<div id="decl-details" class="decl-details">
    ${hasProjects
      ? html`<${SelectField}
          ...${form.bind('projectId')}
          label=${t('decl.field.project')}
          options=${[{ value: '', label: t('decl.field.noProject') }, ...catalog.projects.map((p) => ({ value: p.id, label: p.name }))]}
        />`
      : null}
    ${hasLevels
      ? html`<${SelectField}
          ...${form.bind('levelId')}
          label=${t('decl.field.level')}
          hint=${t('decl.field.levelHint')}
          options=${[{ value: '', label: t('decl.field.noLevel') }, ...catalog.levels.map((l) => ({ value: l.id, label: l.name }))]}
        />`
      : null}
    <${TextField}
      ...${form.bind('distanceKm')}
      label=${t('decl.field.distance')}
      hint=${t('decl.field.distanceHint')}
      inputmode="decimal"
      autocomplete="off"
      maxlength="10"
      optional
    />
    <${TextField}
      ...${form.bind('endDate')}
      type="date"
      label=${t('decl.field.endDate')}
      hint=${t('decl.field.endDateHint')}
      min=${nextDay(form.values.date)}
      max=${today}
      optional
    />
    <${TextAreaField}
      ...${form.bind('description')}
      label=${t('decl.field.description')}
      maxlength=${DESCRIPTION_MAX}
      rows="4"
      optional
    />
  </div>`;
}

/**
 * Props: `association` (full, with its time zone and the viewer's rights), `catalog`
 * ({ categories, levels, projects }), `choices` (associations the person may declare
 * in; a list shows when there are several) with `onAssociation(id)`, `declaration` to
 * edit one, `onSaved(declaration)`, `account` (for the author choice of managers);
 * `send(values, body)` records a new one elsewhere and `update(values, body)` saves an edit
 * elsewhere (an association of another site), with `aliases` (API field → form field).
 */
export function DeclarationForm({ association, catalog, choices = [], onAssociation, declaration = null, onSaved, account, manager = false, submitLabel, send = null, update = null, aliases = {} }) {
  const editing = Boolean(declaration);
  const today = todayIn(association?.timeZone);
  const form = useForm(initialValues(declaration, association?.id, association?.timeZone), { aliases: { durationMinutes: 'hours', ...aliases } });
  // One key per form shown: a double click or a resent request records one declaration.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const detailsWithValue = DETAIL_FIELDS.some((field) => form.values[field] && form.values[field] !== '');
  const [open, setOpen] = useState(editing && detailsWithValue);
  const detailsInvalid = DETAIL_FIELDS.some((field) => form.errors[field]);
  const showDetails = open || detailsInvalid;
  const { values, setValues } = form;

  // A new association (or its lists loaded): keep only choices that exist there.
  useEffect(() => {
    if (!catalog) return;
    setValues((previous) => {
      const has = (list, id) => list.some((item) => item.id === id);
      const remembered = rememberedCategory(previous.associationId);
      let categoryId = previous.categoryId;
      if (!has(catalog.categories, categoryId)) {
        categoryId = has(catalog.categories, remembered) ? remembered : catalog.categories.length === 1 ? catalog.categories[0].id : '';
      }
      return {
        ...previous,
        categoryId,
        projectId: has(catalog.projects, previous.projectId) ? previous.projectId : '',
        levelId: has(catalog.levels, previous.levelId) ? previous.levelId : '',
      };
    });
  }, [catalog]);

  async function submit(current) {
    const km = normaliseKm(current.distanceKm) || '';
    const body = {
      categoryId: current.categoryId,
      title: current.title.trim(),
      date: current.date,
      durationMinutes: totalMinutes(current.hours, current.minutes),
    };
    const description = current.description.trim();
    let saved;
    if (editing) {
      // A PATCH says explicitly what was emptied.
      Object.assign(body, {
        projectId: current.projectId || null,
        levelId: current.levelId || null,
        endDate: current.endDate || null,
        description,
        distanceKm: km || null,
      });
      saved = update ? await update(current, body) : await api.patch(`/declarations/${declaration.id}`, body);
    } else {
      if (current.projectId) body.projectId = current.projectId;
      if (current.levelId) body.levelId = current.levelId;
      if (current.endDate) body.endDate = current.endDate;
      if (description) body.description = description;
      if (km) body.distanceKm = km;
      const author = manager ? authorBody(current.author) : undefined;
      if (author) body.author = author;
      body.idempotencyKey = idempotencyKey;
      // `send`: another destination (an association of another site, remote-declare.js).
      saved = send ? await send(current, body) : await api.post(`/associations/${current.associationId}/declarations`, body);
    }
    rememberCategory(current.associationId, current.categoryId);
    onSaved(saved);
  }

  function chooseAssociation(id) {
    // The people one may declare for differ from one association to the next.
    setValues((previous) => ({ ...previous, associationId: id, author: 'self' }));
    onAssociation?.(id);
  }

  const loading = !catalog || !association || association.id !== values.associationId;
  return html`<form ref=${form.formRef} class="form decl-form" onSubmit=${form.onSubmit(submit, (v) => validate(v, today))} novalidate>
    <${Alert}>${form.alert}<//>
    ${!editing && choices.length > 1
      ? html`<${SelectField}
          ...${form.bind('associationId')}
          onValue=${chooseAssociation}
          label=${t('decl.field.association')}
          options=${[{ value: '', label: t('decl.field.chooseAssociation') }, ...choices.map((a) => ({ value: a.id, label: a.name }))]}
        />`
      : null}
    ${!editing && manager ? html`<${AuthorField} associationId=${values.associationId} accountId=${account?.id} ...${form.bind('author')} />` : null}
    <${TextField} ...${form.bind('date')} type="date" label=${t('decl.field.date')} min=${FIRST_DAY} max=${today} required />
    <${DurationField}
      hours=${values.hours}
      minutes=${values.minutes}
      days=${daysSpanned(values.date, values.endDate)}
      error=${form.errors.hours}
      onChange=${({ hours, minutes }) => setValues((previous) => ({ ...previous, hours, minutes }))}
    />
    ${loading && values.associationId
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : html`<${SelectField}
          ...${form.bind('categoryId')}
          label=${t('decl.field.category')}
          options=${[{ value: '', label: t('decl.field.chooseCategory') }, ...(catalog?.categories || []).map((c) => ({ value: c.id, label: c.name }))]}
        />`}
    <${TextField}
      ...${form.bind('title')}
      label=${t('decl.field.title')}
      hint=${t('decl.field.titleHint')}
      maxlength=${TITLE_MAX}
      autocomplete="off"
      required
    />
    <div class="decl-more">
      <button type="button" class="button button-quiet decl-more-button" aria-expanded=${showDetails ? 'true' : 'false'} aria-controls="decl-details"
        onClick=${() => setOpen(!showDetails)}>
        <span class="decl-more-icon" aria-hidden="true"></span>${t('decl.more')}
      </button>
    </div>
    ${showDetails && !loading ? html`<${Details} form=${form} catalog=${catalog} today=${today} />` : null}
    <div class="actions">
      <${SubmitButton} busy=${form.busy}>${submitLabel || t('decl.submit')}<//>
    </div>
  </form>`;
}
