// /declarer — « Déclarer du bénévolat », the main action of the dashboard. For people
// with an account (their associations; managers may declare for someone else) and for
// anonymous members through their link. After saving, a clear confirmation with the
// status and « Déclarer autre chose ».
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { problemMessage } from '../../api.js';
import { safeReturnPath } from '../../router.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { DeclarationForm } from './declaration-form.js';
import { authorName, DeclarationStatus, formatDuration, formatKm, formatPeriod } from './format.js';
import { canModerate, LoginFirst, useCatalog, useDeclarer, useFullAssociation } from './shared.js';

function Confirmation({ declaration, onAgain, back, forSomeoneElse }) {
  const ref = useRef(null);
  useEffect(() => ref.current?.focus(), []);
  const pending = declaration.status === 'pending';
  const facts = [
    formatPeriod(declaration.date, declaration.endDate),
    declaration.durationMinutes > 0 ? formatDuration(declaration.durationMinutes) : null,
    formatKm(declaration.distanceKm),
    declaration.category?.name,
  ].filter(Boolean);
  return html`<div class="card card-success decl-done">
    <h2 ref=${ref} tabindex="-1">${t('decl.done.title')}</h2>
    <p class="decl-done-title"><strong>${declaration.title}</strong></p>
    <p class="item-meta">${facts.join(' · ')}</p>
    ${forSomeoneElse ? html`<p>${t('decl.done.for', { name: authorName(declaration.author) })}</p>` : null}
    <p><${DeclarationStatus} status=${declaration.status} /></p>
    <p>${pending ? t('decl.done.pending') : t('decl.done.validated')}</p>
    <div class="actions">
      <button type="button" class="button button-primary" onClick=${onAgain}>${t('decl.done.again')}</button>
      <a class="button button-secondary" href=${back}>${back === '/mes-benevolats' ? t('decl.done.mine') : t('decl.done.back')}</a>
    </div>
  </div>`;
}

function NoAssociation() {
  return html`<div class="empty">
    <p>${t('decl.declare.noAssociation')}</p>
    <p class="actions"><a class="button button-secondary" href="/associations">${t('decl.declare.findAssociation')}</a></p>
  </div>`;
}

function pickInitial(associations, wanted) {
  if (wanted) {
    const found = associations.find((a) => a.id === wanted || a.handle === wanted);
    if (found) return found.id;
  }
  return associations.length === 1 ? associations[0].id : '';
}

function DeclareForm({ declarer, account, query }) {
  const [associationId, setAssociationId] = useState(() => pickInitial(declarer.associations, query.get('association')));
  const { association, error } = useFullAssociation(associationId);
  const catalog = useCatalog(association?.id);
  const [saved, setSaved] = useState(null);
  // Each new form gets a new key, hence a new idempotency key and empty fields.
  const [round, setRound] = useState(0);
  const back = query.get('retour') ? safeReturnPath(query.get('retour')) : '/mes-benevolats';
  // Only once the chosen association is loaded: its members are whom one may declare for.
  const manager = declarer.kind === 'account' && association?.id === associationId && canModerate(association);
  // Once shown, the form stays while another association loads: nothing typed is lost.
  const shown = useRef(false);

  if (saved) {
    return html`<${Confirmation}
      declaration=${saved}
      back=${back}
      forSomeoneElse=${saved.author?.type !== 'account' || saved.author?.id !== account?.id}
      onAgain=${() => {
        setSaved(null);
        setRound(round + 1);
      }}
    />`;
  }
  if (error) return html`<${Alert}>${problemMessage(error)}<//>`;
  if (associationId && !association && !shown.current) return html`<p class="muted" role="status">${t('common.loading')}</p>`;
  shown.current = true;
  return html`<div>
    ${declarer.kind === 'anonymous' ? html`<p class="lead">${t('decl.declare.anonymousFor', { name: declarer.associations[0].name })}</p>` : null}
    ${declarer.associations.length === 1 && declarer.kind === 'account'
      ? html`<p class="lead">${t('decl.declare.for', { name: declarer.associations[0].name })}</p>`
      : null}
    ${association?.moderateDeclarations ? html`<p class="hint decl-note">${t('decl.declare.moderated')}</p>` : null}
    ${catalog?.error ? html`<${Alert}>${problemMessage(catalog.error)}<//>` : null}
    <${DeclarationForm}
      key=${round}
      association=${association}
      catalog=${catalog}
      choices=${declarer.associations}
      onAssociation=${setAssociationId}
      account=${account}
      manager=${manager}
      onSaved=${setSaved}
    />
  </div>`;
}

export function DeclarePage({ account, query }) {
  const declarer = useDeclarer(account);
  let content;
  if (declarer.kind === 'none') return html`<${LoginFirst} />`;
  if (declarer.kind === 'loading') content = html`<p class="muted" role="status">${t('common.loading')}</p>`;
  else if (declarer.kind === 'error') content = html`<${Alert}>${problemMessage(declarer.error)}<//>`;
  else if (declarer.associations.length === 0) content = html`<${NoAssociation} />`;
  else content = html`<${DeclareForm} declarer=${declarer} account=${account} query=${query} />`;
  return html`<section class="narrow decl-page">
    <${PageTitle} title=${t('decl.declare.title')} />
    ${content}
  </section>`;
}
