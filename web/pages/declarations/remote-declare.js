// /declarer-ailleurs — declaring for an association of another site where one is an
// active member (flows 3–5): the same form as for a local association (DeclarationForm),
// with that association's categories, projects and levels read from its site through
// our API, posted to /federation/declarations; below, one's declarations there with
// their state in words (« En attente d'envoi », « Validée (2 h sur 3 h : motif) » …).
// RemoteDeclarationList also shows on /mes-benevolats. The main « Déclarer du bénévolat »
// page (/declarer) offers these associations beside the local ones through
// useRemoteChoices, useRemoteCatalog and remoteSend; a declaration of an association
// deleted on its site stays listed, marked « Association supprimée », read-only.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { DeclarationForm } from './declaration-form.js';
import { formatDuration, formatKm, formatPeriod } from './format.js';
import { LoginFirst } from './shared.js';

// The API's field names → the form's.
export const ALIASES = { association: 'associationId', category: 'categoryId', project: 'projectId', level: 'levelId', distance: 'distanceKm' };
const STATUS_KIND = { unsent: 'waiting', pending: 'waiting', validated: 'ok', rejected: 'bad' };

export const hostOf = (iri) => {
  try {
    return new URL(iri).host;
  } catch {
    return '';
  }
};

/** The state in words: « Validée (1 h sur 2 h : motif) », « Refusée : motif » … */
export function remoteStatusText(d) {
  if (d.status === 'validated' && d.validatedMinutes !== null && d.validatedMinutes < d.durationMinutes) {
    return t('remoteDecl.status.validatedPart', { validated: formatDuration(d.validatedMinutes), declared: formatDuration(d.durationMinutes), reason: d.reason || '' });
  }
  if (d.status === 'rejected' && d.reason) return t('remoteDecl.status.rejectedBecause', { reason: d.reason });
  return t(`remoteDecl.status.${d.status}`);
}

/** One's declarations for associations of other sites, newest first; nothing when there are none and `quiet`. */
export function RemoteDeclarationList({ quiet = false, refresh = 0, onCount = null }) {
  const [state, setState] = useState({ items: null, error: null, notice: null });
  const load = () =>
    api
      .get('/federation/declarations')
      .then((data) => {
        setState((s) => ({ ...s, items: data.items || [], error: null }));
        // « Mes bénévolats » words its empty local list differently when there are some here.
        if (onCount) onCount((data.items || []).length);
      })
      .catch((error) => setState((s) => ({ ...s, items: [], error: problemMessage(error) })));
  useEffect(() => {
    load();
  }, [refresh]);

  async function withdraw(d) {
    if (!window.confirm(t('remoteDecl.confirmWithdraw', { title: d.title }))) return;
    try {
      await api.del(`/federation/declarations/${d.id}`);
      setState((s) => ({ ...s, notice: t('remoteDecl.withdrawn') }));
      await load();
    } catch (error) {
      setState((s) => ({ ...s, error: problemMessage(error) }));
    }
  }

  if (quiet && !state.error && (!state.items || state.items.length === 0)) return null;
  return html`<section class="remote-declarations" aria-labelledby="remote-declarations-title">
    <h2 id="remote-declarations-title">${t('remoteDecl.listTitle')}</h2>
    ${state.error ? html`<${Alert}>${state.error}<//>` : null}
    ${state.notice ? html`<${Alert} kind="success">${state.notice}<//>` : null}
    ${state.items === null
      ? html`<p class="muted" role="status">${t('common.loading')}</p>`
      : state.items.length === 0
        ? html`<p class="muted">${t('remoteDecl.empty')}</p>`
        : html`<ul class="item-list">
            ${state.items.map(
              (d) => html`<li key=${d.id} class="card decl-item">
                <h3 class="decl-item-title">${d.title}</h3>
                <p class="item-meta">
                  ${[t('remoteDecl.onSite', { name: d.association.name, host: hostOf(d.association.actor) }), formatPeriod(d.date, d.endDate),
                    d.durationMinutes > 0 ? formatDuration(d.durationMinutes) : null, formatKm(d.distanceKm), d.category.name].filter(Boolean).join(' · ')}
                </p>
                <p>
                  <span class=${`status status-${STATUS_KIND[d.status] || 'off'} decl-status`}>
                    <span class="decl-status-icon" aria-hidden="true"></span>${remoteStatusText(d)}
                  </span>
                  ${d.associationDeletedAt ? html` <span class="status status-off decl-status">${t('remoteDecl.associationDeleted')}</span>` : null}
                </p>
                ${d.associationDeletedAt
                  ? html`<p class="hint">${t('remoteDecl.associationDeletedHint')}</p>`
                  : html`<p class="actions">
                      <a class="button button-secondary" href=${`/declarer-ailleurs/${encodeURIComponent(d.id)}/modifier`}>${t('remoteDecl.edit')}</a>
                      <button type="button" class="button button-quiet" onClick=${() => withdraw(d)}>${t('remoteDecl.withdraw')}</button>
                    </p>`}
              </li>`,
            )}
          </ul>`}
  </section>`;
}

/** An association of another site's categories, projects and levels, as the form wants them (ids are IRIs). */
export function useRemoteCatalog(membershipId) {
  const [state, setState] = useState(null);
  useEffect(() => {
    if (!membershipId) return undefined;
    let alive = true;
    setState(null);
    const items = (list) => (list || []).map((i) => ({ id: i.iri, name: i.name }));
    api
      .get(`/federation/memberships/${membershipId}/catalog`)
      .then((c) => alive && setState({ id: membershipId, stale: c.stale, categories: items(c.categories), projects: items(c.projects), levels: items(c.levels) }))
      .catch((error) => alive && setState({ id: membershipId, error, categories: [], projects: [], levels: [] }));
    return () => {
      alive = false;
    };
  }, [membershipId]);
  return state && state.id === membershipId ? state : null;
}

function RemoteForm({ memberships, query, onSaved }) {
  const wanted = query.get('association');
  const [chosen, setChosen] = useState(() => (memberships.find((m) => m.id === wanted || m.actor === wanted) || (memberships.length === 1 ? memberships[0] : null))?.id || '');
  const membership = memberships.find((m) => m.id === chosen) || null;
  const catalog = useRemoteCatalog(chosen);
  const [round, setRound] = useState(0);
  const association = membership ? { id: membership.id, name: membership.name } : null;

  async function send(current, body) {
    return api.post('/federation/declarations', {
      association: memberships.find((m) => m.id === current.associationId)?.actor || '',
      title: body.title, date: body.date, durationMinutes: body.durationMinutes, category: body.categoryId,
      ...(body.projectId ? { project: body.projectId } : {}), ...(body.levelId ? { level: body.levelId } : {}),
      ...(body.endDate ? { endDate: body.endDate } : {}), ...(body.description ? { description: body.description } : {}),
      ...(body.distanceKm ? { distance: body.distanceKm } : {}),
    });
  }

  return html`<div>
    ${catalog?.error ? html`<${Alert}>${t('remoteDecl.catalogError')}<//>` : null}
    ${catalog?.stale ? html`<p class="hint decl-note">${t('remoteDecl.stale')}</p>` : null}
    <${DeclarationForm}
      key=${round}
      association=${association}
      catalog=${catalog}
      choices=${memberships.map((m) => ({ id: m.id, name: `${m.name} (${hostOf(m.actor)})` }))}
      onAssociation=${setChosen}
      send=${send}
      aliases=${ALIASES}
      onSaved=${() => {
        setRound(round + 1);
        onSaved();
      }}
    />
  </div>`;
}

/**
 * The associations of other sites one may declare for (active, not deleted there), as
 * choices of the main declaration form: ids `remote:{membershipId}`, names with the site.
 */
export function useRemoteChoices(account) {
  const [state, setState] = useState({ loading: Boolean(account), choices: [] });
  useEffect(() => {
    if (!account) return setState({ loading: false, choices: [] });
    let alive = true;
    api
      .get('/federation/memberships')
      .then((data) => {
        const usable = (data.items || []).filter((m) => m.status === 'active' && !m.associationDeletedAt);
        if (alive) setState({ loading: false, choices: usable.map((m) => ({ id: `remote:${m.id}`, name: `${m.name} (${hostOf(m.actor)})`, membership: m })) });
      })
      // Other sites are a bonus here: the local associations still show.
      .catch(() => alive && setState({ loading: false, choices: [] }));
    return () => {
      alive = false;
    };
  }, [account?.id]);
  return state;
}

/** The body of POST /federation/declarations from the form's values (body: the form's API body). */
function remoteBody(body) {
  return {
    title: body.title, date: body.date, durationMinutes: body.durationMinutes, category: body.categoryId,
    ...(body.projectId !== undefined ? { project: body.projectId } : {}), ...(body.levelId !== undefined ? { level: body.levelId } : {}),
    ...(body.endDate !== undefined ? { endDate: body.endDate } : {}), ...(body.description !== undefined ? { description: body.description } : {}),
    ...(body.distanceKm !== undefined ? { distance: body.distanceKm } : {}),
  };
}

/** The form's `send` for a chosen association of another site. */
export const remoteSend = (membership) => (_current, body) => api.post('/federation/declarations', { association: membership.actor, ...remoteBody(body) });

/** The form's `update` for one's declaration there (null empties an optional value). */
export const remoteUpdate = (id) => (_current, body) => api.patch(`/federation/declarations/${encodeURIComponent(id)}`, remoteBody(body));

/** After declaring for an association of another site: what happens next, in words. */
export function RemoteConfirmation({ declaration, onAgain, back }) {
  const ref = useRef(null);
  useEffect(() => ref.current?.focus(), []);
  const facts = [formatPeriod(declaration.date, declaration.endDate), declaration.durationMinutes > 0 ? formatDuration(declaration.durationMinutes) : null,
    formatKm(declaration.distanceKm), declaration.category?.name].filter(Boolean);
  return html`<div class="card card-success decl-done">
    <h2 ref=${ref} tabindex="-1">${t('decl.done.title')}</h2>
    <p class="decl-done-title"><strong>${declaration.title}</strong></p>
    <p class="item-meta">${facts.join(' · ')}</p>
    <p>${t('remoteDecl.onSite', { name: declaration.association.name, host: hostOf(declaration.association.actor) })}</p>
    <p>${t('remoteDecl.sent')}</p>
    <div class="actions">
      <button type="button" class="button button-primary" onClick=${onAgain}>${t('decl.done.again')}</button>
      <a class="button button-secondary" href=${back}>${back === '/mes-benevolats' ? t('decl.done.mine') : t('decl.done.back')}</a>
    </div>
  </div>`;
}

export function RemoteDeclarePage({ account, query }) {
  const [memberships, setMemberships] = useState(null);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(0);
  useEffect(() => {
    if (!account) return;
    api
      .get('/federation/memberships')
      .then((data) => setMemberships((data.items || []).filter((m) => m.status === 'active' && !m.associationDeletedAt)))
      .catch((e) => setError(problemMessage(e)));
  }, [account]);
  if (!account) return html`<${LoginFirst} />`;
  let content;
  if (error) content = html`<${Alert}>${error}<//>`;
  else if (memberships === null) content = html`<p class="muted" role="status">${t('common.loading')}</p>`;
  else if (memberships.length === 0) content = html`<p class="empty">${t('remoteDecl.none')}</p>`;
  else content = html`<${RemoteForm} memberships=${memberships} query=${query} onSaved=${() => setSaved(saved + 1)} />`;
  return html`<section class="narrow decl-page">
    <${PageTitle} title=${t('remoteDecl.title')} />
    <p class="lead">${t('remoteDecl.lead')}</p>
    ${saved > 0 ? html`<${Alert} kind="success">${t('remoteDecl.sent')}<//>` : null}
    ${content}
    <${RemoteDeclarationList} refresh=${saved} />
  </section>`;
}
