// The association parts of the home page: on the dashboard, one panel per association
// of the person (role, pending request, and for managers the members and requests to
// approve); for visitors, a few associations of the site to show what it is for.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { Alert } from '../../components/Alert.js';
import { AssociationCard, AssociationLogo, associationPath, canCreate, Status, useInstance } from './shared.js';

function useLoad(path) {
  const [state, setState] = useState({ items: null, error: null });
  useEffect(() => {
    let alive = true;
    api
      .get(path)
      .then((data) => alive && setState({ items: data.items || [], error: null }))
      .catch((error) => alive && setState({ items: [], error: problemMessage(error) }));
    return () => {
      alive = false;
    };
  }, [path]);
  return state;
}

function Counts({ association, counts }) {
  const members = associationPath(association, '/membres');
  return html`<ul class="panel-counts">
    <li><a href=${members}>${counts.members === 1 ? t('assoc.members.one') : t('assoc.members.many', { n: counts.members })}</a></li>
    ${counts.pending > 0
      ? html`<li>
          <a class="assoc-status assoc-status-waiting assoc-status-link" href=${`${members}?statut=en-attente`}>
            <span class="assoc-status-icon" aria-hidden="true"></span>
            ${counts.pending === 1 ? t('home.assoc.pendingOne') : t('home.assoc.pendingMany', { n: counts.pending })}
          </a>
        </li>`
      : null}
  </ul>`;
}

function Panel({ item }) {
  const { association, membership, counts } = item;
  const titleId = `panel-${association.id}`;
  return html`<li class="card assoc-panel">
    <div class="assoc-panel-head">
      <${AssociationLogo} association=${association} />
      <div>
        <h3 id=${titleId} class="assoc-card-title"><a href=${associationPath(association)}>${association.name}</a></h3>
        ${membership.status === 'active' && membership.role
          ? html`<p class="muted assoc-card-line">${t('assoc.membership.role', { role: membership.role.name })}</p>`
          : null}
      </div>
    </div>
    ${membership.status === 'pending' ? html`<p class="assoc-status-row"><${Status} kind="waiting">${t('assoc.membership.pending')}<//></p>` : null}
    ${!association.isActive ? html`<p class="assoc-status-row"><${Status} kind="waiting">${t('assoc.status.inactive')}<//></p>` : null}
    ${counts && membership.status === 'active' ? html`<${Counts} association=${association} counts=${counts} />` : null}
    ${membership.status === 'active' && (item.permissions?.manageDeclarations || item.permissions?.manageAssociation)
      ? html`<p class="panel-counts"><a href=${associationPath(association, '/declarations?statut=en-attente')}>${t('decl.links.toValidate')}</a></p>`
      : null}
  </li>`;
}

/** Dashboard: « Mes associations ». Comes after the main action, never before it. */
export function MyAssociations({ account }) {
  const { items, error } = useLoad('/me/associations');
  const instance = useInstance();
  const creationOpen = canCreate(instance, account);
  return html`<p class="actions"><a class="button button-secondary" href="/mes-benevolats">${t('decl.links.mine')}</a></p>
    <section class="my-associations" aria-labelledby="my-associations-title">
    <h2 id="my-associations-title">${t('home.assoc.title')}</h2>
    ${error ? html`<${Alert}>${error}<//>` : null}
    ${items === null ? html`<p role="status" class="muted">${t('common.loading')}</p>` : null}
    ${items !== null && items.length === 0 && !error
      ? html`<div class="empty">
          <p>${t('home.assoc.empty')}</p>
          <p class="actions">
            <a class="button button-secondary" href="/associations">${t('home.assoc.find')}</a>
            ${creationOpen ? html`<a class="button button-quiet" href="/associations/nouvelle">${t('assoc.list.create')}</a>` : null}
            <a class="button button-quiet" href="/imports">${t('import.entry')}</a>
          </p>
        </div>`
      : null}
    ${items && items.length > 0
      ? html`<ul class="assoc-panels">
            ${items.map((item) => html`<${Panel} key=${item.association.id} item=${item} />`)}
          </ul>
          <p><a href="/associations">${t('home.assoc.seeAll')}</a></p>`
      : null}
  </section>`;
}

/** Visitors: a few associations of the site, picked at random by the server. */
export function SampleAssociations() {
  const { items } = useLoad('/associations/sample?count=6');
  if (items === null) return null;
  return html`<section class="assoc-sample" aria-labelledby="sample-title">
    <h2 id="sample-title">${t('home.sample.title')}</h2>
    ${items.length === 0
      ? html`<p class="empty">${t('home.sample.empty')}</p>`
      : html`<ul class="assoc-list">
          ${items.map((association) => html`<${AssociationCard} key=${association.id} association=${association} headingLevel=${3} />`)}
        </ul>`}
    <p><a href="/associations">${t('home.assoc.seeAll')}</a></p>
  </section>`;
}
