/** Row types of valuation (issue 8, spec §B2): SMIC per territory, association rates. */
export type Territory = 'metropole' | 'mayotte';
export const TERRITORIES: readonly Territory[] = ['metropole', 'mayotte'];

export type RateMethod = 'smic' | 'smic_charged' | 'per_level' | 'per_category' | 'custom';
export const RATE_METHODS: readonly RateMethod[] = ['smic', 'smic_charged', 'per_level', 'per_category', 'custom'];

/** Why a validation is not valued (frozen with it, shown « non valorisée » with the reason). */
export type NotValuedReason = 'no_rate' | 'no_smic' | 'no_level' | 'level_without_rate' | 'category_without_rate';

export interface SmicRatesTable {
  territory: Territory;
  effective_from: string;
  hourly_cents: number;
  created_by: string | null;
  created_at: string;
}

export interface AssociationRatesTable {
  id: string;
  association_id: string;
  effective_from: string;
  method: RateMethod;
  coefficient_thousandths: number | null;
  rate_cents: number | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssociationRateItemsTable {
  rate_id: string;
  target_id: string;
  rate_cents: number;
}
