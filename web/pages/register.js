// Registration (product.md A1): e-mail, password, at least one of first name / last
// name / pseudo, acceptance of the site's terms and the age confirmation (15 is the
// French digital majority, loi n° 2018-493 art. 20 / RGPD art. 8). The account stays
// inactive until the link sent by e-mail is opened.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { api, ApiError } from '../api.js';
import { getState } from '../store.js';
import { emailProblem, missingName, nameProblems, useForm } from '../form.js';
import { PageTitle } from '../components/PageTitle.js';
import { Alert } from '../components/Alert.js';
import { CheckboxField, TextField } from '../components/Field.js';
import { PasswordField, passwordProblem } from '../components/PasswordField.js';
import { SubmitButton } from '../components/SubmitButton.js';
import { ResendActivation } from '../components/ResendActivation.js';

function validate(values) {
  const problems = {
    email: emailProblem(values.email),
    password: passwordProblem(values.password),
    ...nameProblems(values),
  };
  if (missingName(values)) problems.names = t('names.oneRequired');
  if (!values.acceptTerms) problems.acceptTerms = t('register.acceptTermsRequired');
  if (!values.ageConfirmation) problems.ageConfirmation = t('register.ageRequired');
  return problems;
}

// Opens in a new tab so that reading the terms never loses what was typed here.
function NewTabLink({ href, children }) {
  return html`<a href=${href} target="_blank" rel="noopener">${children}<span class="visually-hidden"> ${t('common.newTab')}</span></a>`;
}

function Closed() {
  return html`<div class="card">
    <p class="lead">${t('register.closed')}</p>
    <p>${t('register.closedHelp')} <a href="/connexion">${t('nav.login')}</a></p>
  </div>`;
}

function Sent({ email }) {
  const ref = useRef(null);
  // The form disappears: move focus to the news so it is not lost at the page bottom.
  useEffect(() => ref.current?.focus(), []);
  return html`<div class="card card-success" tabindex="-1" ref=${ref}>
    <h2>${t('register.sentTitle')}</h2>
    <p>${t('register.sent')}</p>
    <p>${t('register.sentTo')} <strong>${email}</strong></p>
    <p class="muted">${t('register.notReceived')}</p>
    <${ResendActivation} email=${email} />
  </div>`;
}

export function RegisterPage() {
  const [open, setOpen] = useState(true);
  const [sentTo, setSentTo] = useState(null);
  const form = useForm(
    { email: '', password: '', firstName: '', lastName: '', pseudo: '', acceptTerms: false, ageConfirmation: false },
    // The "one of the three names" rule may be reported under a group name.
    { aliases: { names: 'names', name: 'names', identity: 'names' } },
  );
  const { values, errors } = form;

  useEffect(() => {
    api
      .get('/instance')
      .then((instance) => setOpen(instance.registrationOpen !== false))
      // If this check fails the server still refuses a closed registration (403).
      .catch(() => {});
  }, []);

  async function submit(current) {
    const trimmed = (field) => current[field].trim() || undefined;
    const email = current.email.trim();
    try {
      await api.post('/accounts', {
        email,
        password: current.password,
        firstName: trimmed('firstName'),
        lastName: trimmed('lastName'),
        pseudo: trimmed('pseudo'),
        language: getState().lang,
        acceptTerms: true,
        ageConfirmation: true,
      });
      setSentTo(email);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        setOpen(false);
        return;
      }
      throw error;
    }
  }

  let body;
  if (!open) body = html`<${Closed} />`;
  else if (sentTo) body = html`<${Sent} email=${sentTo} />`;
  else {
    const namesError = errors.names;
    body = html`<form ref=${form.formRef} onSubmit=${form.onSubmit(submit, validate)} novalidate class="form">
      <p>${t('register.already')} <a href="/connexion">${t('register.loginLink')}</a></p>
      <${Alert}>${form.alert}<//>
      <${TextField}
        ...${form.bind('email')}
        type="email"
        label=${t('field.email')}
        hint=${t('register.emailHint')}
        autocomplete="email"
        required
      />
      <${PasswordField}
        ...${form.bind('password')}
        label=${t('field.password')}
        hint=${t('password.rules')}
        autocomplete="new-password"
        required
      />
      <fieldset class="fieldset" aria-describedby=${namesError ? 'names-hint names-error' : 'names-hint'}>
        <legend>${t('names.legend')}</legend>
        <p id="names-hint" class="hint">${t('names.hint')}</p>
        ${namesError
          ? html`<p id="names-error" class="field-error">
              <span class="visually-hidden">${t('form.errorPrefix')} </span>${namesError}
            </p>`
          : null}
        <${TextField}
          ...${form.bind('firstName')}
          label=${t('field.firstName')}
          autocomplete="given-name"
          invalid=${Boolean(namesError)}
          describedByExtra=${namesError ? 'names-error' : undefined}
        />
        <${TextField}
          ...${form.bind('lastName')}
          label=${t('field.lastName')}
          autocomplete="family-name"
          invalid=${Boolean(namesError)}
          describedByExtra=${namesError ? 'names-error' : undefined}
        />
        <${TextField}
          ...${form.bind('pseudo')}
          label=${t('field.pseudo')}
          hint=${t('names.pseudoHint')}
          autocomplete="nickname"
          invalid=${Boolean(namesError)}
          describedByExtra=${namesError ? 'names-error' : undefined}
        />
      </fieldset>
      <${CheckboxField}
        ...${form.bindCheckbox('acceptTerms')}
        label=${t('register.acceptTerms')}
        hint=${html`${t('register.readThe')} <${NewTabLink} href="/conditions">${t('legal.terms')}<//> ${t('register.and')} <${NewTabLink} href="/confidentialite">${t('legal.privacy')}<//>.`}
        required
      />
      <${CheckboxField}
        ...${form.bindCheckbox('ageConfirmation')}
        label=${t('register.age')}
        hint=${t('register.ageHint')}
        required
      />
      <${SubmitButton} busy=${form.busy}>${t('register.submit')}<//>
    </form>`;
  }

  return html`<section class="narrow">
    <${PageTitle} title=${t('register.title')} />
    ${body}
  </section>`;
}
