// /associations/:handle/attestations — for those who manage the association's
// declarations: issue an attestation for a volunteer with validated hours (the main
// action), then the attestations issued, each revocable with a reason that whoever
// verifies it will read.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { AssociationFrame, Confirm, useAssociation, useNotice } from '../members/common.js';
import { AttestationItem, formatDuration } from './shared.js';

function IssueForm({ association, people, onIssued }) {
  const first = people[0];
  const year = first.lastDate.slice(0, 4);
  const form = useForm({ accountId: first.accountId, from: `${year}-01-01`, to: first.lastDate });
  const submit = form.onSubmit(
    async (v) => onIssued(await api.post(`/associations/${association.id}/attestations`, v)),
    (v) => ({ from: v.from ? null : t('att.request.required'), to: v.to ? null : t('att.request.required') }),
  );
  return html`<form class="form" ref=${form.formRef} onSubmit=${submit} noValidate>
    ${form.alert ? html`<${Alert}>${form.alert}<//>` : null}
    <${SelectField} ...${form.bind('accountId')} label=${t('att.manage.person')} hint=${t('att.manage.personHint')}
      options=${people.map((p) => ({ value: p.accountId, label: t('att.manage.personOption', { name: p.name, duration: formatDuration(p.totalMinutes) }) }))} />
    <${TextField} ...${form.bind('from')} type="date" label=${t('att.request.from')} required=${true} />
    <${TextField} ...${form.bind('to')} type="date" label=${t('att.request.to')} required=${true} />
    <${SubmitButton} busy=${form.busy}>${t('att.manage.issue')}<//>
  </form>`;
}

function Revoke({ item, onRevoked, onCancel }) {
  const form = useForm({ reason: '' });
  const submit = form.onSubmit(
    async (v) => onRevoked(await api.post(`/attestations/${item.id}/revocation`, v)),
    (v) => ({ reason: v.reason.trim() ? null : t('att.manage.reasonRequired') }),
  );
  return html`<form ref=${form.formRef} onSubmit=${submit} noValidate>
    <${Confirm} text=${t('att.manage.revokeConfirm', { code: item.code })} yes=${t('att.manage.revoke')} busy=${form.busy} onYes=${() => form.formRef.current?.requestSubmit()} onNo=${onCancel}>
      ${form.alert ? html`<${Alert}>${form.alert}<//>` : null}
      <${TextField} ...${form.bind('reason')} label=${t('att.manage.reason')} maxlength="1000" />
    <//>
  </form>`;
}

function Attestations({ association }) {
  const [people, setPeople] = useState(null);
  const [items, setItems] = useState(null);
  const [revoking, setRevoking] = useState(null);
  const notice = useNotice();
  const base = `/associations/${association.id}/attestations`;
  useEffect(() => {
    api.get(`${base}/people`).then((d) => setPeople(d.items), (e) => { setPeople([]); notice.failure(e); });
    api.get(base).then((d) => setItems(d.items), (e) => { setItems([]); notice.failure(e); });
  }, [association.id]);
  const replace = (updated) => setItems((previous) => previous.map((x) => (x.id === updated.id ? updated : x)));

  return html`<div>
    <p class="lead">${t('att.manage.lead')}</p>
    <section class="card" aria-labelledby="att-issue-title">
      <h2 id="att-issue-title">${t('att.manage.issue')}</h2>
      ${people === null
        ? html`<p class="muted" role="status">${t('common.loading')}</p>`
        : people.length === 0
          ? html`<p class="empty">${t('att.manage.noPeople')}</p>`
          : html`<${IssueForm} association=${association} people=${people} onIssued=${(a) => {
              setItems((previous) => [a, ...(previous || [])]);
              notice.success(t('att.manage.done', { code: a.code, name: a.volunteer.name }));
            }} />`}
    </section>
    <h2>${t('att.manage.list')}</h2>
    ${notice.view()}
    ${items === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${t('att.manage.empty')}</p>`
        : html`<ul class="item-list">${items.map((item) => html`<${AttestationItem} key=${item.id} item=${item} showPerson=${true}>
            ${item.revocation || item.kind !== 'local'
              ? null
              : revoking === item.id
                ? html`<${Revoke} item=${item} onCancel=${() => setRevoking(null)} onRevoked=${(updated) => {
                    replace(updated);
                    setRevoking(null);
                    notice.success(t('att.manage.revoked', { code: updated.code }));
                  }} />`
                : html`<p><button type="button" class="button button-danger-outline" onClick=${() => setRevoking(item.id)}>${t('att.manage.revoke')}</button></p>`}
          <//>`)}</ul>`}
  </div>`;
}

export function AssociationAttestationsPage({ params }) {
  const { association, failure } = useAssociation(params.handle);
  return html`<${AssociationFrame} handle=${params.handle} section="attestations" title=${t('att.manage.title')} permission="manageDeclarations"
    failure=${failure} association=${association} render=${(a) => html`<${Attestations} association=${a} />`} />`;
}
