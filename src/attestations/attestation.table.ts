/** Attestations of volunteering (migration 2026-11-27T2100-attestations). */
export type AttestationKind = 'local' | 'bundle';

export interface AttestationsTable {
  id: string;
  /** The verification code people type (« BV-7K3M-Q9TX-2HWD »). */
  code: string;
  kind: AttestationKind;
  /** Ours (kind local); null for a bundle or once the association is gone. */
  association_id: string | null;
  /** The association's actor id. */
  group_iri: string | null;
  association_name: string;
  account_id: string | null;
  volunteer_name: string;
  period_start: string;
  period_end: string;
  total_minutes: number;
  /** The compact JWS: the attestation itself. */
  jws: string;
  issued_at: string;
  issued_by: string | null;
  issued_by_label: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_by_label: string | null;
  revocation_reason: string | null;
}
