/**
 * The `Validation` an association signs when it accepts a declaration (federation.md,
 * Vocabulary and flow 4): the volunteer's portable evidence. It names the declaration by
 * id and pins its exact content by a digest — SHA-256 of the JCS form (RFC 8785) of the
 * declaration as received, without its proof — so a later edit of the declaration can
 * never borrow an earlier validation, and any holder can check both documents offline.
 *
 * What counts everywhere is `validatedDuration`: at most the declared duration, with the
 * reason in `summary` when less (the same rule as a local partial validation).
 */
import serialize from 'json-canon';
import { z } from 'zod';
import { REASON_MAX } from '../../declarations/declaration.rules.ts';
import { addProof, proofVerificationMethod, verifyProofs, type JsonObject, type ProofKeyResolver } from '../proof.ts';
import { BV_DOCUMENT_CONTEXT } from '../vocabulary.ts';
import {
  durationToMinutes, hasOurVocabulary, instant, minutesToDuration, originOf, withoutFragment, zodProblems, type DocumentProblem, type ReadResult,
} from './values.ts';

/** `${origin}/ap/validations/{id}`: on the association's instance (not yet in uris.ts; nothing serves it yet). */
export const validationIri = (origin: string, id: string): string => `${origin}/ap/validations/${id}`;

/**
 * `sha-256=` + base64url (no padding) of SHA-256(JCS(declaration without `proof`)).
 * JCS makes it independent of key order and spacing; every value change changes it.
 */
export async function declarationDigest(declaration: JsonObject): Promise<string> {
  const { proof: _proof, ...rest } = declaration;
  delete rest['https://w3id.org/security#proof'];
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(serialize(rest)));
  return `sha-256=${Buffer.from(hash).toString('base64url')}`;
}

/** The declared duration of a declaration document, in minutes (null when unreadable). */
function declaredMinutes(declaration: JsonObject): number | null {
  return typeof declaration['duration'] === 'string' ? durationToMinutes(declaration['duration']) : null;
}

export interface ValidationDocumentInput {
  /** The validation's IRI, e.g. validationIri(origin, validationId). */
  id: string;
  /** The declaration as received (proof included or not: the digest ignores it). */
  declaration: JsonObject;
  /** The association's actor id: `validatedBy` and the signer. */
  association: string;
  validatedMinutes: number;
  /** Required when validatedMinutes is less than declared. */
  reason: string | null;
  published: Date | string;
}

/**
 * The unsigned document (async only for the digest). Throws on what the caller must have
 * refused already (the moderation service's rules): more than declared, or partial
 * without a reason — a Validation that breaks them must never be signed.
 */
export async function buildValidationDocument(input: ValidationDocumentInput): Promise<JsonObject> {
  const declared = declaredMinutes(input.declaration);
  const declarationId = input.declaration['id'];
  if (typeof declarationId !== 'string') throw new TypeError('the declaration has no id');
  if (declared === null) throw new TypeError('the declaration has no readable duration');
  if (!Number.isSafeInteger(input.validatedMinutes) || input.validatedMinutes < 0 || input.validatedMinutes > declared) {
    throw new RangeError(`validated ${input.validatedMinutes} min of ${declared} declared`);
  }
  const reason = input.reason?.trim() ?? '';
  if (input.validatedMinutes < declared && reason === '') throw new TypeError('a partial validation needs a reason');
  return {
    '@context': [...BV_DOCUMENT_CONTEXT],
    id: input.id,
    type: ['Object', 'Validation'],
    validates: declarationId,
    digest: await declarationDigest(input.declaration),
    validatedDuration: minutesToDuration(input.validatedMinutes),
    ...(reason !== '' ? { summary: reason } : {}),
    validatedBy: input.association,
    published: instant(input.published),
  };
}

/** The document signed by the association's Ed25519 key. */
export async function toValidationDocument(input: ValidationDocumentInput, privateKey: CryptoKey, created: Date): Promise<JsonObject> {
  return addProof(await buildValidationDocument(input), privateKey, { verificationMethod: proofVerificationMethod(input.association), created });
}

export interface ValidationExpectations {
  /** Our copy of the declaration, as we sent it. */
  declaration: JsonObject;
  /** The association it was sent to. */
  association: string;
  /** The association's public keys (its actor's `assertionMethod`). */
  resolveKey: ProofKeyResolver;
}

export interface ReceivedValidation {
  id: string;
  validates: string;
  digest: string;
  validatedMinutes: number;
  /** The reason of a partial validation (plain text). */
  reason: string | null;
  validatedBy: string;
  published: string;
  signedBy: string[];
  /** As received, proof included: the evidence the volunteer's instance keeps. */
  document: JsonObject;
}

const ValidationJson = z.object({
  '@context': z.unknown().refine(hasOurVocabulary, 'missing_vocabulary'),
  id: z.string().max(2048).refine((s) => originOf(s) !== null, 'not_an_iri'),
  type: z.array(z.string()).refine((t) => t.includes('Validation'), 'not_a_validation'),
  validates: z.string().max(2048),
  digest: z.string().max(200),
  validatedDuration: z.string().max(40),
  summary: z.string().max(REASON_MAX * 4).optional(),
  validatedBy: z.string().max(2048),
  published: z.string().max(64).refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'not_a_date_time'),
  proof: z.unknown().refine((p) => p !== undefined, 'required'),
});

/**
 * Reads a `Validation` received by the volunteer's instance: it validates our
 * declaration in the very version we sent (digest), by the association it was sent to
 * (`validatedBy`, the id's origin and the proof's signer), for at most the declared
 * duration, with a reason when partial. Never throws on bad input.
 */
export async function readValidationDocument(json: unknown, expect: ValidationExpectations): Promise<ReadResult<ReceivedValidation>> {
  const parsed = ValidationJson.safeParse(json);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const v = parsed.data;
  const problems: DocumentProblem[] = [];
  const problem = (field: string, code: string) => problems.push({ field, code });

  if (v.validatedBy !== expect.association) problem('validatedBy', 'not_this_association');
  if (originOf(v.id) !== originOf(expect.association)) problem('id', 'origin_mismatch');
  if (v.validates !== expect.declaration['id']) problem('validates', 'not_this_declaration');
  if (v.digest !== (await declarationDigest(expect.declaration))) problem('digest', 'digest_mismatch');
  const declared = declaredMinutes(expect.declaration);
  const minutes = durationToMinutes(v.validatedDuration);
  if (minutes === null) problem('validatedDuration', 'invalid_duration');
  else if (declared === null || minutes > declared) problem('validatedDuration', 'more_than_declared');
  const reason = v.summary?.trim() ?? '';
  if (reason.length > REASON_MAX) problem('summary', 'too_long');
  if (minutes !== null && declared !== null && minutes < declared && reason === '') problem('summary', 'reason_required');

  const document = json as JsonObject;
  const signedBy = await verifyProofs(document, expect.resolveKey).catch(() => null);
  if (signedBy === null) problem('proof', 'invalid_proof');
  else if (!signedBy.every((m) => withoutFragment(m) === expect.association)) problem('proof', 'not_signed_by_association');

  if (problems.length > 0 || signedBy === null || minutes === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      id: v.id, validates: v.validates, digest: v.digest, validatedMinutes: minutes, reason: reason === '' ? null : reason,
      validatedBy: v.validatedBy, published: v.published, signedBy, document,
    },
  };
}
