// /verifier — public: anyone checks an attestation by its code or its file (PDF or .jws),
// without an account, and reads the answer in words — valable, révoquée (with the reason)
// or non valable (why) — with what it attests. `?code=` (the link printed on the
// attestation) checks at once.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, request } from '../../api.js';
import { useForm } from '../../form.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { describedBy, FieldError, Hint, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { AttestedFacts, formatInstantDay, HoursTable } from './shared.js';

const HEADINGS = { valid: 'att.verify.valid', revoked: 'att.verify.revoked', invalid: 'att.verify.invalid', unconfirmed: 'att.verify.unconfirmed' };
const KINDS = { valid: 'card-success', revoked: 'card-warning', invalid: 'card-warning', unconfirmed: 'card-warning' };

function Answer({ answer }) {
  const ref = useRef(null);
  useEffect(() => ref.current?.focus(), [answer]);
  const a = answer.attestation;
  return html`<section class=${`card ${KINDS[answer.result]}`} aria-labelledby="att-answer" role="status">
    <h2 id="att-answer" tabindex="-1" ref=${ref}>${t(HEADINGS[answer.result])}</h2>
    <p>${answer.message}</p>
    ${answer.revocation ? html`<p class="decl-reason decl-reason-bad">${t('att.item.revokedWhy', { date: formatInstantDay(answer.revocation.revokedAt), reason: answer.revocation.reason })}</p>` : null}
    ${a
      ? html`<h3>${t('att.verify.attests')}</h3>
          <${AttestedFacts} attestation=${a} evidence=${answer.evidence} />
          ${a.hours.length ? html`<${HoursTable} id="att-hours" hours=${a.hours} total=${a.totalMinutes} />` : null}
          ${answer.issuedHere ? null : html`<p>${t('att.verify.elsewhere')} <a href=${a.verifyUrl} rel="noopener noreferrer">${a.verifyUrl}</a></p>`}`
      : null}
  </section>`;
}

function FileForm({ onAnswer }) {
  const [file, setFile] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState(null);
  const inputRef = useRef(null);
  async function submit(event) {
    event.preventDefault();
    if (busy) return;
    if (!file) {
      setError(t('att.verify.fileRequired'));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setAlert(null);
    try {
      const type = file.type === 'application/pdf' || /\.pdf$/i.test(file.name) ? 'application/pdf' : 'application/octet-stream';
      onAnswer(await request('POST', '/attestations/verification/file', file, { contentType: type }));
    } catch (failure) {
      const message = failure?.problem?.errors?.[0]?.message;
      if (message) {
        setError(message);
        inputRef.current?.focus();
      } else setAlert(failure?.message || t('error.unexpected'));
    } finally {
      setBusy(false);
    }
  }
  return html`<form class="form" onSubmit=${submit} noValidate>
    ${alert ? html`<${Alert}>${alert}<//>` : null}
    <div class=${`field${error ? ' field-invalid' : ''}`}>
      <label for="file">${t('att.verify.file')}</label>
      <${Hint} id="file" hint=${t('att.verify.fileHint')} />
      <${FieldError} id="file" error=${error} />
      <input id="file" name="file" type="file" accept=".pdf,.jws,application/pdf,application/jose" ref=${inputRef}
        aria-invalid=${error ? 'true' : undefined} aria-describedby=${describedBy('file', { hint: true, error })}
        onChange=${(event) => setFile(event.currentTarget.files?.[0] ?? null)} />
    </div>
    <${SubmitButton} busy=${busy} kind="secondary">${t('att.verify.fileSubmit')}<//>
  </form>`;
}

export function VerifyPage({ query }) {
  const [answer, setAnswer] = useState(null);
  const form = useForm({ code: query?.get('code') || '' });
  const check = (code) => api.get(`/attestations/verification?code=${encodeURIComponent(code.trim())}`).then(setAnswer);
  useEffect(() => {
    const code = query?.get('code');
    if (code) check(code).catch((error) => form.showError(error));
  }, []);
  const submit = form.onSubmit((v) => check(v.code), (v) => ({ code: v.code.trim() ? null : t('att.verify.codeRequired') }));

  return html`<section class="narrow">
    <${PageTitle} title=${t('att.verify.title')} />
    <p class="lead">${t('att.verify.lead')}</p>
    ${answer ? html`<${Answer} answer=${answer} />` : null}
    <section class="card" aria-labelledby="att-code-title">
      <h2 id="att-code-title" class="visually-hidden">${t('att.verify.code')}</h2>
      <form class="form" ref=${form.formRef} onSubmit=${submit} noValidate>
        ${form.alert ? html`<${Alert}>${form.alert}<//>` : null}
        <${TextField} ...${form.bind('code')} label=${t('att.verify.code')} hint=${t('att.verify.codeHint')} autocomplete="off" spellcheck="false" />
        <${SubmitButton} busy=${form.busy}>${t('att.verify.submit')}<//>
      </form>
    </section>
    <section class="card" aria-labelledby="att-file-title">
      <h2 id="att-file-title">${t('att.verify.or')}</h2>
      <${FileForm} onAnswer=${setAnswer} />
    </section>
  </section>`;
}
