/**
 * The rules of the compte d'engagement citoyen (CEC) that the helper can check (product
 * §B3, §C), pure so the thresholds are tested at the minute:
 * - at least 200 hours in the calendar year, of which at least 100 in one association;
 * - only the activity of a volunteer who sits on the governing body or supervises other
 *   volunteers counts, so the hours counted are those in associations where the member's
 *   function is `governance` or `supervision` (hours elsewhere are shown, not counted);
 * - the year Y is declared from 1 January to 30 June of Y+1 and validated by the
 *   association's valideur CEC until 31 December of Y+1.
 * What the helper cannot know (the association declared for more than a year, in a field
 * of article 200 of the CGI) is said in words on the page, never guessed.
 * These are hints: only « Le Compte Bénévole » decides.
 */
import type { MemberFunction } from '../memberships/membership.table.ts';

export const CEC_YEAR_MINUTES = 200 * 60;
export const CEC_ONE_ASSOCIATION_MINUTES = 100 * 60;

/** The function is what makes hours count: board (governance) or supervising volunteers. */
export const countsForCec = (fn: MemberFunction | null): boolean => fn === 'governance' || fn === 'supervision';

/** A member's function as received from another site: anything else than the two known values is none. */
export function functionOf(value: string | null | undefined): MemberFunction {
  return value === 'governance' || value === 'supervision' ? value : 'none';
}

export interface HoursIn {
  minutes: number;
  function: MemberFunction;
}

export interface CecHints {
  /** Validated minutes of the year in every association. */
  totalMinutes: number;
  /** Those in associations where the member's function counts. */
  countedMinutes: number;
  /** The most counted minutes in one association. */
  bestAssociationMinutes: number;
  /** ≥ 200 h counted in the year. */
  yearReached: boolean;
  /** ≥ 100 h counted in one association. */
  oneAssociationReached: boolean;
  /** Sits on a governing body or supervises volunteers in at least one association with hours. */
  hasFunction: boolean;
  /** All three hints met. */
  likelyEligible: boolean;
  /** Minutes still missing to reach each threshold (0 when reached). */
  missingYearMinutes: number;
  missingOneAssociationMinutes: number;
}

/** The hints for one volunteer and one year, from their validated minutes per association. */
export function cecHints(associations: readonly HoursIn[]): CecHints {
  let totalMinutes = 0;
  let countedMinutes = 0;
  let bestAssociationMinutes = 0;
  let hasFunction = false;
  for (const a of associations) {
    totalMinutes += a.minutes;
    if (!countsForCec(a.function)) continue;
    hasFunction = true;
    countedMinutes += a.minutes;
    bestAssociationMinutes = Math.max(bestAssociationMinutes, a.minutes);
  }
  const yearReached = countedMinutes >= CEC_YEAR_MINUTES;
  const oneAssociationReached = bestAssociationMinutes >= CEC_ONE_ASSOCIATION_MINUTES;
  return {
    totalMinutes,
    countedMinutes,
    bestAssociationMinutes,
    yearReached,
    oneAssociationReached,
    hasFunction,
    likelyEligible: yearReached && oneAssociationReached && hasFunction,
    missingYearMinutes: Math.max(0, CEC_YEAR_MINUTES - countedMinutes),
    missingOneAssociationMinutes: Math.max(0, CEC_ONE_ASSOCIATION_MINUTES - bestAssociationMinutes),
  };
}

/**
 * Where the year stands on `today` (YYYY-MM-DD, Europe/Paris):
 * year_running — the year is not over, nothing can be declared yet;
 * declaration_open — 1 January to 30 June of Y+1: the volunteer declares;
 * validation_only — 1 July to 31 December of Y+1: only the valideur can still validate;
 * closed — after that.
 */
export type CecPhase = 'year_running' | 'declaration_open' | 'validation_only' | 'closed';

export interface CecDeadlines {
  declareFrom: string;
  declareBy: string;
  validateBy: string;
  phase: CecPhase;
}

export function cecDeadlines(year: number, today: string): CecDeadlines {
  const next = year + 1;
  const declareFrom = `${next}-01-01`;
  const declareBy = `${next}-06-30`;
  const validateBy = `${next}-12-31`;
  const phase: CecPhase = today < declareFrom ? 'year_running' : today <= declareBy ? 'declaration_open' : today <= validateBy ? 'validation_only' : 'closed';
  return { declareFrom, declareBy, validateBy, phase };
}

/** The first and last day of a calendar year, to select actions by their (first) date. */
export const yearRange = (year: number): [string, string] => [`${year}-01-01`, `${year}-12-31`];

/** An RNA number as registered: W followed by 9 digits (anything else is not shown). */
export const isRna = (value: string | null | undefined): value is string => typeof value === 'string' && /^W\d{9}$/.test(value);
/** A SIREN: 9 digits (the Luhn key is A's check on entry; received values are only shape-checked). */
export const isSiren = (value: string | null | undefined): value is string => typeof value === 'string' && /^\d{9}$/.test(value);
