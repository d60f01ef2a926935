/**
 * Pure pieces of an attestation: the verification code, the period rule, the hours by
 * month and category, and the checks of a bundle's evidence (each Validation proof by the
 * association's key, pinned to its Declaration, by the attested volunteer, in the period,
 * adding up to the attested total).
 */
import { randomBytes } from 'node:crypto';
import { readValidationDocument } from '../federation/declarations/validation-document.ts';
import type { JsonObject, ProofKeyResolver } from '../federation/proof.ts';
import { fieldError } from '../lib/errors.ts';
import type { AttestationClaims, HoursLine } from './attestation.jws.ts';
import type { CountedAction } from './attestation.repository.ts';

// Crockford's base32: no I, L, O, U — nothing to misread when typed from paper.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** « BV-7K3M-Q9TX-2HWD »: 60 random bits, grouped by four. */
export function newCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return `BV-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** The code as typed (lower case, spaces, O for 0, I or L for 1) in its canonical form; null when it cannot be one. */
export function normaliseCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '').replace(/^BV/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(raw)) return null;
  return `BV-${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
}

const MAX_YEARS = 10;

/** from ≤ to, at most ten years. */
export function checkPeriod(from: string, to: string): void {
  if (to < from) throw fieldError('to', 'attestation_period_order');
  const limit = `${Number(from.slice(0, 4)) + MAX_YEARS}${from.slice(4)}`;
  if (to >= limit) throw fieldError('to', 'attestation_period_too_long');
}

/** Validated minutes and actions by month, then category (sorted by month, then name). */
export function hoursByMonthAndCategory(actions: readonly CountedAction[]): HoursLine[] {
  const lines = new Map<string, HoursLine>();
  for (const a of actions) {
    const month = a.date.slice(0, 7);
    const key = `${month}\u0000${a.category}`;
    const line = lines.get(key) ?? { month, category: a.category, minutes: 0, actions: 0 };
    line.minutes += a.minutes;
    line.actions += 1;
    lines.set(key, line);
  }
  return [...lines.values()].sort((x, y) => x.month.localeCompare(y.month) || x.category.localeCompare(y.category, 'fr'));
}

/** The lines add up to the total (any attestation; a mismatch means it was not built by us). */
export function linesAddUp(claims: AttestationClaims): boolean {
  return claims.hours.reduce((s, l) => s + l.minutes, 0) === claims.totalMinutes;
}

export interface CheckedEvidence {
  date: string;
  minutes: number;
  declaration: JsonObject;
  validation: JsonObject;
}

/**
 * One piece of evidence: the Validation is the association's (proof by its key, `validatedBy`,
 * origin), pins this very Declaration (digest), and the Declaration is the volunteer's.
 * Null when anything fails — never throws on what a stranger uploaded.
 */
export async function checkEvidence(
  declaration: JsonObject, validation: JsonObject, associationIri: string, volunteerIri: string, resolveKey: ProofKeyResolver,
): Promise<CheckedEvidence | null> {
  try {
    const read = await readValidationDocument(validation, { declaration, association: associationIri, resolveKey });
    if (!read.ok) return null;
    const date = declaration['date'];
    if (declaration['attributedTo'] !== volunteerIri || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
    return { date, minutes: read.value.validatedMinutes, declaration, validation };
  } catch {
    return null;
  }
}

/** A bundle holds: every piece of evidence checks, lies in the period and the total is theirs. */
export async function bundleHolds(claims: AttestationClaims, resolveKey: ProofKeyResolver): Promise<{ ok: boolean; verified: number }> {
  const evidence = claims.evidence ?? [];
  let verified = 0;
  let total = 0;
  for (const e of evidence) {
    const checked = await checkEvidence(e.declaration, e.validation, claims.association.id, claims.sub, resolveKey);
    if (!checked || checked.date < claims.period.from || checked.date > claims.period.to) continue;
    verified += 1;
    total += checked.minutes;
  }
  return { ok: evidence.length > 0 && verified === evidence.length && total === claims.totalMinutes, verified };
}
