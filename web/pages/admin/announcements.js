// /admin/annonces — messages shown at the top of every page while they are active
// (product.md A9): title, text, audience (everyone or association managers),
// publication and end dates in the admin's local time.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDateTime, t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { useForm } from '../../form.js';
import { Alert } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { refreshAnnouncements } from '../../components/Announcements.js';
import { PlainText } from '../../components/PlainText.js';
import { Confirm, Status, useNotice } from '../members/common.js';
import { TextAreaField, tooLong } from '../members/fields.js';
import { AdminFrame } from './frame.js';

const pad = (n) => String(n).padStart(2, '0');

/** ISO instant → value of <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The input's local date and time → ISO instant (UTC), or null when empty. */
export function fromLocalInput(value) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function statusOf(item) {
  const now = Date.now();
  if (item.expireAt && new Date(item.expireAt).getTime() <= now) return { kind: 'off', text: t('admin.announce.status.ended') };
  if (new Date(item.publishAt).getTime() > now) return { kind: 'waiting', text: t('admin.announce.status.scheduled') };
  return { kind: 'ok', text: t('admin.announce.status.shown') };
}

function validate(values) {
  const problems = {
    title: !values.title.trim() ? t('admin.announce.titleRequired') : tooLong(values.title, 120),
    content: !values.content.trim() ? t('admin.announce.contentRequired') : tooLong(values.content, 2000),
    publishAt: !fromLocalInput(values.publishAt) ? t('admin.announce.publishAtRequired') : null,
  };
  if (values.expireAt && fromLocalInput(values.expireAt) && fromLocalInput(values.publishAt)
    && new Date(values.expireAt) <= new Date(values.publishAt)) {
    problems.expireAt = t('admin.announce.expireAfter');
  }
  return problems;
}

function AnnouncementForm({ item, submitLabel, label, onSave, onCancel }) {
  const form = useForm({
    title: item?.title || '',
    content: item?.content || '',
    audience: item?.audience || 'everyone',
    publishAt: toLocalInput(item?.publishAt || new Date().toISOString()),
    expireAt: toLocalInput(item?.expireAt),
  });
  async function submit(values) {
    await onSave({
      title: values.title.trim(),
      content: values.content.trim(),
      audience: values.audience,
      publishAt: fromLocalInput(values.publishAt),
      expireAt: fromLocalInput(values.expireAt),
    });
    if (!item) form.setValues({ title: '', content: '', audience: 'everyone', publishAt: toLocalInput(new Date().toISOString()), expireAt: '' });
  }
  return html`<form ref=${form.formRef} class="form" onSubmit=${form.onSubmit(submit, validate)} novalidate aria-label=${label}>
    <${Alert}>${form.alert}<//>
    <${TextField} ...${form.bind('title')} label=${t('admin.announce.title')} autocomplete="off" required />
    <${TextAreaField} ...${form.bind('content')} label=${t('admin.announce.content')} hint=${t('admin.plainTextHint')} rows="4" />
    <${SelectField}
      ...${form.bind('audience')}
      label=${t('admin.announce.audience')}
      options=${[
        { value: 'everyone', label: t('admin.announce.audience.everyone') },
        { value: 'managers', label: t('admin.announce.audience.managers') },
      ]}
    />
    <${TextField} ...${form.bind('publishAt')} type="datetime-local" label=${t('admin.announce.publishAt')} hint=${t('admin.announce.publishAtHint')} required />
    <${TextField} ...${form.bind('expireAt')} type="datetime-local" label=${t('admin.announce.expireAt')} hint=${t('admin.announce.expireAtHint')} optional />
    <div class="actions">
      <${SubmitButton} busy=${form.busy}>${submitLabel}<//>
      ${onCancel ? html`<button type="button" class="button button-quiet" onClick=${onCancel}>${t('common.cancel')}</button>` : null}
    </div>
  </form>`;
}

function AnnouncementItem({ item, open, setOpen, onSaved, onDeleted }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  // A new version of the item (saved, reloaded) makes an old error message stale.
  useEffect(() => setError(null), [item]);
  const status = statusOf(item);
  const textId = `announcement-${item.id}`;
  const path = `/admin/announcements/${item.id}`;

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.del(path);
      onDeleted(item);
    } catch (failure) {
      setError(problemMessage(failure));
      setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  const when = [
    t('admin.announce.from', { date: formatDateTime(item.publishAt) }),
    item.expireAt ? t('admin.announce.until', { date: formatDateTime(item.expireAt) }) : t('admin.announce.noEnd'),
    t(`admin.announce.audience.${item.audience === 'managers' ? 'managers' : 'everyone'}`),
  ];
  return html`<li class="item">
    <div class="item-text" id=${textId}>
      <strong>${item.title}</strong> <${Status} kind=${status.kind}>${status.text}<//>
      <div class="item-meta"><${PlainText} text=${item.content} /></div>
      <p class="item-meta">${when.join(' · ')}</p>
    </div>
    ${open
      ? null
      : html`<div class="item-actions">
          <button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen('edit')}>${t('admin.edit')}</button>
          <button type="button" class="button button-danger-outline" aria-describedby=${textId} onClick=${() => setOpen('delete')}>${t('admin.delete')}</button>
        </div>`}
    ${error ? html`<div class="item-panel"><${Alert}>${error}<//></div>` : null}
    ${open === 'edit'
      ? html`<div class="item-panel">
          <${AnnouncementForm}
            item=${item}
            label=${t('admin.announce.editLabel', { title: item.title })}
            submitLabel=${t('members.frame.save')}
            onCancel=${() => setOpen(null)}
            onSave=${async (body) => {
              const updated = await api.patch(path, body);
              setOpen(null);
              onSaved(updated);
            }}
          />
        </div>`
      : null}
    ${open === 'delete'
      ? html`<${Confirm} text=${t('admin.announce.confirmDelete', { title: item.title })} yes=${t('admin.announce.deleteYes')}
          busy=${busy} onYes=${remove} onNo=${() => setOpen(null)} />`
      : null}
  </li>`;
}

export function AdminAnnouncementsPage({ account }) {
  const [items, setItems] = useState(null);
  const [open, setOpen] = useState(null);
  const notice = useNotice();
  const headingRef = useRef(null);

  useEffect(() => {
    if (!account?.isAdmin) return;
    api
      .get('/admin/announcements')
      .then((data) => setItems(data.items || []))
      .catch((error) => {
        setItems([]);
        notice.failure(error);
      });
  }, []);

  function changed(message) {
    notice.success(message);
    // The banner at the top of the page shows the change at once.
    refreshAnnouncements();
  }

  return html`<${AdminFrame} account=${account} title=${t('admin.nav.announcements')}>
    <p>${t('admin.announce.intro')}</p>
    <h2 tabindex="-1" ref=${headingRef}>${t('admin.announce.listTitle')}</h2>
    ${notice.view()}
    ${items === null
      ? html`<p class="muted">${t('common.loading')}</p>`
      : items.length === 0
        ? html`<p class="empty">${t('admin.announce.empty')}</p>`
        : html`<ul class="item-list">
            ${items.map(
              (item) => html`<${AnnouncementItem}
                key=${item.id}
                item=${item}
                open=${open?.id === item.id ? open.panel : null}
                setOpen=${(panel) => {
                  if (panel) notice.clear();
                  setOpen(panel ? { id: item.id, panel } : null);
                }}
                onSaved=${(updated) => {
                  setItems((previous) => previous.map((entry) => (entry.id === updated.id ? updated : entry)));
                  changed(t('admin.announce.saved', { title: updated.title }));
                }}
                onDeleted=${(gone) => {
                  setItems((previous) => previous.filter((entry) => entry.id !== gone.id));
                  setOpen(null);
                  changed(t('admin.announce.deleted', { title: gone.title }));
                  headingRef.current?.focus();
                }}
              />`,
            )}
          </ul>`}
    ${open
      ? null
      : html`<section class="card narrow" aria-labelledby="announcement-create-title">
          <h2 id="announcement-create-title">${t('admin.announce.createTitle')}</h2>
          <${AnnouncementForm}
            item=${null}
            label=${t('admin.announce.createTitle')}
            submitLabel=${t('admin.announce.publish')}
            onSave=${async (body) => {
              const created = await api.post('/admin/announcements', body);
              setItems((previous) => [created, ...(previous || [])]);
              changed(t('admin.announce.created', { title: created.title }));
              headingRef.current?.focus();
            }}
          />
        </section>`}
  <//>`;
}
