// The « E-mails » section of the profile: for each kind of message, one e-mail each
// time, one summary a day, or none (managers of busy associations choose the summary).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { SubmitButton } from '../../components/SubmitButton.js';

export const KINDS = ['declaration_pending', 'declaration_validated', 'declaration_rejected', 'membership_request', 'membership_approved'];
const MODES = ['immediate', 'digest', 'none'];

/** { kind: mode } from the API's answer ({ preferences: [{ kind, mode }] }). */
function toChoices(data) {
  const choices = {};
  for (const item of data?.preferences || []) if (item?.kind) choices[item.kind] = item.mode;
  return choices;
}

function KindChoice({ kind, value, onValue }) {
  const name = `notify-${kind}`;
  return html`<fieldset class="fieldset notify-kind">
    <legend>${t(`notify.kind.${kind}`)}</legend>
    <p class="hint" id=${`${name}-hint`}>${t(`notify.kindHint.${kind}`)}</p>
    ${MODES.map(
      (mode) => html`<div class="checkbox-row" key=${mode}>
        <input type="radio" id=${`${name}-${mode}`} name=${name} value=${mode} checked=${value === mode}
          onChange=${() => onValue(mode)} aria-describedby=${`${name}-hint`} />
        <label for=${`${name}-${mode}`}>${t(`notify.mode.${mode}`)}</label>
      </div>`,
    )}
  </fieldset>`;
}

export function NotificationSection() {
  const [choices, setChoices] = useState(null);
  const [kinds, setKinds] = useState(KINDS);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .get('/me/notifications')
      .then((data) => {
        const loaded = toChoices(data);
        // The server lists the kinds it knows; keep ours in order, then any new one.
        const known = Object.keys(loaded);
        if (known.length) setKinds([...KINDS.filter((k) => known.includes(k)), ...known.filter((k) => !KINDS.includes(k))]);
        setChoices(loaded);
      })
      .catch((failure) => {
        setChoices({});
        setError(problemMessage(failure));
      });
  }, []);

  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      const preferences = kinds.map((kind) => ({ kind, mode: choices[kind] || 'immediate' }));
      setChoices(toChoices(await api.put('/me/notifications', { preferences })));
      setSaved(true);
    } catch (failure) {
      setError(problemMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return html`<section class="card" aria-labelledby="notify-title">
    <h2 id="notify-title">${t('notify.title')}</h2>
    <p>${t('notify.intro')}</p>
    ${choices === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : html`<form class="form" onSubmit=${submit} novalidate>
          <${Alert}>${error}<//>
          ${kinds.map(
            (kind) => html`<${KindChoice} key=${kind} kind=${kind} value=${choices[kind] || 'immediate'}
              onValue=${(mode) => {
                setSaved(false);
                setChoices((previous) => ({ ...previous, [kind]: mode }));
              }} />`,
          )}
          ${saved ? html`<${Alert} kind="success">${t('notify.saved')}<//>` : null}
          <${SubmitButton} busy=${busy}>${t('notify.save')}<//>
        </form>`}
  </section>`;
}
