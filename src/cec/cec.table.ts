/** The « valideur CEC » of each association (migration 2026-11-27T2200-cec). */
export interface CecValidatorsTable {
  /** The designated member's membership (the row goes with it). */
  membership_id: string;
  association_id: string;
  /** The account of the manager who designated them (null once that account is gone). */
  designated_by: string | null;
  designated_at: string;
}
