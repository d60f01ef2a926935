/** How a declaration is shown (JSON of the contract) and what the viewer may do with it. */
import { displayName } from '../accounts/account.view.ts';
import type { AuthorType, DeclarationStatus } from './declaration.table.ts';
import type { DeclarationRow, DeclarationViewRow } from './declaration.repository.ts';
import { formatDistance } from './declaration.rules.ts';

export interface DeclarationView {
  id: string;
  associationId: string;
  association: { id: string; handle: string; name: string };
  author: { type: AuthorType; id: string | null; displayName: string | null };
  category: { id: string; name: string };
  project: { id: string; name: string } | null;
  level: { id: string; name: string } | null;
  title: string;
  description: string;
  date: string;
  endDate: string | null;
  durationMinutes: number;
  distanceKm: string;
  status: DeclarationStatus;
  rejectionReason: string | null;
  validation: {
    id: string;
    validatedMinutes: number;
    validatedAt: string;
    validatedBy: { id: string | null; label: string };
    reason: string | null;
    /** The frozen value in euros, for those who manage declarations only. */
    value?: ValidationValue;
  } | null;
  createdAt: string;
  updatedAt: string;
  can: { edit: boolean; delete: boolean; validate: boolean };
  /** Declared from a member's site (flows 3–5): that site, and the author's handle there. */
  remote: { site: string; authorHandle: string | null } | null;
}

/** A validation's frozen value: valued, « non valorisée » with the reason, or validated before valuation existed. */
export interface ValidationValue {
  status: 'valued' | 'not_valued' | 'not_yet_valued';
  cents: number | null;
  rateCents: number | null;
  method: string | null;
  reason: string | null;
}

function valueOf(r: DeclarationViewRow): ValidationValue {
  const status = r.v_valued_at === null ? 'not_yet_valued' : r.v_valuation_cents === null ? 'not_valued' : 'valued';
  return { status, cents: r.v_valuation_cents, rateCents: r.v_valuation_rate_cents, method: r.v_valuation_method, reason: r.v_valuation_reason };
}

/** The viewer's position toward one declaration's association. */
export interface Rights {
  accountId: string | null;
  anonymousMemberId: string | null;
  /** manageDeclarations (or manageAssociation, or instance admin). */
  manages: boolean;
  /** An active member, or this association's anonymous member: may declare and edit their own. */
  active: boolean;
}

/** The declaration is the viewer's own (as an account, or as the anonymous member). */
export function isAuthor(d: Pick<DeclarationRow, 'author_type' | 'author_account_id' | 'author_anonymous_id'>, r: Rights): boolean {
  if (d.author_type === 'account') return r.accountId !== null && d.author_account_id === r.accountId;
  if (d.author_type === 'anonymous') return r.anonymousMemberId !== null && d.author_anonymous_id === r.anonymousMemberId;
  return false;
}

/**
 * Managers edit and delete any; authors (still members) edit theirs, and delete them
 * unless validated in a moderated association (the validation is the association's word).
 */
export function canOf(d: DeclarationRow & { moderate_declarations: number }, r: Rights): DeclarationView['can'] {
  const own = isAuthor(d, r) && r.active;
  const locked = d.status === 'validated' && d.moderate_declarations === 1;
  // A declaration received from a member's site is theirs to change or withdraw (there):
  // managers decide (validate or refuse, which their site learns), never edit nor delete.
  const remote = d.remote_iri !== null;
  return { edit: (r.manages && !remote) || own, delete: (r.manages && !remote) || (own && !locked), validate: r.manages };
}

function authorOf(r: DeclarationViewRow): DeclarationView['author'] {
  if (r.author_type === 'account') {
    const name = r.author_account_id
      ? displayName({ first_name: r.author_first_name, last_name: r.author_last_name, pseudo: r.author_pseudo, former_member_number: r.author_former_member_number })
      : null;
    return { type: 'account', id: r.author_account_id, displayName: name };
  }
  // An anonymous member deleted since keeps their actions, without a name.
  if (r.author_type === 'anonymous') return { type: 'anonymous', id: r.author_anonymous_id, displayName: r.anonymous_name ?? 'Membre anonyme' };
  return { type: 'none', id: null, displayName: null };
}

export function toDeclarationView(r: DeclarationViewRow, rights: Rights): DeclarationView {
  return {
    id: r.id,
    associationId: r.association_id,
    association: { id: r.association_id, handle: r.association_handle, name: r.association_name },
    author: authorOf(r),
    category: { id: r.category_id, name: r.category_name },
    project: r.project_id && r.project_name !== null ? { id: r.project_id, name: r.project_name } : null,
    level: r.level_id && r.level_name !== null ? { id: r.level_id, name: r.level_name } : null,
    title: r.title,
    description: r.description,
    date: r.date,
    endDate: r.end_date,
    durationMinutes: r.duration_minutes,
    distanceKm: formatDistance(r.distance_hundredths),
    status: r.status,
    rejectionReason: r.status === 'rejected' ? r.rejection_reason : null,
    validation:
      r.validation_id && r.v_validated_at !== null
        ? {
            id: r.validation_id,
            validatedMinutes: r.v_validated_minutes ?? 0,
            validatedAt: r.v_validated_at,
            validatedBy: { id: r.v_validated_by, label: r.v_validated_by_label ?? '' },
            reason: r.v_reason,
            ...(rights.manages ? { value: valueOf(r) } : {}),
          }
        : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    can: canOf(r, rights),
    remote: r.remote_iri ? { site: new URL(r.remote_iri).host, authorHandle: r.author_remote_handle } : null,
  };
}
