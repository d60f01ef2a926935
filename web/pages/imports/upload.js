// /imports — « Importer une association depuis Bénévalibre »: the file is read in the
// browser, checked by the dry run (counts, accounts, every problem with its object),
// the manager settles what needs a choice (a category to match, another name) and
// checks again; « Importer » is enabled only when everything is ok, then the progress
// page follows the import. Nothing chosen is lost on a mistake: the file and the
// choices stay in the page until a new file is chosen.
import { useEffect, useRef, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { formatDateTime, t } from '../../i18n.js';
import { api, problemMessage } from '../../api.js';
import { navigate } from '../../router.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { FieldError, Hint, SelectField, TextField } from '../../components/Field.js';
import { Status } from '../associations/shared.js';
import { ProblemList, STATUS_KIND, Summary } from './report.js';

/** Reads the chosen file as JSON; null when it is not a JSON object with `metadata` and `objects`. */
async function readFile(file) {
  try {
    const data = JSON.parse(await file.text());
    return data && typeof data === 'object' && !Array.isArray(data) && 'metadata' in data && 'objects' in data ? data : null;
  } catch {
    return null;
  }
}

function MyImports() {
  const [items, setItems] = useState(null);
  useEffect(() => {
    api.get('/imports').then((data) => setItems(data.items || [])).catch(() => setItems([]));
  }, []);
  if (!items || items.length === 0) return null;
  return html`<section aria-labelledby="my-imports-title">
    <h2 id="my-imports-title">${t('import.mine.title')}</h2>
    <ul class="import-list">
      ${items.map(
        (item) => html`<li key=${item.id}>
          <a href=${`/imports/${item.id}`}>${item.association ? item.association.name : t('import.mine.line', { date: formatDateTime(item.createdAt) })}</a>
          ${' '}<${Status} kind=${STATUS_KIND[item.status]}>${t(`import.status.${item.status}`)}<//>
        </li>`,
      )}
    </ul>
  </section>`;
}

export function ImportPage() {
  const [file, setFile] = useState(null); // { name, data }
  const [fileError, setFileError] = useState(null);
  const [report, setReport] = useState(null);
  const [mappings, setMappings] = useState({});
  const [name, setName] = useState('');
  const [stale, setStale] = useState(false);
  const [references, setReferences] = useState([]);
  const [alert, setAlert] = useState(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef(null);
  const reportRef = useRef(null);

  useEffect(() => {
    api.get('/reference-categories').then((data) => setReferences(data.items || [])).catch(() => setReferences([]));
  }, []);

  async function choose(event) {
    const chosen = event.currentTarget.files?.[0];
    setReport(null);
    setAlert(null);
    if (!chosen) return setFile(null);
    const data = await readFile(chosen);
    if (!data) {
      setFile(null);
      setFileError(t('import.fileUnreadable'));
      return;
    }
    setFileError(null);
    setFile({ name: chosen.name, data });
    setMappings({});
    setName('');
  }

  const nameTaken = report?.problems.some((p) => p.code === 'import_name_taken');
  const choices = () => ({ mappings, ...(name.trim() ? { name: name.trim() } : {}) });

  async function check(event) {
    event?.preventDefault();
    if (busy) return;
    if (!file) {
      setFileError(fileError || t('import.fileMissing'));
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setAlert(null);
    try {
      const result = await api.post('/imports/dry-run', { archive: file.data, ...choices() });
      setReport(result);
      setStale(false);
      if (result.problems.some((p) => p.model === 'file')) setFileError(t('import.fileUnreadable'));
      setTimeout(() => reportRef.current?.focus(), 0);
    } catch (error) {
      setAlert(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function start() {
    if (busy || !report?.ok || stale) return;
    setBusy(true);
    setAlert(null);
    try {
      const started = await api.post('/imports', { archive: file.data, ...choices() });
      navigate(`/imports/${started.importId}`);
    } catch (error) {
      setAlert(problemMessage(error));
      setBusy(false);
    }
  }

  const changed = (update) => {
    update();
    setStale(true);
  };
  const settled = report ? report.problems.filter((p) => p.code !== 'import_category_unmapped' && p.code !== 'import_name_taken') : [];
  const fileBroken = report?.problems.some((p) => p.model === 'file');
  const canImport = report?.ok && !stale && !report.alreadyImported;

  return html`<section class="narrow import-page">
    <${PageTitle} title=${t('import.title')} />
    <p class="lead">${t('import.lead')}</p>
    <p>${t('import.how')}</p>
    <${Alert}>${alert}<//>
    <form onSubmit=${check} novalidate class="form">
      <div class=${`field${fileError ? ' field-invalid' : ''}`}>
        <label for="import-file">${t('import.file')}</label>
        <${Hint} id="import-file" hint=${t('import.fileHint')} />
        <${FieldError} id="import-file" error=${fileError} />
        <input ref=${inputRef} id="import-file" type="file" accept="application/json,.json" onChange=${choose}
          aria-invalid=${fileError ? 'true' : undefined} aria-describedby=${fileError ? 'import-file-hint import-file-error' : 'import-file-hint'} />
        ${file ? html`<p class="muted">${t('import.fileChosen', { name: file.name })}</p>` : null}
      </div>
      ${!report
        ? html`<div class="actions">
            <button type="submit" class="button button-primary" aria-disabled=${busy ? 'true' : undefined}>${busy ? t('form.busy') : t('import.check')}</button>
          </div>`
        : null}
    </form>

    ${report && !fileBroken
      ? html`<div ref=${reportRef} tabindex="-1" class="import-report">
          ${report.alreadyImported
            ? html`<${Alert} kind="info">${t('import.already')} <a href=${`/imports/${report.alreadyImported.importId}`}>${t('import.alreadyLink')}</a><//>`
            : null}
          <${Summary} report=${report} name=${name.trim() || null} />
          <section class="card" aria-labelledby="import-problems-title">
            <h2 id="import-problems-title">${t('import.problems.title')}</h2>
            ${report.problems.length === 0 ? html`<p>${t('import.problems.none')}</p>` : null}
            <${ProblemList} problems=${settled} />
            ${report.unmappedCategories.length > 0 || Object.keys(mappings).length > 0
              ? html`<fieldset class="import-mappings">
                  <legend>${t('import.mapping.legend')}</legend>
                  <p class="hint">${t('import.mapping.hint')}</p>
                  ${Object.keys({ ...Object.fromEntries(report.unmappedCategories.map((c) => [c, ''])), ...mappings }).map(
                    (category, i) => html`<${SelectField}
                      key=${category}
                      id=${`mapping-${i}`}
                      label=${t('import.mapping.label', { name: category })}
                      value=${mappings[category] || ''}
                      error=${report.unmappedCategories.includes(category) && !mappings[category] ? t('import.mapping.required', { name: category }) : null}
                      onValue=${(value) => changed(() => setMappings((m) => ({ ...m, [category]: value })))}
                      options=${[{ value: '', label: t('import.mapping.choose') }, ...references.map((r) => ({ value: r.code, label: r.name }))]}
                    />`,
                  )}
                </fieldset>`
              : null}
            ${nameTaken || name
              ? html`<${TextField} id="import-name" label=${t('import.name.label')} hint=${t('import.name.hint')} value=${name}
                  error=${nameTaken && !name.trim() ? report.problems.find((p) => p.code === 'import_name_taken').message : null}
                  onValue=${(value) => changed(() => setName(value))} maxLength="200" />`
              : null}
          </section>
          <p class="hint" role="status">${stale ? t('import.staleHint') : report.ok ? (report.alreadyImported ? '' : t('import.okHint')) : t('import.notOkHint')}</p>
          <div class="actions">
            <button type="button" class=${`button button-${canImport ? 'primary' : 'secondary'}`} onClick=${start} disabled=${!canImport}>${busy && canImport ? t('form.busy') : t('import.submit')}</button>
            <button type="button" class=${`button button-${canImport ? 'secondary' : 'primary'}`} onClick=${check}>${busy && !canImport ? t('form.busy') : t('import.checkAgain')}</button>
          </div>
        </div>`
      : null}
    ${report && fileBroken ? html`<${ProblemList} problems=${report.problems} />` : null}
    <${MyImports} />
  </section>`;
}
