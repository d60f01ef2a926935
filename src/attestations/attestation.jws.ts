/**
 * The attestation as a compact JWS (a JWT with our claims), verifiable offline by anyone
 * with any JOSE library: EdDSA (Ed25519) by the issuer's key, header `kid` = the issuer's
 * Multikey id (`…/ap/actors/{id}#multikey-2`) and `jku` = its JWKS (`…/ap/actors/{id}/jwks.json`),
 * both bound to `iss` — a key from another JWKS than the issuer's never counts.
 *
 * The issuer is the association (kind local) or, for an association of another site, the
 * volunteer's site itself (`…/ap/actors/instance`, kind bundle), whose claims then carry the
 * association's signed Validations (with the Declarations they pin) as `evidence`.
 * FEDERATION.md « Attestations » documents the format.
 */
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { z } from 'zod';

export const ATTESTATION_TYP = 'bv-attestation+jwt';
/** The PDF document-info entry that carries the JWS. */
export const PDF_INFO_KEY = 'BenevalibreAttestation';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

const HoursLine = z.object({
  month: z.string().regex(MONTH),
  category: z.string().max(500),
  minutes: z.number().int().nonnegative(),
  actions: z.number().int().nonnegative(),
});
export type HoursLine = z.infer<typeof HoursLine>;

const Evidence = z.object({ declaration: z.record(z.string(), z.unknown()), validation: z.record(z.string(), z.unknown()) });
export type Evidence = z.infer<typeof Evidence>;

export const AttestationClaims = z.object({
  iss: z.string().max(2048),
  sub: z.string().max(2048),
  jti: z.string().max(200),
  iat: z.number().int(),
  type: z.enum(['BenevalibreAttestation', 'BenevalibreAttestationBundle']),
  version: z.literal(1),
  code: z.string().max(40),
  verify: z.string().max(2048),
  association: z.object({ id: z.string().max(2048), name: z.string().max(500), url: z.string().max(2048).optional() }),
  volunteer: z.object({ name: z.string().max(500) }),
  period: z.object({ from: z.string().regex(DATE), to: z.string().regex(DATE) }),
  totalMinutes: z.number().int().nonnegative(),
  hours: z.array(HoursLine).max(10_000),
  evidence: z.array(Evidence).max(10_000).optional(),
});
export type AttestationClaims = z.infer<typeof AttestationClaims>;
export type UnsignedClaims = Omit<AttestationClaims, 'iat'>;

/** `kid` and `jku` of an actor: its Multikey id and its JWKS, both under its actor id. */
export const keyIdsOf = (actorIri: string) => ({ kid: `${actorIri}#multikey-2`, jku: `${actorIri}/jwks.json` });

/** Signs the claims with the issuer's Ed25519 private key. */
export async function signAttestation(claims: UnsignedClaims, privateKey: CryptoKey, issuedAt: Date): Promise<string> {
  const { kid, jku } = keyIdsOf(claims.iss);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'EdDSA', typ: ATTESTATION_TYP, kid, jku })
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .sign(privateKey);
}

/** Why a JWS is not a valid attestation (codes the API returns; messages in attestation.messages.ts). */
export type InvalidReason = 'malformed' | 'not_an_attestation' | 'key_not_found' | 'bad_signature';

export type JwsOutcome = { ok: true; claims: AttestationClaims; kid: string; jku: string } | { ok: false; reason: InvalidReason };

/** Fetches a JWKS (ours from the database, another site's over HTTPS); null when it cannot be had. */
export type JwksSource = (jku: string) => Promise<JSONWebKeySet | null>;

const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Checks a compact JWS: our header (EdDSA, `typ`, `kid`/`jku` under `iss`), the signature
 * against the issuer's published JWKS, and the claims' shape. Never throws.
 */
export async function verifyAttestationJws(jws: string, jwksOf: JwksSource): Promise<JwsOutcome> {
  const token = jws.trim();
  if (token.length > 10_000_000 || !JWS_SHAPE.test(token)) return { ok: false, reason: 'malformed' };
  let header: ReturnType<typeof decodeProtectedHeader>;
  let iss: unknown;
  try {
    header = decodeProtectedHeader(token);
    iss = decodeJwt(token).iss;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (header.alg !== 'EdDSA' || header.typ !== ATTESTATION_TYP || typeof iss !== 'string') return { ok: false, reason: 'not_an_attestation' };
  const expected = keyIdsOf(iss);
  if (header.kid !== expected.kid || header.jku !== expected.jku) return { ok: false, reason: 'not_an_attestation' };
  const jwks = await jwksOf(expected.jku).catch(() => null);
  if (!jwks) return { ok: false, reason: 'key_not_found' };
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ['EdDSA'], typ: ATTESTATION_TYP, issuer: iss }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { ok: false, reason: code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_INVALID' ? 'key_not_found' : 'bad_signature' };
  }
  const claims = AttestationClaims.safeParse(payload);
  if (!claims.success) return { ok: false, reason: 'not_an_attestation' };
  return { ok: true, claims: claims.data, ...expected };
}
