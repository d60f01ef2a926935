/** Row types of the statistics totals (migration 2026-11-27T1400): see totals.repository.ts. */

/** Declarations written since the totals were last brought up to date (set by triggers). */
export interface StatisticsDirtyTable {
  declaration_id: string;
}

/** What one counted (validated) declaration currently adds to the totals. */
export interface StatisticsLedgerTable {
  declaration_id: string;
  association_id: string;
  date: string;
  category_id: string;
  level_id: string | null;
  project_id: string | null;
  /** a:<account id> | n:<anonymous member id> | null when nobody is the author. */
  member_key: string | null;
  minutes: number;
  distance_hundredths: number;
}

export type Dimension = 'all' | 'category' | 'level' | 'project';

/** One cell: period 0 = all years, else the year; dimension_id '' for « all » or « none ». */
export interface StatisticsTotalsTable {
  association_id: string;
  period: number;
  dimension: Dimension;
  dimension_id: string;
  entries: number;
  minutes: number;
  distance_hundredths: number;
  members: number;
}

/** A member's entries in one cell (distinct members of a cell = its rows). */
export interface StatisticsMembersTable {
  association_id: string;
  member_key: string;
  period: number;
  dimension: Dimension;
  dimension_id: string;
  entries: number;
}

export interface StatisticsMonthsTable {
  association_id: string;
  month: string;
  entries: number;
  minutes: number;
  distance_hundredths: number;
}
