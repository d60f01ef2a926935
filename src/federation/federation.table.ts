/** Row types of the federation foundation (migration 2026-11-27T1700-federation). */
export interface ActorKeysTable {
  /** An account's or association's UUIDv7, or 'instance'. */
  actor_id: string;
  /** 0: RSA (RSASSA-PKCS1-v1_5), 1: Ed25519 — permanent order. */
  position: number;
  algorithm: 'RSASSA-PKCS1-v1_5' | 'Ed25519';
  public_jwk: string;
  private_jwk: string;
  created_at: string;
}

export interface RemoteActorsTable {
  iri: string;
  type: string;
  host: string;
  handle: string | null;
  name: string | null;
  url: string | null;
  inbox: string | null;
  shared_inbox: string | null;
  document: string;
  fetched_at: string;
}

export interface FollowsTable {
  id: string;
  association_id: string;
  follower_iri: string;
  follower_host: string;
  follow_activity_iri: string | null;
  created_at: string;
}

export interface OutboxEventsTable {
  id: string;
  kind: string;
  association_id: string | null;
  subject_type: string;
  subject_id: string;
  /** JSON. */
  payload: string;
  created_at: string;
  dispatched_at: string | null;
}

export interface RemoteHostsTable {
  host: string;
  blocked_at: string | null;
  blocked_by: string | null;
  block_reason: string | null;
  consecutive_failures: number;
  circuit_open_until: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
  last_error: string | null;
}

export interface InboxActivitiesTable {
  activity_iri: string;
  actor_iri: string;
  type: string;
  received_at: string;
}

export interface FlagsTable {
  id: string;
  activity_iri: string;
  reporter_iri: string;
  reporter_host: string;
  /** JSON array of IRIs. */
  object_iris: string;
  content: string | null;
  received_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}
