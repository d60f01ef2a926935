// /imports/:id — an import's progress, then its result (ux.md: long operations run as
// jobs with a page that shows their progress and can be left and found again). Polls
// GET /api/v1/imports/{id} until the import is done or failed; then links to the new
// association, its declarations and statistics, the anonymous members' new links (with
// a copy button: this page is the only one showing them) and what the old site said.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { associationPath } from '../associations/shared.js';
import { ProblemList, Summary } from './report.js';

const POLL_MS = 1000;
const ORIGIN_WORDS = ['closed', 'already_done', 'unreachable', 'refused', 'not_https'];

function ProgressBar({ view }) {
  const { done, total, phase } = view.steps;
  const percent = Math.round(view.progress * 100);
  const text = view.status === 'pending' ? t('import.progress.waiting')
    : t('import.progress.step', { done: Math.min(done + 1, total), total, phase: t(`import.phase.${phase || 'check'}`) });
  return html`<div class="import-progress">
    <p id="import-progress-label">${t('import.progress.label')}</p>
    <div class="progress-track" role="progressbar" aria-labelledby="import-progress-label" aria-valuemin="0" aria-valuemax="100"
      aria-valuenow=${percent} aria-valuetext=${`${percent} % — ${text}`}>
      <div class="progress-fill" style=${`width: ${percent}%`}></div>
    </div>
    <p role="status">${text}</p>
    <p class="muted">${t('import.progress.leave')}</p>
  </div>`;
}

function LinkRow({ name, link }) {
  const codeRef = useRef(null);
  const [note, setNote] = useState(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setNote(t('import.links.copied', { name }));
    } catch {
      // No clipboard (plain http, old browser): select the link for Ctrl+C.
      const range = document.createRange();
      range.selectNodeContents(codeRef.current);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      setNote(t('import.links.selected', { name }));
    }
  }
  return html`<li class="import-link">
    <p><strong>${name}</strong></p>
    <p><code class="secret" ref=${codeRef} data-testid="import-anonymous-link">${link}</code></p>
    <button type="button" class="button button-secondary" onClick=${copy}>${t('import.links.copy', { name })}</button>
    ${note ? html`<p role="status" class="muted">${note}</p>` : null}
  </li>`;
}

function Done({ view }) {
  const a = view.association;
  const report = view.report;
  if (report.alreadyImported) {
    return html`<${Alert} kind="info" focus=${true}>${t('import.done.already')}
      ${a ? html` <a href=${associationPath(a)}>${t('import.done.association')}</a>` : null}<//>`;
  }
  const links = report.anonymousLinks || [];
  const origin = ORIGIN_WORDS.includes(report.origin) ? report.origin : 'other';
  return html`<${Alert} kind="success" focus=${true}>${t('import.done', { name: a?.name || '' })}<//>
    ${a
      ? html`<nav class="card" aria-labelledby="import-next-title">
          <h2 id="import-next-title">${t('import.done.links')}</h2>
          <ul class="import-next">
            <li><a href=${associationPath(a)}>${t('import.done.association')}</a></li>
            <li><a href=${associationPath(a, '/declarations')}>${t('import.done.declarations')}</a></li>
            <li><a href=${associationPath(a, '/statistiques')}>${t('import.done.statistics')}</a></li>
          </ul>
        </nav>`
      : null}
    ${links.length
      ? html`<section class="card" aria-labelledby="import-links-title">
          <h2 id="import-links-title">${t('import.links.title')}</h2>
          <p>${t('import.links.explain')}</p>
          <ul class="import-links">${links.map((l) => html`<${LinkRow} key=${l.link} name=${l.name} link=${l.link} />`)}</ul>
        </section>`
      : null}
    <section class="card" aria-labelledby="import-origin-title">
      <h2 id="import-origin-title">${t('import.origin.title')}</h2>
      <p data-testid="import-origin">${t(`import.origin.${origin}`)}</p>
    </section>
    ${report.counts ? html`<${Summary} report=${report} name=${null} done=${true} />` : null}`;
}

export function ImportProgressPage({ params }) {
  const [view, setView] = useState(null);
  const [failure, setFailure] = useState(null);

  useEffect(() => {
    let live = true;
    let timer;
    async function poll() {
      try {
        const data = await api.get(`/imports/${encodeURIComponent(params.id)}`);
        if (!live) return;
        setView(data);
        if (data.status === 'pending' || data.status === 'running') timer = setTimeout(poll, POLL_MS);
      } catch (error) {
        if (live) setFailure(problemMessage(error));
      }
    }
    poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [params.id]);

  let content;
  if (failure) content = html`<${Alert}>${failure}<//>`;
  else if (!view) content = html`<p role="status" class="muted">${t('common.loading')}</p>`;
  else if (view.status === 'done') content = html`<${Done} view=${view} />`;
  else if (view.status === 'failed') {
    content = html`<${Alert} focus=${true}>${t('import.failed')} ${view.errorMessage || ''}<//>
      <${ProblemList} problems=${view.report.problems || []} />
      <p><a class="button button-primary" href="/imports">${t('import.failed.retry')}</a></p>`;
  } else content = html`<${ProgressBar} view=${view} />`;

  return html`<section class="narrow import-page">
    <${PageTitle} title=${t('import.progress.title')} />
    ${content}
  </section>`;
}
