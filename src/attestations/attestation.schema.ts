/** Request and response schemas of attestations (product §B3). */
import { z } from '@hono/zod-openapi';
import { isCalendarDate } from '../declarations/declaration.rules.ts';
import { REASON_MAX } from './attestation.service.ts';

const isoDate = z.string().refine(isCalendarDate, 'declaration_date_invalid').openapi({ format: 'date', example: '2026-01-01' });
const period = { from: isoDate.openapi({ description: 'First day (inclusive)' }), to: isoDate.openapi({ description: 'Last day (inclusive)' }) };

export const AttestationParam = z.object({ id: z.string().min(1).max(64) });

export const RequestBody = z
  .object({
    associationId: z.string().trim().min(1).max(64).optional().openapi({ description: 'An association of this site (id or handle)' }),
    groupIri: z.string().trim().min(1).max(2048).optional().openapi({ description: 'Or an association of another site (its actor id): a bundle with its signed validations' }),
    ...period,
  })
  .openapi('AttestationRequest');

export const IssueBody = z
  .object({ accountId: z.string().min(1).max(64).openapi({ description: 'The volunteer (an account with validated hours here)' }), ...period })
  .openapi('AttestationIssue');

export const RevokeBody = z.object({ reason: z.string().max(REASON_MAX * 2).openapi({ description: 'Why (shown to whoever verifies it)' }) }).openapi('AttestationRevocation');

export const Attestation = z
  .object({
    id: z.string(),
    code: z.string().openapi({ example: 'BV-7K3M-Q9TX-2HWD' }),
    kind: z.enum(['local', 'bundle']).openapi({ description: 'local: signed by the association; bundle: by this site, with the validations of an association of another site' }),
    association: z.object({ id: z.string().nullable(), iri: z.string().nullable(), name: z.string() }),
    volunteer: z.object({ accountId: z.string().nullable(), name: z.string() }),
    period: z.object({ from: z.string(), to: z.string() }),
    totalMinutes: z.number().int(),
    issuedAt: z.string(),
    issuedBy: z.string(),
    revocation: z.object({ revokedAt: z.string(), revokedBy: z.string(), reason: z.string() }).nullable(),
    verifyUrl: z.string(),
    pdfPath: z.string().nullable(),
    jwsPath: z.string().nullable(),
  })
  .openapi('Attestation');

export const AttestationList = z.object({ items: z.array(Attestation) }).openapi('AttestationList');

export const Available = z
  .object({
    items: z.array(
      z.object({
        associationId: z.string().nullable(), groupIri: z.string().nullable(), name: z.string(),
        firstDate: z.string(), lastDate: z.string(), totalMinutes: z.number().int(),
      }),
    ),
  })
  .openapi('AttestationAvailable');

const HoursLine = z.object({ month: z.string(), category: z.string(), minutes: z.number().int(), actions: z.number().int() });

export const Verification = z
  .object({
    result: z.enum(['valid', 'invalid', 'revoked', 'unconfirmed']),
    reason: z.enum(['malformed', 'not_an_attestation', 'key_not_found', 'bad_signature', 'unknown_code', 'evidence', 'holder_erased']).nullable(),
    message: z.string().openapi({ description: 'The answer in words, in the reader’s language' }),
    issuedHere: z.boolean().openapi({ description: 'Issued by this site: a revocation would be known here' }),
    attestation: z
      .object({
        code: z.string(), kind: z.enum(['local', 'bundle']), issuer: z.string(),
        association: z.object({ id: z.string(), name: z.string(), url: z.string().nullable() }),
        volunteer: z.object({ name: z.string() }), period: z.object({ from: z.string(), to: z.string() }),
        totalMinutes: z.number().int(), hours: z.array(HoursLine), issuedAt: z.string(), verifyUrl: z.string(),
      })
      .nullable(),
    evidence: z.object({ count: z.number().int(), verified: z.number().int() }).nullable(),
    revocation: z.object({ revokedAt: z.string(), reason: z.string() }).nullable(),
  })
  .openapi('AttestationVerification');

export const VerifyQuery = z.object({ code: z.string().max(64).openapi({ example: 'BV-7K3M-Q9TX-2HWD' }) });
export const VerifyBody = z
  .object({
    code: z.string().max(64).optional(),
    jws: z.string().max(8_000_000).optional().openapi({ description: 'The compact JWS (the .jws file’s content)' }),
  })
  .openapi('AttestationVerifyBody');

export const People = z
  .object({ items: z.array(z.object({ accountId: z.string(), name: z.string(), firstDate: z.string(), lastDate: z.string(), totalMinutes: z.number().int() })) })
  .openapi('AttestationPeople');
