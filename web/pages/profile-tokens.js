// Personal access tokens for the API (a spreadsheet or another program reading or
// sending one's data without the password). The secret is shown once only: the
// server keeps just a hash of it, like a password.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../html.js';
import { formatDate, t } from '../i18n.js';
import { api, problemMessage } from '../api.js';
import { useForm } from '../form.js';
import { Alert } from '../components/Alert.js';
import { SelectField, TextField } from '../components/Field.js';
import { SubmitButton } from '../components/SubmitButton.js';

function NewSecret({ secret, onDone }) {
  const ref = useRef(null);
  const codeRef = useRef(null);
  const [copied, setCopied] = useState(null);
  useEffect(() => ref.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(t('tokens.copied'));
    } catch {
      // No clipboard access (plain http, old browser): select the text for Ctrl+C.
      const range = document.createRange();
      range.selectNodeContents(codeRef.current);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      setCopied(t('tokens.selected'));
    }
  }

  return html`<div class="card card-success secret-box" tabindex="-1" ref=${ref}>
    <h3 id="secret-title">${t('tokens.createdTitle')}</h3>
    <p>${t('tokens.createdText')}</p>
    <p><code class="secret" data-testid="token-secret" ref=${codeRef}>${secret}</code></p>
    <div class="actions">
      <button type="button" class="button button-primary" onClick=${copy}>${t('tokens.copy')}</button>
      <button type="button" class="button button-quiet" onClick=${onDone}>${t('tokens.hideSecret')}</button>
    </div>
    ${copied ? html`<p role="status" class="muted">${copied}</p>` : null}
  </div>`;
}

function TokenItem({ token, onRevoke }) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const expired = token.expiresAt && new Date(token.expiresAt) < new Date();
  const describedId = `token-${token.id}`;
  return html`<li class="item">
    <div class="item-text" id=${describedId}>
      <strong>${token.name}</strong>
      <span class="badge">${token.scope === 'write' ? t('tokens.scopeWrite') : t('tokens.scopeRead')}</span>
      <br />
      <span class="muted">${[
        t('tokens.created', { date: formatDate(token.createdAt) }),
        token.expiresAt ? t(expired ? 'tokens.expired' : 'tokens.expires', { date: formatDate(token.expiresAt) }) : t('tokens.noExpiry'),
        token.lastUsedAt ? t('tokens.lastUsed', { date: formatDate(token.lastUsedAt) }) : t('tokens.neverUsed'),
      ].join(' · ')}</span>
    </div>
    ${confirming
      ? html`<div class="confirm" tabindex="-1" ref=${confirmRef}>
          <p>${t('tokens.confirmRevoke', { name: token.name })}</p>
          <div class="actions">
            <button type="button" class="button button-danger" onClick=${() => onRevoke(token)}>${t('tokens.revokeYes')}</button>
            <button type="button" class="button button-quiet" onClick=${() => setConfirming(false)}>${t('common.cancel')}</button>
          </div>
        </div>`
      : html`<button type="button" class="button button-secondary" aria-describedby=${describedId} onClick=${() => setConfirming(true)}>
          ${t('tokens.revoke')}
        </button>`}
  </li>`;
}

export function TokensSection() {
  const headingRef = useRef(null);
  const [items, setItems] = useState(null);
  const [secret, setSecret] = useState(null);
  const [message, setMessage] = useState(null);
  const form = useForm(
    { tokenName: '', tokenScope: 'read', tokenExpiry: '90' },
    { aliases: { name: 'tokenName', scope: 'tokenScope', expiresInDays: 'tokenExpiry' } },
  );

  useEffect(() => {
    api
      .get('/me/tokens')
      .then((data) => setItems(data.items || []))
      .catch((error) => {
        setItems([]);
        setMessage({ kind: 'error', text: problemMessage(error) });
      });
  }, []);

  async function create(values) {
    setMessage(null);
    const data = await api.post('/me/tokens', {
      name: values.tokenName.trim(),
      scope: values.tokenScope,
      expiresInDays: values.tokenExpiry === 'none' ? null : Number(values.tokenExpiry),
    });
    setItems((previous) => [data.token, ...(previous || [])]);
    setSecret(data.secret);
    form.setValue('tokenName', '');
  }

  async function revoke(token) {
    setMessage(null);
    try {
      await api.del(`/me/tokens/${encodeURIComponent(token.id)}`);
      setItems((previous) => previous.filter((item) => item.id !== token.id));
      setMessage({ kind: 'success', text: t('tokens.revoked', { name: token.name }) });
      // The focused button is gone with its token: bring focus back to the section.
      headingRef.current?.focus();
    } catch (error) {
      setMessage({ kind: 'error', text: problemMessage(error) });
    }
  }

  const validate = (values) => ({
    tokenName: !values.tokenName.trim() ? t('tokens.nameRequired') : [...values.tokenName.trim()].length > 60 ? t('names.tooLong', { max: 60 }) : null,
  });

  return html`<section class="card" aria-labelledby="tokens-title">
    <h2 id="tokens-title" tabindex="-1" ref=${headingRef}>${t('tokens.title')}</h2>
    <p class="muted">${t('tokens.intro')} <a href="/api/docs">${t('footer.apiDocs')}</a></p>
    ${message ? html`<${Alert} kind=${message.kind}>${message.text}<//>` : null}
    ${secret ? html`<${NewSecret} secret=${secret} onDone=${() => {
            setSecret(null);
            headingRef.current?.focus();
          }} />` : null}
    ${items === null
      ? html`<p class="muted">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${t('tokens.empty')}</p>`
        : html`<ul class="item-list">
            ${items.map((token) => html`<${TokenItem} key=${token.id} token=${token} onRevoke=${revoke} />`)}
          </ul>`}
    <form ref=${form.formRef} onSubmit=${form.onSubmit(create, validate)} novalidate class="form subform" aria-labelledby="token-form-title">
      <h3 id="token-form-title">${t('tokens.createTitle')}</h3>
      <${Alert}>${form.alert}<//>
      <${TextField} ...${form.bind('tokenName')} label=${t('tokens.name')} hint=${t('tokens.nameHint')} autocomplete="off" required />
      <${SelectField}
        ...${form.bind('tokenScope')}
        label=${t('tokens.scope')}
        options=${[
          { value: 'read', label: t('tokens.scopeRead') },
          { value: 'write', label: t('tokens.scopeWrite') },
        ]}
      />
      <${SelectField}
        ...${form.bind('tokenExpiry')}
        label=${t('tokens.expiry')}
        options=${[
          { value: '30', label: t('tokens.days', { n: 30 }) },
          { value: '90', label: t('tokens.days', { n: 90 }) },
          { value: '365', label: t('tokens.oneYear') },
          { value: 'none', label: t('tokens.never') },
        ]}
      />
      <${SubmitButton} busy=${form.busy}>${t('tokens.create')}<//>
    </form>
  </section>`;
}
