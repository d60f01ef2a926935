/** Row types of projects, declarations and validations (spec §A4, §A5). */
import type { ColumnType } from 'kysely';
export type DeclarationStatus = 'pending' | 'validated' | 'rejected';
export type AuthorType = 'account' | 'anonymous' | 'none';

export interface ProjectsTable {
  id: string;
  association_id: string;
  name: string;
  name_key: string;
  description: string | null;
  position: number;
  created_at: string;
}

export interface DeclarationsTable {
  id: string;
  association_id: string;
  author_type: AuthorType;
  author_account_id: string | null;
  author_anonymous_id: string | null;
  category_id: string;
  project_id: string | null;
  level_id: string | null;
  title: string;
  description: string;
  /** YYYY-MM-DD in the association's time zone. */
  date: string;
  end_date: string | null;
  duration_minutes: number;
  /** Hundredths of a kilometre: 0.1 + 0.2 km sum exactly. */
  distance_hundredths: number;
  status: DeclarationStatus;
  rejection_reason: string | null;
  rejected_at: string | null;
  rejected_by: string | null;
  validation_id: string | null;
  idempotency_key: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** `<file token>:<pk>` for declarations imported from a Bénévalibre file (re-imports stay idempotent);
   * optional on insert, so only the import sets it. */
  origin_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** A declaration received from a member's site (flows 3–5): its Declaration id there, the
   * signed JSON as received, and the Create/Update it came with; null for local ones. */
  remote_iri: ColumnType<string | null, string | null | undefined, string | null>;
  remote_document: ColumnType<string | null, string | null | undefined, string | null>;
  remote_activity_iri: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ValidationsTable {
  id: string;
  declaration_id: string;
  validated_by: string | null;
  validated_by_label: string;
  validated_at: string;
  validated_minutes: number;
  reason: string | null;
  imported: number;
  superseded_at: string | null;
  /** The frozen valuation (migration 2026-11-27T2000, src/valuation/): set by the valuation
   * service right after the row is written; optional on insert so older inserts still compile. */
  valued_at: ColumnType<string | null, string | null | undefined, string | null>;
  valuation_method: ColumnType<string | null, string | null | undefined, string | null>;
  valuation_rate_cents: ColumnType<number | null, number | null | undefined, number | null>;
  valuation_cents: ColumnType<number | null, number | null | undefined, number | null>;
  valuation_reason: ColumnType<string | null, string | null | undefined, string | null>;
}
