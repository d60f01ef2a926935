// Pieces of the import pages: what a dry run found (counts, accounts, each problem with
// its object in plain words) and the words for an import's status.
import { html } from '../../html.js';
import { t } from '../../i18n.js';

const n = (value) => new Intl.NumberFormat('fr-FR').format(Number(value) || 0);

const OBJECTS = {
  file: 'import.object.file',
  metadata: 'import.object.metadata',
  'associations.association': 'import.object.association',
  'accounts.user': 'import.object.user',
  'associations.associationbenevalocategory': 'import.object.category',
  'associations.associationbenevalolevel': 'import.object.level',
  'associations.associationproject': 'import.object.project',
  'associations.associationrole': 'import.object.role',
  'associations.associationmembership': 'import.object.membership',
  'associations.associationanonymousmember': 'import.object.anonymous',
  'benevalibre.benevalo': 'import.object.action',
};

/** « L'action de bénévolat n° 12 », « La catégorie « Potager » »… */
export function objectWords(problem) {
  const key = OBJECTS[problem.model];
  return key ? t(key, { key: problem.key }) : t('import.object.other', { model: problem.model });
}

/** Counts per kind, accounts new and existing. */
export function Summary({ report, name, done = false }) {
  const c = report.counts;
  const { newAccounts, existingAccounts } = report.accounts;
  return html`<section class="card" aria-labelledby="import-summary-title">
    <h2 id="import-summary-title">${t(done ? 'import.summary.doneTitle' : 'import.summary.title')}</h2>
    <ul class="import-counts">
      ${name ? html`<li>${t('import.summary.association', { name })}</li>` : null}
      <li>${t('import.summary.members', { n: n(c.users), new: n(newAccounts.length), existing: n(existingAccounts.length) })}</li>
      <li>${t('import.summary.actions', { n: n(c.actions), validated: n(c.validatedActions) })}</li>
      <li>${t('import.summary.catalog', { categories: n(c.categories), levels: n(c.levels), projects: n(c.projects), roles: n(c.roles) })}</li>
      ${c.anonymousMembers > 0 ? html`<li>${t('import.summary.anonymous', { n: n(c.anonymousMembers) })}</li>` : null}
    </ul>
    ${newAccounts.length + existingAccounts.length > 0
      ? html`<details>
          <summary>${t('import.accounts.show')}</summary>
          ${newAccounts.length ? html`<h3>${t('import.accounts.new')}</h3><ul>${newAccounts.map((e) => html`<li key=${e}>${e}</li>`)}</ul>` : null}
          ${existingAccounts.length ? html`<h3>${t('import.accounts.existing')}</h3><ul>${existingAccounts.map((e) => html`<li key=${e}>${e}</li>`)}</ul>` : null}
        </details>`
      : null}
  </section>`;
}

/** Every problem with its object; those the manager settles with a choice are asked for by the form. */
export function ProblemList({ problems }) {
  if (!problems.length) return null;
  return html`<ul class="import-problems">
    ${problems.map(
      (p, i) => html`<li key=${i}><strong>${objectWords(p)}</strong> : ${p.message || p.code}</li>`,
    )}
  </ul>`;
}

export const STATUS_KIND = { pending: 'waiting', running: 'waiting', done: 'ok', failed: 'bad' };
