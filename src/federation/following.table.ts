import type { ColumnType } from 'kysely';

/** Row types of local accounts following remote associations (migration 2026-11-27T1740-following). */
export type FollowingStatus = 'pending' | 'accepted';

export interface FollowingTable {
  id: string;
  account_id: string;
  /** The remote Group's actor id. */
  iri: string;
  /** Our Follow's id (`${origin}/ap/activities/{uuid}`): what the Accept names. */
  follow_activity_iri: string;
  status: FollowingStatus;
  created_at: string;
  accepted_at: string | null;
}

export interface RemoteNewsTable {
  /** The Note's id. */
  iri: string;
  group_iri: string;
  title: string;
  /** Plain text (remote HTML converted), paragraphs separated by a blank line. */
  text: string;
  url: string | null;
  published: string;
  updated: string | null;
  deleted_at: string | null;
  received_at: string;
  /** 'public' (read by the Group's followers here) or 'members' (only by its members here); migration 2026-11-27T1800. */
  audience: ColumnType<'public' | 'members', 'public' | 'members' | undefined, 'public' | 'members'>;
}
