// /admin/domaines-bloques — sites blocked by the admins (flow 10): nothing received
// from them, nothing sent to them, their follows removed. Block with an optional
// reason (kept here only); unblock after a confirmation saying what does not come back.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDateTime, t } from '../../i18n.js';
import { api } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { Confirm, useNotice } from '../members/common.js';
import { TextAreaField, tooLong } from '../members/fields.js';
import { siteOf } from '../discovery/join-form.js';
import { AdminFrame } from './frame.js';

/** The host the server will block, to name it in the confirmation (the server has the last word). */
function hostText(typed) {
  const origin = siteOf(typed);
  return origin ? new URL(origin).host : typed;
}

function BlockForm({ initial, onBlocked }) {
  const form = useForm({ domain: initial || '', reason: '' });
  // Blocking removes the site's follows at once: the form asks before (ux.md).
  const [pending, setPending] = useState(null);
  const [busy, setBusy] = useState(false);
  const validate = (values) => ({
    domain: !values.domain.trim() ? t('admin.blocked.domainRequired') : null,
    reason: tooLong(values.reason, 1000),
  });
  async function submit(values) {
    setPending({ domain: values.domain.trim(), reason: values.reason.trim() || null });
  }
  async function confirm() {
    setBusy(true);
    try {
      const created = await api.post('/admin/blocked-domains', pending);
      form.setValues({ domain: '', reason: '' });
      setPending(null);
      onBlocked(created);
    } catch (error) {
      // Back to the form, with the reason beside the field (nothing typed is lost).
      setPending(null);
      form.showError(error);
    } finally {
      setBusy(false);
    }
  }
  return html`<form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate aria-labelledby="block-title">
    <${Alert}>${form.alert}<//>
    <${TextField} ...${form.bind('domain')} label=${t('admin.blocked.domain')} hint=${t('admin.blocked.domainHint')} autocomplete="off" spellcheck="false" required />
    <${TextAreaField} ...${form.bind('reason')} label=${t('admin.blocked.reason')} hint=${t('admin.blocked.reasonHint')} optional rows="2" />
    ${pending
      ? html`<${Confirm} text=${t('admin.blocked.confirmBlock', { domain: hostText(pending.domain) })} yes=${t('admin.blocked.blockYes')} busy=${busy}
          onYes=${confirm} onNo=${() => setPending(null)} />`
      : html`<div class="actions"><${SubmitButton} busy=${form.busy} kind="danger">${t('admin.blocked.submit')}<//></div>`}
  </form>`;
}

function Blocked({ item, open, setOpen, onUnblocked, notice }) {
  const [busy, setBusy] = useState(false);
  const textId = `blocked-${item.domain}`;
  async function unblock() {
    setBusy(true);
    try {
      await api.del(`/admin/blocked-domains/${encodeURIComponent(item.domain)}`);
      onUnblocked(item);
    } catch (error) {
      notice.failure(error);
      setOpen(false);
    } finally {
      setBusy(false);
    }
  }
  return html`<li class="item">
    <div class="item-text" id=${textId}>
      <strong>${item.domain}</strong>
      <p class="item-meta">${t('admin.blocked.since', { date: formatDateTime(item.blockedAt) })}${item.blockedBy ? ` ${t('admin.blocked.by', { name: item.blockedBy })}` : ''}</p>
      ${item.reason ? html`<p class="item-meta">${item.reason}</p>` : null}
    </div>
    ${open
      ? html`<${Confirm} text=${t('admin.blocked.confirmUnblock', { domain: item.domain })} yes=${t('admin.blocked.unblockYes')} busy=${busy} onYes=${unblock} onNo=${() => setOpen(false)} />`
      : html`<div class="item-actions">
          <button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen(true)}>${t('admin.blocked.unblock')}</button>
        </div>`}
  </li>`;
}

export function AdminBlockedDomainsPage({ account, query }) {
  const [items, setItems] = useState(null);
  const [open, setOpen] = useState(null);
  const notice = useNotice();
  const headingRef = useRef(null);

  useEffect(() => {
    if (!account?.isAdmin) return;
    api
      .get('/admin/blocked-domains')
      .then((data) => setItems(data.items || []))
      .catch((error) => {
        setItems([]);
        notice.failure(error);
      });
  }, []);

  return html`<${AdminFrame} account=${account} title=${t('admin.nav.blocked')}>
    <p>${t('admin.blocked.intro')}</p>
    <h2 tabindex="-1" ref=${headingRef}>${t('admin.blocked.listTitle')}</h2>
    ${notice.view()}
    ${items === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${t('admin.blocked.empty')}</p>`
        : html`<ul class="item-list">
            ${items.map(
              (item) => html`<${Blocked} key=${item.domain} item=${item} notice=${notice} open=${open === item.domain}
                setOpen=${(on) => { if (on) notice.clear(); setOpen(on ? item.domain : null); }}
                onUnblocked=${(gone) => {
                  setItems((previous) => previous.filter((entry) => entry.domain !== gone.domain));
                  setOpen(null);
                  notice.success(t('admin.blocked.unblocked', { domain: gone.domain }));
                  headingRef.current?.focus();
                }} />`,
            )}
          </ul>`}
    <section class="card narrow" aria-labelledby="block-title">
      <h2 id="block-title">${t('admin.blocked.formTitle')}</h2>
      <${BlockForm} initial=${query.get('site')} onBlocked=${(created) => {
        setItems((previous) => [created, ...(previous || [])]);
        notice.success(created.followersRemoved > 0
          ? t('admin.blocked.doneFollowers', { domain: created.domain, n: created.followersRemoved })
          : t('admin.blocked.done', { domain: created.domain }));
        headingRef.current?.focus();
      }} />
    </section>
  <//>`;
}
