// One declaration in a list: title, status in words and colour, when, how long, how
// far, its category; the reason when refused (or validated for less). The author sees
// « Corriger et renvoyer » on a refused one; managers validate, validate a part, refuse,
// edit and delete. Deletion asks first and says what happens.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { Confirm } from '../members/common.js';
import { approveWhole, PartialPanel, RejectPanel } from './moderation.js';
import { authorName, DeclarationStatus, formatDuration, formatKm, formatPeriod } from './format.js';
import { ValidationValue } from '../valuation/format.js';

export function editPath(declaration) {
  const back = window.location.pathname + window.location.search;
  return `/declarations/${encodeURIComponent(declaration.id)}/modifier?retour=${encodeURIComponent(back)}`;
}

function Facts({ declaration, showAuthor, showAssociation }) {
  const facts = [
    // A member of another site: their handle there, and where it was declared (edited only there).
    showAuthor ? (declaration.remote?.authorHandle ? `${authorName(declaration.author)} (@${declaration.remote.authorHandle})` : authorName(declaration.author)) : null,
    declaration.remote ? t('decl.item.remote', { site: declaration.remote.site }) : null,
    showAssociation ? declaration.association?.name : null,
    formatPeriod(declaration.date, declaration.endDate),
    declaration.durationMinutes > 0 ? formatDuration(declaration.durationMinutes) : null,
    formatKm(declaration.distanceKm),
    declaration.category?.name,
    declaration.project ? t('decl.item.project', { name: declaration.project.name }) : null,
    declaration.level ? t('decl.item.level', { name: declaration.level.name }) : null,
  ].filter(Boolean);
  return html`<p class="item-meta">${facts.join(' · ')}</p>`;
}

function Reason({ declaration }) {
  if (declaration.status === 'rejected') {
    return html`<p class="decl-reason decl-reason-bad">
      <strong>${t('decl.item.rejectedReason')}</strong> ${declaration.rejectionReason || t('decl.item.noReason')}
    </p>`;
  }
  const validation = declaration.validation;
  if (declaration.status === 'validated' && validation && validation.validatedMinutes < declaration.durationMinutes) {
    return html`<p class="decl-reason">
      ${t('decl.item.partial', { validated: formatDuration(validation.validatedMinutes), declared: formatDuration(declaration.durationMinutes) })}
      ${validation.reason ? html` <strong>${t('decl.item.partialReason')}</strong> ${validation.reason}` : null}
    </p>`;
  }
  return null;
}

/**
 * mode: 'mine' (the author's list) or 'manage' (the association's list). `open` is the
 * panel open for this item (reject | partial | delete | null), kept by the list.
 */
export function DeclarationItem({ declaration, mode, open, setOpen, onChanged, onRemoved, selectable, selected, onSelect }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  useEffect(() => setError(null), [declaration]);
  const can = declaration.can || {};
  const textId = `decl-${declaration.id}`;
  const manage = mode === 'manage';
  const pending = declaration.status === 'pending';
  const rejected = declaration.status === 'rejected';

  async function approve() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await approveWhole(declaration), t('decl.approved', { title: declaration.title }));
    } catch (failure) {
      setError(problemMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/declarations/${declaration.id}`);
      onRemoved(declaration, t('decl.deleted', { title: declaration.title }));
    } catch (failure) {
      setError(problemMessage(failure));
      setOpen(null);
    } finally {
      setBusy(false);
    }
  }

  function answered(updated, kind) {
    setOpen(null);
    onChanged(updated, t(kind === 'rejected' ? 'decl.rejected' : 'decl.approved', { title: declaration.title }));
  }

  const actions = [];
  if (manage && can.validate && pending) {
    actions.push(html`<button type="button" class="button button-primary" aria-describedby=${textId} aria-disabled=${busy ? 'true' : undefined}
      onClick=${approve}>${busy ? t('form.busy') : t('decl.approve')}</button>`);
  }
  if (manage && can.validate && declaration.durationMinutes > 0 && !rejected) {
    actions.push(html`<button type="button" class="button button-secondary" aria-describedby=${textId} onClick=${() => setOpen('partial')}>
      ${pending ? t('decl.partial.open') : t('decl.partial.change')}
    </button>`);
  }
  if (manage && can.validate && pending) {
    actions.push(html`<button type="button" class="button button-danger-outline" aria-describedby=${textId} onClick=${() => setOpen('reject')}>
      ${t('decl.reject.open')}
    </button>`);
  }
  if (can.edit) {
    const fix = !manage && rejected;
    actions.push(html`<a class=${`button ${fix ? 'button-primary' : 'button-secondary'}`} href=${editPath(declaration)} aria-describedby=${textId}>
      ${fix ? t('decl.item.fix') : t('decl.item.edit')}
    </a>`);
  }
  if (can.delete) {
    actions.push(html`<button type="button" class="button button-quiet" aria-describedby=${textId} onClick=${() => setOpen('delete')}>
      ${t('decl.item.delete')}
    </button>`);
  }

  const checkboxId = `select-${declaration.id}`;
  return html`<li class=${`item decl-item decl-item-${declaration.status}`}>
    <div class="item-main">
      ${selectable
        ? html`<input type="checkbox" class="decl-select" id=${checkboxId} checked=${selected}
            aria-label=${t('decl.manage.selectOne', { title: declaration.title })}
            onChange=${(event) => onSelect(event.currentTarget.checked)} />`
        : null}
      <div class="decl-item-text" id=${textId}>
        <h3 class="decl-item-title">${declaration.title}</h3>
        <div><${DeclarationStatus} status=${declaration.status} /></div>
        <${Facts} declaration=${declaration} showAuthor=${manage} showAssociation=${!manage} />
        <${Reason} declaration=${declaration} />
        ${manage ? html`<${ValidationValue} declaration=${declaration} />` : null}
        ${declaration.description ? html`<p class="decl-description">${declaration.description}</p>` : null}
      </div>
    </div>
    ${actions.length && !open ? html`<div class="item-actions">${actions}</div>` : null}
    ${error ? html`<div class="item-panel"><${Alert}>${error}<//></div>` : null}
    ${open === 'reject' ? html`<${RejectPanel} declaration=${declaration} onDone=${answered} onCancel=${() => setOpen(null)} />` : null}
    ${open === 'partial' ? html`<${PartialPanel} declaration=${declaration} onDone=${answered} onCancel=${() => setOpen(null)} />` : null}
    ${open === 'delete'
      ? html`<${Confirm}
          text=${manage ? t('decl.item.confirmDeleteManager') : t('decl.item.confirmDelete')}
          yes=${t('decl.item.deleteYes')}
          busy=${busy}
          onYes=${remove}
          onNo=${() => setOpen(null)}
        />`
      : null}
  </li>`;
}
