// /declarations/:id/modifier — changing a declaration, for its author or a manager.
// A refused one shows the reason above the form (« Corriger et renvoyer »); the page
// says beforehand when the change sends it back for validation (product.md A4).
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, ApiError, problemMessage, setCsrfToken } from '../../api.js';
import { navigate, safeReturnPath } from '../../router.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { DeclarationForm } from './declaration-form.js';
import { DeclarationStatus, authorName } from './format.js';
import { canModerate, LoginFirst, useCatalog, useFullAssociation } from './shared.js';

function useDeclaration(id, account) {
  const [state, setState] = useState({ declaration: null, error: null, anonymous: false });
  useEffect(() => {
    let live = true;
    async function load() {
      let anonymous = false;
      if (!account) {
        // An anonymous member reaches this page through their link's session.
        try {
          setCsrfToken((await api.get('/anonymous-session')).csrfToken);
          anonymous = true;
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) return { declaration: null, error: null, login: true };
          throw error;
        }
      }
      return { declaration: await api.get(`/declarations/${encodeURIComponent(id)}`), error: null, anonymous };
    }
    load()
      .then((value) => live && setState(value))
      .catch((error) => live && setState({ declaration: null, error, anonymous: false }));
    return () => {
      live = false;
    };
  }, [id, account?.id]);
  return state;
}

function Editor({ declaration, account, back }) {
  const { association, error } = useFullAssociation(declaration.associationId);
  const catalog = useCatalog(declaration.associationId);
  if (error) return html`<${Alert}>${problemMessage(error)}<//>`;
  if (!association || !catalog) return html`<p class="muted" role="status">${t('common.loading')}</p>`;
  const manager = canModerate(association);
  const own = !manager;
  const rejected = declaration.status === 'rejected';
  let note = null;
  if (rejected) note = null;
  else if (!manager && association.moderateDeclarations) note = t('decl.edit.backToPending');
  else if (manager && declaration.status === 'validated') note = t('decl.edit.staysValidated');

  function saved(updated) {
    const message = updated.status === 'pending' ? t('decl.edit.savedPending') : t('decl.edit.saved');
    navigate(back, { flash: message });
  }

  return html`<div>
    <p class="decl-edit-who">
      ${manager ? html`${t('decl.edit.author', { name: authorName(declaration.author) })} · ` : null}${declaration.association?.name}
      ${' '}<${DeclarationStatus} status=${declaration.status} />
    </p>
    ${rejected
      ? html`<div class="card card-warning">
          <p><strong>${t('decl.item.rejectedReason')}</strong> ${declaration.rejectionReason || t('decl.item.noReason')}</p>
          ${own ? html`<p>${t('decl.edit.fixText')}</p>` : null}
        </div>`
      : null}
    ${note ? html`<p class="hint decl-note">${note}</p>` : null}
    <${DeclarationForm}
      association=${association}
      catalog=${catalog}
      declaration=${declaration}
      account=${account}
      onSaved=${saved}
      submitLabel=${rejected && !manager ? t('decl.edit.resubmit') : t('decl.edit.submit')}
    />
    <p><a href=${back}>${t('decl.edit.cancel')}</a></p>
  </div>`;
}

export function EditDeclarationPage({ params, query, account }) {
  const state = useDeclaration(params.id, account);
  const back = query.get('retour') ? safeReturnPath(query.get('retour')) : '/mes-benevolats';
  if (state.login) return html`<${LoginFirst} />`;
  let content;
  if (state.error) {
    const gone = state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 403);
    content = html`<${Alert}>${gone ? t('decl.edit.notFound') : problemMessage(state.error)}<//>
      <p><a href=${back}>${t('decl.edit.cancel')}</a></p>`;
  } else if (!state.declaration) content = html`<p class="muted" role="status">${t('common.loading')}</p>`;
  else if (!state.declaration.can?.edit) {
    content = html`<div class="card card-quiet"><p>${t('decl.edit.forbidden')}</p></div>
      <p><a href=${back}>${t('decl.edit.cancel')}</a></p>`;
  } else content = html`<${Editor} declaration=${state.declaration} account=${account} back=${back} />`;
  const title = state.declaration?.status === 'rejected' ? t('decl.edit.fixTitle') : t('decl.edit.title');
  return html`<section class="narrow decl-page">
    <${PageTitle} title=${title} />
    ${content}
  </section>`;
}
