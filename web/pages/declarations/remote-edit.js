// /declarer-ailleurs/:id/modifier — changing one's declaration for an association of
// another site (flow 5): the same form as for a local one, with that association's
// catalog read from its site; saving sends an Update there and the action awaits a new
// decision (said beforehand). A refused one shows the reason above the form. One whose
// association was deleted on its site cannot change any more (said, no form).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, ApiError, problemMessage } from '../../api.js';
import { navigate, safeReturnPath } from '../../router.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { DeclarationForm } from './declaration-form.js';
import { ALIASES, hostOf, remoteStatusText, remoteUpdate, useRemoteCatalog } from './remote-declare.js';

/** The declaration and the membership it belongs to (whose id reads the catalog). */
function useRemoteDeclaration(id) {
  const [state, setState] = useState({ declaration: null, membership: null, error: null });
  useEffect(() => {
    let alive = true;
    Promise.all([api.get(`/federation/declarations/${encodeURIComponent(id)}`), api.get('/federation/memberships')])
      .then(([declaration, memberships]) => {
        const membership = (memberships.items || []).find((m) => m.actor === declaration.association.actor) || null;
        if (alive) setState({ declaration, membership, error: null });
      })
      .catch((error) => alive && setState({ declaration: null, membership: null, error }));
    return () => {
      alive = false;
    };
  }, [id]);
  return state;
}

/** The form's shape of a declaration (catalog ids are the association's IRIs). */
const asFormDeclaration = (d, associationId) => ({
  ...d,
  associationId,
  category: { id: d.category.iri },
  project: d.project ? { id: d.project.iri } : null,
  level: d.level ? { id: d.level.iri } : null,
});

function Editor({ declaration, membership, back }) {
  const catalog = useRemoteCatalog(membership.id);
  const associationId = `remote:${membership.id}`;
  if (!catalog) return html`<p class="muted" role="status">${t('common.loading')}</p>`;
  return html`<div>
    <p class="decl-edit-who">${t('remoteDecl.onSite', { name: declaration.association.name, host: hostOf(declaration.association.actor) })} · ${remoteStatusText(declaration)}</p>
    ${declaration.status === 'rejected' && declaration.reason
      ? html`<div class="card card-warning"><p><strong>${t('decl.item.rejectedReason')}</strong> ${declaration.reason}</p></div>`
      : null}
    ${catalog.error ? html`<${Alert}>${t('remoteDecl.catalogError')}<//>` : null}
    ${catalog.stale ? html`<p class="hint decl-note">${t('remoteDecl.stale')}</p>` : null}
    <p class="hint decl-note">${t('remoteDecl.editNote')}</p>
    <${DeclarationForm}
      association=${{ id: associationId, name: declaration.association.name }}
      catalog=${catalog}
      declaration=${asFormDeclaration(declaration, associationId)}
      update=${remoteUpdate(declaration.id)}
      aliases=${ALIASES}
      onSaved=${() => navigate(back, { flash: t('remoteDecl.editSaved') })}
      submitLabel=${t('remoteDecl.editSubmit')}
    />
    <p><a href=${back}>${t('remoteDecl.editCancel')}</a></p>
  </div>`;
}

export function RemoteEditPage({ params, query }) {
  const state = useRemoteDeclaration(params.id);
  const back = query.get('retour') ? safeReturnPath(query.get('retour')) : '/mes-benevolats';
  let content;
  if (state.error) {
    const gone = state.error instanceof ApiError && state.error.status === 404;
    content = html`<${Alert}>${gone ? t('remoteDecl.notFound') : problemMessage(state.error)}<//><p><a href=${back}>${t('remoteDecl.editCancel')}</a></p>`;
  } else if (!state.declaration) content = html`<p class="muted" role="status">${t('common.loading')}</p>`;
  else if (state.declaration.associationDeletedAt || !state.membership || state.membership.status !== 'active') {
    const why = state.declaration.associationDeletedAt ? t('remoteDecl.associationDeletedHint') : t('remoteDecl.none');
    content = html`<div class="card card-quiet"><p>${why}</p></div><p><a href=${back}>${t('remoteDecl.editCancel')}</a></p>`;
  } else content = html`<${Editor} declaration=${state.declaration} membership=${state.membership} back=${back} />`;
  return html`<section class="narrow decl-page">
    <${PageTitle} title=${t('remoteDecl.editTitle')} />
    ${content}
  </section>`;
}
