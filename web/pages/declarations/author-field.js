// « Pour qui ? »: a manager may record an action for themself, for any active member,
// for an anonymous member, or for no one in particular (product.md A4). The choice is
// one value: self | account:<id> | anonymous:<id> | none.
import { useEffect, useState } from 'preact/hooks';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { api } from '../../api.js';
import { SelectField } from '../../components/Field.js';

// Members come 20 a page; a manager's list of choices stops at this many pages.
const MAX_PAGES = 50;

async function activeMembers(associationId) {
  const members = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const data = await api.get(`/associations/${associationId}/members?status=active&page=${page}`);
    members.push(...(data.items || []));
    if (members.length >= data.total || (data.items || []).length === 0) break;
  }
  return members;
}

/** Members and anonymous members a manager may declare for; empty lists while loading. */
export function useAuthors(associationId, enabled) {
  const [authors, setAuthors] = useState({ members: [], anonymous: [] });
  useEffect(() => {
    if (!enabled || !associationId) return undefined;
    let live = true;
    Promise.all([
      activeMembers(associationId).catch(() => []),
      api
        .get(`/associations/${associationId}/anonymous-members`)
        .then((data) => (data.items || []).filter((item) => item.isActive))
        .catch(() => []),
    ]).then(([members, anonymous]) => live && setAuthors({ members, anonymous }));
    return () => {
      live = false;
    };
  }, [associationId, enabled]);
  return authors;
}

/** The API's `author` for a choice, or undefined for the person themself. */
export function authorBody(choice) {
  if (!choice || choice === 'self') return undefined;
  if (choice === 'none') return { type: 'none' };
  const [type, id] = choice.split(':');
  return { type, id };
}

export function AuthorField({ associationId, accountId, value, onValue, error }) {
  const { members, anonymous } = useAuthors(associationId, true);
  const others = members.filter((member) => member.account.id !== accountId);
  const options = [
    { value: 'self', label: t('decl.author.self') },
    ...others.map((member) => ({ value: `account:${member.account.id}`, label: member.account.displayName })),
    ...anonymous.map((item) => ({ value: `anonymous:${item.id}`, label: t('decl.author.anonymous', { name: item.name }) })),
    { value: 'none', label: t('decl.author.noneChoice') },
  ];
  return html`<${SelectField}
    id="author"
    label=${t('decl.field.author')}
    hint=${t('decl.field.authorHint')}
    value=${value}
    onValue=${onValue}
    options=${options}
    error=${error}
  />`;
}
