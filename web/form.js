// Shared form behaviour: values kept in state (nothing typed is lost on an error),
// checks in the browser first, then API problems mapped onto the fields they name.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { t } from './i18n.js';

/**
 * @param initial  starting values, keyed by field id (= API field name)
 * @param aliases  API field name → field id, when they differ (e.g. name → tokenName)
 */
export function useForm(initial, { aliases = {} } = {}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState({});
  const [alert, setAlert] = useState(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef(null);

  function setValue(name, value) {
    setValues((previous) => ({ ...previous, [name]: value }));
  }

  /** Props for a field component: <${TextField} ...${bind('email')} label=… /> */
  function bind(name) {
    return { id: name, value: values[name], error: errors[name], onValue: (value) => setValue(name, value) };
  }

  function bindCheckbox(name) {
    return { id: name, checked: values[name], error: errors[name], onValue: (value) => setValue(name, value) };
  }

  // Keyboard and screen-reader users land on the first field to fix; the message is
  // tied to it, so it is read out straight away. Deferred until Preact has rendered.
  function focusFirstError() {
    setTimeout(() => {
      const target = formRef.current?.querySelector('[aria-invalid="true"]');
      if (target) target.focus();
    }, 0);
  }

  function fieldFor(apiField) {
    if (!apiField) return null;
    if (aliases[apiField]) return aliases[apiField];
    // The API may name a nested value ("identity.firstName"): its first part is the field.
    const first = String(apiField).split(/[.[]/)[0];
    if (aliases[first]) return aliases[first];
    return first in values ? first : null;
  }

  /** Shows an error coming from the API (or the network) on the form. */
  function showError(error) {
    if (!(error instanceof ApiError)) {
      console.error(error);
      setAlert(t('error.unexpected'));
      return;
    }
    const problem = error.problem;
    const fieldErrors = {};
    const loose = [];
    for (const item of Array.isArray(problem.errors) ? problem.errors : []) {
      const field = fieldFor(item.field);
      if (!item.message) continue;
      if (!field) {
        if (!loose.includes(item.message)) loose.push(item.message);
      } else if (!fieldErrors[field]) {
        fieldErrors[field] = item.message;
      } else if (!fieldErrors[field].includes(item.message)) {
        fieldErrors[field] = `${fieldErrors[field]} ${item.message}`;
      }
    }
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length > 0) {
      setAlert([t('form.fixErrors'), ...loose].join(' '));
      focusFirstError();
    } else if (loose.length > 0) {
      // Errors about something that is not a field here (e.g. the link's token).
      setAlert(loose.join(' '));
    } else {
      setAlert(problem.detail || problem.title || t('error.unexpected'));
    }
  }

  /**
   * onSubmit handler: runs `validate(values)` (returns { field: message }) then
   * `action(values)`; any thrown error is shown on the form.
   */
  function onSubmit(action, validate) {
    return async (event) => {
      event.preventDefault();
      if (busy) return;
      const found = validate ? validate(values) : {};
      const invalid = Object.fromEntries(Object.entries(found).filter(([, message]) => message));
      if (Object.keys(invalid).length > 0) {
        setErrors(invalid);
        setAlert(t('form.fixErrors'));
        focusFirstError();
        return;
      }
      setErrors({});
      setAlert(null);
      setBusy(true);
      try {
        await action(values);
      } catch (error) {
        showError(error);
      } finally {
        setBusy(false);
      }
    };
  }

  return { values, setValue, setValues, errors, setErrors, alert, setAlert, busy, formRef, bind, bindCheckbox, onSubmit, showError };
}

/** Empty-field and e-mail checks shared by the forms. */
export function emailProblem(value) {
  const email = (value || '').trim();
  if (!email) return t('email.required');
  // Deliberately loose: the server has the last word; this only catches typos early.
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return t('email.invalid');
  return null;
}

// Identity rules of product.md A1: first name ≤ 30, last name ≤ 50, pseudo ≤ 30,
// and at least one of the three.
const NAME_LIMITS = { firstName: 30, lastName: 50, pseudo: 30 };

export function nameProblems(values) {
  const problems = {};
  for (const [field, max] of Object.entries(NAME_LIMITS)) {
    if ([...(values[field] || '').trim()].length > max) problems[field] = t('names.tooLong', { max });
  }
  return problems;
}

export function missingName(values) {
  return !Object.keys(NAME_LIMITS).some((field) => (values[field] || '').trim());
}
