import type { ColumnType } from 'kysely';

/** Memberships of accounts in associations, and anonymous members (spec §A3). */
export type MembershipStatus = 'pending' | 'active';
/** The member's function, for the compte d'engagement citoyen (CEC). */
export type MemberFunction = 'governance' | 'supervision' | 'none';

export interface MembershipsTable {
  id: string;
  association_id: string;
  account_id: string;
  role_id: string;
  status: MembershipStatus;
  function: MemberFunction;
  created_at: string;
  approved_at: string | null;
  approved_by: string | null;
  /** The Join's id when a remote account joined (what our answers name); null for local joins. */
  join_activity_iri: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AnonymousMembersTable {
  id: string;
  association_id: string;
  name: string;
  expires_on: string | null;
  is_active: number;
  secret_hash: string;
  last_visit_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AnonymousSessionsTable {
  id: string;
  anonymous_member_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
}
