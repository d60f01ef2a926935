// /declarer-ailleurs — declaring for an association of another site where one is an
// active member (flows 3–5): the same form as for a local association (DeclarationForm),
// with that association's categories, projects and levels read from its site through
// our API, posted to /federation/declarations; below, one's declarations there with
// their state in words (« En attente d'envoi », « Validée (2 h sur 3 h : motif) » …).
// RemoteDeclarationList also shows on /mes-benevolats.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { DeclarationForm } from './declaration-form.js';
import { formatDuration, formatKm, formatPeriod } from './format.js';
import { LoginFirst } from './shared.js';

// The API's field names → the form's.
const ALIASES = { association: 'associationId', category: 'categoryId', project: 'projectId', level: 'levelId', distance: 'distanceKm' };
const STATUS_KIND = { unsent: 'waiting', pending: 'waiting', validated: 'ok', rejected: 'bad' };

const hostOf = (iri) => {
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
export function RemoteDeclarationList({ quiet = false, refresh = 0 }) {
  const [state, setState] = useState({ items: null, error: null, notice: null });
  const load = () =>
    api
      .get('/federation/declarations')
      .then((data) => setState((s) => ({ ...s, items: data.items || [], error: null })))
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
                </p>
                <p class="actions">
                  <button type="button" class="button button-quiet" onClick=${() => withdraw(d)}>${t('remoteDecl.withdraw')}</button>
                </p>
              </li>`,
            )}
          </ul>`}
  </section>`;
}

function useRemoteCatalog(membershipId) {
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

export function RemoteDeclarePage({ account, query }) {
  const [memberships, setMemberships] = useState(null);
  const [error, setError] = useState(null);
  const [saved, setSaved] = useState(0);
  useEffect(() => {
    if (!account) return;
    api
      .get('/federation/memberships')
      .then((data) => setMemberships((data.items || []).filter((m) => m.status === 'active')))
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
