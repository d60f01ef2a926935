/** Our accounts' memberships in associations of other sites (migration 2026-11-27T1800-remote-members). */
/** 'removed': the association removed the member (Remove); a Leave forgets the row. */
export type RemoteMembershipStatus = 'pending' | 'active' | 'rejected' | 'removed';

export interface RemoteMembershipsTable {
  id: string;
  account_id: string;
  /** The remote Group's actor id. */
  group_iri: string;
  status: RemoteMembershipStatus;
  /** Why the association refused (the Reject's summary). */
  reason: string | null;
  /** From the Membership: governance | supervision, or null. */
  function: string | null;
  /** Our Join's id (`${origin}/ap/activities/{uuid}`): what the answers name. */
  join_activity_iri: string;
  /** The Membership document received (JSON), kept as sent. */
  membership: string | null;
  /** When the association's site told us it was deleted (Delete of its Group): kept, read-only. */
  association_deleted_at: string | null;
  created_at: string;
  updated_at: string;
}
