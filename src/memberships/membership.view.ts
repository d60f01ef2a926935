/** How a member is shown (JSON camelCase). */
import { avatarColor, displayName, initials } from '../accounts/account.view.ts';
import type { MemberFunction, MembershipStatus } from './membership.table.ts';
import type { MemberRow } from './membership.repository.ts';

export interface MemberView {
  id: string;
  account: {
    id: string; handle: string | null; displayName: string; initials: string; avatarColor: number; avatarUrl: string | null;
    /** A member from another site: its actor id, `user@site` and page there. */
    remote: { actor: string; handle: string | null; url: string | null } | null;
  };
  role: { id: string; name: string };
  status: MembershipStatus;
  function: MemberFunction;
  createdAt: string;
  approvedAt: string | null;
}

export function toMemberView(m: MemberRow): MemberView {
  return {
    id: m.id,
    account: {
      id: m.account_id,
      handle: m.remote_iri ? m.remote_handle : m.handle,
      displayName: displayName(m),
      initials: initials(m),
      avatarColor: avatarColor(m.account_created_at),
      avatarUrl: m.avatar_updated_at ? `/api/v1/accounts/${m.account_id}/avatar?v=${encodeURIComponent(m.avatar_updated_at)}` : null,
      remote: m.remote_iri ? { actor: m.remote_iri, handle: m.remote_handle, url: m.remote_url } : null,
    },
    role: { id: m.role_id, name: m.role_name },
    status: m.status,
    function: m.function,
    createdAt: m.created_at,
    approvedAt: m.approved_at,
  };
}

/** Pending first, then by display name in French order (accents and case ignored). */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
export function compareMembers(a: MemberView, b: MemberView): number {
  if (a.status !== b.status) return a.status === 'pending' ? -1 : 1;
  return collator.compare(a.account.displayName, b.account.displayName) || a.id.localeCompare(b.id);
}
