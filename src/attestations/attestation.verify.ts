/**
 * Public verification of an attestation (the `/verifier` page and its API): by code (an
 * attestation issued here), or by the file (the PDF, whose document info carries the JWS,
 * or the .jws itself, issued here or on any other Bénévalibre site). Answers valid,
 * invalid (with why) or revoked, and what is attested. Never throws on what a stranger
 * sends except a code or file that cannot even be read (422 naming the field).
 */
import type { JSONWebKeySet } from 'jose';
import type { Db } from '../db/database.ts';
import { existingPublicKeys } from '../federation/keys.ts';
import type { ProofKeyResolver } from '../federation/proof.ts';
import { jwksOf as actorJwks } from '../federation/jwks.routes.ts';
import { fieldError } from '../lib/errors.ts';
import { readPdfInfo } from '../pdf/pdf-kit.ts';
import { bundleHolds, linesAddUp, normaliseCode } from './attestation.claims.ts';
import { PDF_INFO_KEY, verifyAttestationJws, type HoursLine, type InvalidReason, type JwksSource } from './attestation.jws.ts';
import { attestationRepository } from './attestation.repository.ts';

/** unconfirmed: the code exists but its holder erased their account, so only the file can be checked. */
export type VerificationResult = 'valid' | 'invalid' | 'revoked' | 'unconfirmed';
export type VerificationReason = InvalidReason | 'unknown_code' | 'evidence' | 'holder_erased';

export interface VerificationView {
  result: VerificationResult;
  /** Why invalid; null otherwise. */
  reason: VerificationReason | null;
  /** The issuer is this site, so a revocation would be known here. */
  issuedHere: boolean;
  attestation: {
    code: string;
    kind: 'local' | 'bundle';
    /** Who signed: the association's actor id, or the volunteer's site's (bundle). */
    issuer: string;
    association: { id: string; name: string; url: string | null };
    volunteer: { name: string };
    period: { from: string; to: string };
    totalMinutes: number;
    hours: HoursLine[];
    issuedAt: string;
    /** The issuer's own verification page for this code (revocations are known there). */
    verifyUrl: string;
  } | null;
  /** For a bundle: how many signed Validations it carries and how many verified. */
  evidence: { count: number; verified: number } | null;
  revocation: { revokedAt: string; reason: string } | null;
}

export interface VerifyDeps {
  db: Db;
  origin: string;
  /** Another site's JWKS (HTTPS, public addresses only); null when it cannot be had. */
  remoteJwks: JwksSource;
  /** Multikeys of any actor (a bundle's Validations are signed by an association of another site). */
  resolveKey: () => Promise<ProofKeyResolver>;
}

const invalid = (reason: VerificationReason): VerificationView => ({ result: 'invalid', reason, issuedHere: false, attestation: null, evidence: null, revocation: null });

const originOf = (iri: string) => {
  try {
    return new URL(iri).origin;
  } catch {
    return null;
  }
};

export function verificationService(deps: VerifyDeps) {
  const { db, origin } = deps;
  const repo = attestationRepository(db);
  const actorsPrefix = `${origin}/ap/actors/`;

  /** Our actors' JWKS, straight from the database: never creates keys. */
  async function localJwks(jku: string): Promise<JSONWebKeySet | null> {
    const id = jku.slice(actorsPrefix.length, -'/jwks.json'.length);
    if (!id || id.includes('/')) return null;
    const ed25519 = (await existingPublicKeys(db, id)).find((k) => k.algorithm === 'Ed25519');
    return ed25519 ? actorJwks(origin, id, ed25519.publicKey) : null;
  }

  const jwksOf: JwksSource = (jku) => (jku.startsWith(actorsPrefix) && jku.endsWith('/jwks.json') ? localJwks(jku) : deps.remoteJwks(jku));

  async function byJws(jws: string): Promise<VerificationView> {
    const outcome = await verifyAttestationJws(jws, jwksOf);
    if (!outcome.ok) return invalid(outcome.reason);
    const claims = outcome.claims;
    if (!linesAddUp(claims)) return invalid('not_an_attestation');
    const bundle = claims.type === 'BenevalibreAttestationBundle';
    let evidence: VerificationView['evidence'] = null;
    if (bundle) {
      const held = await bundleHolds(claims, await deps.resolveKey());
      evidence = { count: claims.evidence?.length ?? 0, verified: held.verified };
      if (!held.ok) return { ...invalid('evidence'), evidence };
    }
    const issuedHere = originOf(claims.iss) === origin;
    const row = issuedHere ? await repo.byCode(claims.code) : undefined;
    const revoked = row?.revoked_at ? { revokedAt: row.revoked_at, reason: row.revocation_reason ?? '' } : null;
    return {
      result: revoked ? 'revoked' : 'valid',
      reason: null,
      issuedHere,
      attestation: {
        code: claims.code, kind: bundle ? 'bundle' : 'local', issuer: claims.iss,
        association: { id: claims.association.id, name: claims.association.name, url: claims.association.url ?? null },
        volunteer: { name: claims.volunteer.name }, period: claims.period, totalMinutes: claims.totalMinutes, hours: claims.hours,
        issuedAt: new Date(claims.iat * 1000).toISOString(), verifyUrl: claims.verify,
      },
      evidence,
      revocation: revoked,
    };
  }

  return {
    byJws,

    /** A code typed by someone (issued on this site). */
    async byCode(input: string): Promise<VerificationView> {
      const code = normaliseCode(input);
      if (!code) throw fieldError('code', 'attestation_code_invalid');
      const row = await repo.byCode(code);
      if (!row) return invalid('unknown_code');
      if (row.jws === '') {
        // Erased holder: we no longer keep what it says, but still whether it was revoked.
        const revocation = row.revoked_at ? { revokedAt: row.revoked_at, reason: row.revocation_reason ?? '' } : null;
        return { result: revocation ? 'revoked' : 'unconfirmed', reason: revocation ? null : 'holder_erased', issuedHere: true, attestation: null, evidence: null, revocation };
      }
      return byJws(row.jws);
    },

    /** The attestation's PDF, or its .jws file (any text holding the compact JWS). */
    async byFile(bytes: Uint8Array): Promise<VerificationView> {
      const head = new TextDecoder().decode(bytes.subarray(0, 5));
      if (head === '%PDF-') {
        const info = await readPdfInfo(bytes);
        if (!info) throw fieldError('file', 'attestation_file_unreadable');
        const jws = info.custom[PDF_INFO_KEY];
        return jws ? byJws(jws) : invalid('not_an_attestation');
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).trim();
      } catch {
        throw fieldError('file', 'attestation_file_unreadable');
      }
      if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) throw fieldError('file', 'attestation_file_unreadable');
      return byJws(text);
    },
  };
}
