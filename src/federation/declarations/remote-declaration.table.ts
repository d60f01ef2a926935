/** Our accounts' declarations for associations of other sites (migration 2026-11-27T1900-remote-declarations). */
/** unsent: not yet acknowledged by the association's site (« en attente d'envoi »); withdrawn: deleted, Delete sent. */
export type RemoteDeclarationStatus = 'unsent' | 'pending' | 'validated' | 'rejected' | 'withdrawn';

export interface RemoteDeclarationsTable {
  id: string;
  account_id: string;
  /** The remote Group's actor id. */
  group_iri: string;
  title: string;
  description: string;
  date: string;
  end_date: string | null;
  duration_minutes: number;
  distance_hundredths: number;
  category_iri: string;
  category_name: string;
  project_iri: string | null;
  project_name: string | null;
  level_iri: string | null;
  level_name: string | null;
  default_category: string | null;
  status: RemoteDeclarationStatus;
  validated_minutes: number | null;
  /** Why refused, or why partly validated. */
  reason: string | null;
  /** The signed Declaration as sent (JSON): what the Validation's digest covers. */
  document: string | null;
  /** The current Create/Update id. */
  activity_iri: string | null;
  /** The signed Validation received (JSON). */
  validation: string | null;
  /** When the current activity was first queued. */
  sent_at: string | null;
  /** Its last re-sending by the reconciliation (flow 4: at most once a day). */
  resent_at: string | null;
  association_deleted_at: string | null;
  created_at: string;
  updated_at: string;
}
