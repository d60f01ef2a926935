// An association's page: who it is, whether one is a member, and — for the people who
// run it — the way to its members, roles, anonymous members, history and settings.
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { navigate } from '../../router.js';
import { PageTitle } from '../../components/PageTitle.js';
import { MembershipBox } from './membership.js';
import { NewsSection } from '../news/section.js';
import { JoinFromYourSite } from '../discovery/join-form.js';
import {
  AssociationLogo,
  AssociationStatuses,
  associationPath,
  canManage,
  LoadState,
  memberCountText,
  placeOf,
  titleFor,
  useAssociation,
} from './shared.js';

const EMPLOYEES = { yes: 'assoc.field.employeesYes', no: 'assoc.field.employeesNo' };

function Facts({ association }) {
  const rows = [];
  if (association.activityField) rows.push([t('assoc.field.activity'), association.activityField.name]);
  const place = placeOf(association);
  if (place) rows.push([t('assoc.detail.place'), place]);
  if (association.website) {
    rows.push([
      t('assoc.field.website'),
      // rel: the association's own site gets neither our address nor a handle on this page.
      html`<a href=${association.website} rel="noopener noreferrer external">${association.website.replace(/^https?:\/\//, '')}</a>`,
    ]);
  }
  rows.push([t('assoc.detail.members'), memberCountText(association.memberCount)]);
  if (EMPLOYEES[association.hasEmployees]) rows.push([t('assoc.detail.employees'), t(EMPLOYEES[association.hasEmployees])]);
  return html`<dl class="facts">
    ${rows.map(([label, value]) => html`<div class="facts-row"><dt>${label}</dt><dd>${value}</dd></div>`)}
  </dl>`;
}

/** Links to the management pages, each shown only when this person's role allows it. */
function ManageLinks({ association }) {
  const permissions = association.viewer?.permissions || {};
  const admin = Boolean(association.viewer?.isAdmin);
  const manager = canManage(association);
  const links = [];
  if (permissions.listMembers || permissions.manageMembers || admin) {
    links.push(['/membres', t('assoc.manage.members'), t('assoc.manage.membersText')]);
  }
  if (permissions.manageRoles || admin) links.push(['/roles', t('assoc.manage.roles'), t('assoc.manage.rolesText')]);
  if (permissions.manageMembers || admin) {
    links.push(['/membres-anonymes', t('assoc.manage.anonymous'), t('assoc.manage.anonymousText')]);
  }
  // Declarations (issue 4): the list to validate, statistics, and what a declaration picks from.
  if (permissions.manageDeclarations || manager) links.push(['/declarations', t('decl.links.declarations'), t('decl.links.declarationsText')]);
  if (permissions.manageDeclarations || permissions.listMembers || manager) {
    links.push(['/statistiques', t('decl.links.statistics'), t('decl.links.statisticsText')]);
  }
  if (permissions.manageDeclarations || manager) links.push(['/valorisation', t('val.link'), t('val.linkText')]);
  if (permissions.manageCategories || manager) links.push(['/categories', t('decl.links.categories'), t('decl.links.categoriesText')]);
  if (permissions.manageLevels || manager) links.push(['/niveaux', t('decl.links.levels'), t('decl.links.levelsText')]);
  if (permissions.manageProjects || manager) links.push(['/projets', t('decl.links.projects'), t('decl.links.projectsText')]);
  if (manager) {
    links.push(['/historique', t('assoc.manage.history'), t('assoc.manage.historyText')]);
    links.push(['/parametres', t('assoc.manage.settings'), t('assoc.manage.settingsText')]);
  }
  if (links.length === 0) return null;
  return html`<section class="card" aria-labelledby="manage-title">
    <h2 id="manage-title">${t('assoc.manage.title')}</h2>
    <ul class="manage-links">
      ${links.map(
        ([rest, label, text]) => html`<li key=${rest}>
          <a href=${associationPath(association, rest)}>${label}</a>
          <span class="muted">${text}</span>
        </li>`,
      )}
    </ul>
  </section>`;
}

export function AssociationPage({ params, account }) {
  const state = useAssociation(params.handle);
  const association = state.association;

  async function onChanged() {
    const fresh = await state.reload();
    // After leaving a hidden association, or one awaiting approval, it is out of sight.
    if (!fresh) navigate('/associations', { replace: true, flash: t('assoc.leave.gone') });
    return fresh;
  }

  return html`<article class="assoc-detail">
    <div class="assoc-head">
      ${association ? html`<${AssociationLogo} association=${association} size="lg" />` : null}
      <div class="assoc-head-text">
        <${PageTitle} title=${titleFor(state)} />
        ${association ? html`<${AssociationStatuses} association=${association} />` : null}
      </div>
    </div>
    ${association
      ? html`
          ${!association.isActive ? html`<p class="muted">${t('assoc.detail.inactiveText')}</p>` : null}
          <${MembershipBox} association=${association} account=${account} onChanged=${onChanged} />
          ${association.viewer?.membership?.status === 'active' && association.isActive
            ? html`<p class="actions"><a class="button button-primary" href=${`/declarer?association=${encodeURIComponent(association.handle)}`}>${t('decl.links.declare')}</a></p>`
            : null}
          <section aria-labelledby="about-title" class="assoc-about">
            <h2 id="about-title">${t('assoc.detail.about')}</h2>
            ${association.description
              ? html`<p class="assoc-description">${association.description}</p>`
              : html`<p class="muted">${t('assoc.detail.noDescription')}</p>`}
            <${Facts} association=${association} />
          </section>
          <${ManageLinks} association=${association} />
          <${NewsSection} association=${association} />
          ${association.isActive && !account ? html`<${JoinFromYourSite} association=${association} />` : null}
          <p><a href="/associations">${t('assoc.backToList')}</a></p>
        `
      : html`<${LoadState} state=${state} />`}
  </article>`;
}
