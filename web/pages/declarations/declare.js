// /declarer — « Déclarer du bénévolat », the main action of the dashboard. For people
// with an account (their associations; managers may declare for someone else) and for
// anonymous members through their link. The associations of other sites one is an active
// member of are offered beside the local ones, in the same form (their catalog read from
// their site, the declaration sent there: remote-declare.js). After saving, a clear
// confirmation with the status and « Déclarer autre chose ».
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
import { ALIASES as REMOTE_ALIASES, RemoteConfirmation, remoteSend, useRemoteCatalog, useRemoteChoices } from './remote-declare.js';

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
    const found = associations.find((a) => a.id === wanted || a.handle === wanted || (a.membership && a.membership.actor === wanted));
    if (found) return found.id;
  }
  return associations.length === 1 ? associations[0].id : '';
}

function DeclareForm({ declarer, remote, account, query }) {
  const choices = [...declarer.associations, ...remote];
  const [associationId, setAssociationId] = useState(() => pickInitial(choices, query.get('association')));
  // An association of another site (id `remote:{membershipId}`): its catalog comes from there.
  const remoteChoice = remote.find((c) => c.id === associationId) || null;
  const { association: local, error } = useFullAssociation(remoteChoice ? null : associationId);
  const localCatalog = useCatalog(remoteChoice ? null : local?.id);
  const remoteCatalog = useRemoteCatalog(remoteChoice?.membership.id);
  const catalog = remoteChoice ? remoteCatalog : localCatalog;
  const association = remoteChoice ? { id: remoteChoice.id, name: remoteChoice.name } : local;
  const [saved, setSaved] = useState(null);
  // Each new form gets a new key, hence a new idempotency key and empty fields.
  const [round, setRound] = useState(0);
  const back = query.get('retour') ? safeReturnPath(query.get('retour')) : '/mes-benevolats';
  // Only once the chosen association is loaded: its members are whom one may declare for.
  const manager = declarer.kind === 'account' && !remoteChoice && association?.id === associationId && canModerate(association);
  // Once shown, the form stays while another association loads: nothing typed is lost.
  const shown = useRef(false);

  if (saved?.association?.actor) {
    return html`<${RemoteConfirmation} declaration=${saved} back=${back} onAgain=${() => {
      setSaved(null);
      setRound(round + 1);
    }} />`;
  }
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
    ${choices.length === 1 && declarer.kind === 'account'
      ? html`<p class="lead">${t('decl.declare.for', { name: choices[0].name })}</p>`
      : null}
    ${association?.moderateDeclarations ? html`<p class="hint decl-note">${t('decl.declare.moderated')}</p>` : null}
    ${remoteChoice ? html`<p class="hint decl-note">${t('remoteDecl.lead')}</p>` : null}
    ${catalog?.stale ? html`<p class="hint decl-note">${t('remoteDecl.stale')}</p>` : null}
    ${catalog?.error ? html`<${Alert}>${remoteChoice ? t('remoteDecl.catalogError') : problemMessage(catalog.error)}<//>` : null}
    <${DeclarationForm}
      key=${round}
      association=${association}
      catalog=${catalog}
      choices=${choices}
      onAssociation=${setAssociationId}
      account=${account}
      manager=${manager}
      onSaved=${setSaved}
      send=${remoteChoice ? remoteSend(remoteChoice.membership) : null}
      aliases=${remoteChoice ? REMOTE_ALIASES : {}}
    />
  </div>`;
}

export function DeclarePage({ account, query }) {
  const declarer = useDeclarer(account);
  const remote = useRemoteChoices(account);
  let content;
  if (declarer.kind === 'none') return html`<${LoginFirst} />`;
  if (declarer.kind === 'loading' || remote.loading) content = html`<p class="muted" role="status">${t('common.loading')}</p>`;
  else if (declarer.kind === 'error') content = html`<${Alert}>${problemMessage(declarer.error)}<//>`;
  else if (declarer.associations.length === 0 && remote.choices.length === 0) content = html`<${NoAssociation} />`;
  else content = html`<${DeclareForm} declarer=${declarer} remote=${declarer.kind === 'account' ? remote.choices : []} account=${account} query=${query} />`;
  return html`<section class="narrow decl-page">
    <${PageTitle} title=${t('decl.declare.title')} />
    ${content}
  </section>`;
}
