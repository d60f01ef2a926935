// /mes-benevolats — « Mes bénévolats »: the person's own declarations, those awaiting
// validation first, then the newest; filters by association, status and dates, 20 a
// page; edit and delete their own; a refused one shows its reason and « Corriger et
// renvoyer »; the filtered view exports to CSV or ODS. Anonymous members see theirs.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { problemMessage } from '../../api.js';
import { PageTitle } from '../../components/PageTitle.js';
import { Alert } from '../../components/Alert.js';
import { SelectField } from '../../components/Field.js';
import { apiFilters, DateRange, DeclarationList, readFilters, StatusFilter, useDeclarations, useNotice, writeFilters } from './list.js';
import { ExportLinks, LoginFirst, useDeclarer } from './shared.js';
import { RemoteDeclarationList } from './remote-declare.js';

const NAMES = { associationId: 'association' };
const EMPTY = { associationId: '', status: '', from: '', to: '', page: 1 };

function MyList({ declarer, query, remoteCount }) {
  const [filters, setFilters] = useState(() => readFilters(query, NAMES));
  const notice = useNotice();
  const [result, setResult] = useDeclarations('/me/declarations', filters, 0, notice.failure);
  useEffect(() => writeFilters(filters, NAMES), [filters]);

  const setFilter = (name, value) => setFilters((previous) => ({ ...previous, [name]: value, page: name === 'page' ? value : 1 }));
  const filtered = Boolean(filters.associationId || filters.status || filters.from || filters.to);
  const associations = declarer.associations;

  return html`<div>
    <p class="actions">
      <a class="button button-primary button-large" href="/declarer">
        <span aria-hidden="true" class="button-icon button-icon-plus"></span>${t('dashboard.declare')}
      </a>
      ${declarer.kind === 'account' ? html` <a class="button button-secondary" href="/attestations">${t('att.mine.link')}</a>` : null}
    </p>
    <form class="filters decl-filters" role="search" aria-label=${t('decl.filter.label')} onSubmit=${(event) => event.preventDefault()}>
      ${associations.length > 1
        ? html`<${SelectField}
            id="associationFilter"
            label=${t('decl.filter.association')}
            value=${filters.associationId}
            onValue=${(value) => setFilter('associationId', value)}
            options=${[{ value: '', label: t('decl.filter.allAssociations') }, ...associations.map((a) => ({ value: a.id, label: a.name }))]}
          />`
        : null}
      <${StatusFilter} value=${filters.status} onValue=${(value) => setFilter('status', value)} />
      <${DateRange} from=${filters.from} to=${filters.to} onValue=${setFilter} />
    </form>
    <${DeclarationList}
      result=${result}
      setResult=${setResult}
      mode="mine"
      filtered=${filtered}
      emptyText=${t(remoteCount > 0 ? 'decl.mine.emptyLocal' : 'decl.mine.empty')}
      onClear=${() => setFilters(EMPTY)}
      onPage=${(page) => setFilter('page', page)}
      notice=${notice}
    />
    ${result && result.total > 0 ? html`<${ExportLinks} base="/me/declarations/export" query=${apiFilters(filters)} />` : null}
  </div>`;
}

export function MyDeclarationsPage({ account, query }) {
  const declarer = useDeclarer(account);
  const [remoteCount, setRemoteCount] = useState(0);
  if (declarer.kind === 'none') return html`<${LoginFirst} />`;
  let content;
  if (declarer.kind === 'loading') content = html`<p class="muted" role="status">${t('common.loading')}</p>`;
  else if (declarer.kind === 'error') content = html`<${Alert}>${problemMessage(declarer.error)}<//>`;
  else content = html`<${MyList} declarer=${declarer} query=${query} remoteCount=${remoteCount} />`;
  return html`<section class="decl-page">
    <${PageTitle} title=${t('decl.mine.title')} />
    ${content}
    ${declarer.kind === 'loading' ? null : html`<${RemoteDeclarationList} quiet onCount=${setRemoteCount} />`}
  </section>`;
}
