/** How an account is shown: display name, initials, avatar colour (spec §A1). */
import type { AccountRow } from './account.repository.ts';

const clean = (s: string | null) => (s && s.trim() !== '' ? s.trim() : null);

/** "First Last", "First Last (pseudo)" when all are set, or the pseudo alone. */
export function displayName(a: Pick<AccountRow, 'first_name' | 'last_name' | 'pseudo' | 'former_member_number'>): string {
  if (a.former_member_number != null) return `Ancien membre n° ${a.former_member_number}`;
  const names = [clean(a.first_name), clean(a.last_name)].filter(Boolean).join(' ');
  const pseudo = clean(a.pseudo);
  if (names && pseudo) return `${names} (${pseudo})`;
  return names || pseudo || '?';
}

export function initials(a: Pick<AccountRow, 'first_name' | 'last_name' | 'pseudo'>): string {
  const first = clean(a.first_name);
  const last = clean(a.last_name);
  const letters = first || last ? [first, last] : [clean(a.pseudo)];
  return letters
    .filter((x): x is string => x !== null)
    .map((x) => x[0]!.toLocaleUpperCase('fr'))
    .join('')
    .slice(0, 2);
}

/** One of eight background colours, derived from the creation time as Bénévalibre does. */
export function avatarColor(createdAt: string): number {
  return Math.floor(new Date(createdAt).getTime() / 1000) % 8;
}

export interface AccountView {
  id: string;
  handle: string | null;
  email: string;
  firstName: string | null;
  lastName: string | null;
  pseudo: string | null;
  displayName: string;
  initials: string;
  avatarColor: number;
  avatarUrl: string | null;
  theme: AccountRow['theme'];
  language: AccountRow['language'];
  isAdmin: boolean;
  createdAt: string;
}

export function toAccountView(a: AccountRow, avatarUpdatedAt: string | undefined): AccountView {
  return {
    id: a.id,
    handle: a.handle,
    email: a.email ?? '',
    firstName: a.first_name,
    lastName: a.last_name,
    pseudo: a.pseudo,
    displayName: displayName(a),
    initials: initials(a),
    avatarColor: avatarColor(a.created_at),
    // The version parameter lets browsers cache the image until it changes.
    avatarUrl: avatarUpdatedAt ? `/api/v1/accounts/${a.id}/avatar?v=${encodeURIComponent(avatarUpdatedAt)}` : null,
    theme: a.theme,
    language: a.language,
    isAdmin: a.is_admin === 1,
    createdAt: a.created_at,
  };
}
