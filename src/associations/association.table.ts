/** Row types of associations and what each association owns (categories, levels, logo). */
import type { ColumnType, Generated } from 'kysely';
import type { Territory } from '../valuation/valuation.table.ts';

export type HasEmployees = 'yes' | 'no' | 'unknown';

export interface AssociationsTable {
  id: string;
  handle: string;
  name: string;
  name_key: string;
  /** Lower case without accents: search and sort by name (migration 2026-11-27T1230).
   * Set by the associations service; optional on insert so older inserts still compile. */
  search_key: Generated<string>;
  description: string;
  website: string | null;
  activity_field_code: string | null;
  country: string;
  postal_code: string | null;
  has_employees: HasEmployees;
  yearly_income_cents: number | null;
  time_zone: string;
  is_hidden: number;
  moderate_membership: number;
  moderate_declarations: number;
  is_active: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
  /** Valuation (migration 2026-11-27T2000): the SMIC territory, suggested from the postal code;
   * the RNA and SIREN numbers (optional). Optional on insert so older inserts still compile. */
  territory: Generated<Territory>;
  rna_number: ColumnType<string | null, string | null | undefined, string | null>;
  siren: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AssociationLogosTable {
  association_id: string;
  mime: string;
  data: Uint8Array;
  updated_at: string;
}

export interface CategoriesTable {
  id: string;
  association_id: string;
  name: string;
  name_key: string;
  description: string | null;
  default_category_id: string | null;
  reference_code: string;
  position: number;
  created_at: string;
}

export interface LevelsTable {
  id: string;
  association_id: string;
  name: string;
  name_key: string;
  description: string | null;
  position: number;
  created_at: string;
}
