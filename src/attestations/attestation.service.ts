/**
 * Attestations (product §B3): for a volunteer, an association and a period, the validated
 * hours by month and category, signed. The volunteer asks for theirs (an association of
 * this site, or of another site: then a bundle carrying the association's signed
 * Validations, signed by this site); whoever manages the association's declarations issues
 * one for a member and revokes one issued by mistake, saying why. The JWS is the
 * attestation; the PDF shows it and carries it.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService } from '../audit/audit.service.ts';
import { actorKeyPairs } from '../federation/keys.ts';
import type { JsonObject, ProofKeyResolver } from '../federation/proof.ts';
import { actorIri, associationPage, INSTANCE_ACTOR } from '../federation/uris.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { accessTo, accountIdOf, type Asker } from '../memberships/access.ts';
import { membershipRepository } from '../memberships/membership.repository.ts';
import { requirePermission, standingIn } from '../memberships/policy.ts';
import { checkEvidence, checkPeriod, hoursByMonthAndCategory, newCode } from './attestation.claims.ts';
import { keyIdsOf, signAttestation, type AttestationClaims, type Evidence, type UnsignedClaims } from './attestation.jws.ts';
import { attestationPdf } from './attestation.pdf.ts';
import type { DocumentLanguage } from '../lib/format-en.ts';
import { attestationRepository, type AttestationRow } from './attestation.repository.ts';
import type { AttestationsTable } from './attestation.table.ts';

export const REASON_MAX = 1000;

export interface AttestationDeps {
  db: Db;
  clock: Clock;
  origin: string;
  /** Keys of the associations of other sites (their actors' Multikeys), for bundles. */
  resolveKey: () => Promise<ProofKeyResolver>;
}

export interface PeriodInput {
  from: string;
  to: string;
}

export interface AttestationView {
  id: string;
  code: string;
  kind: 'local' | 'bundle';
  association: { id: string | null; iri: string | null; name: string };
  volunteer: { accountId: string | null; name: string };
  period: PeriodInput;
  totalMinutes: number;
  issuedAt: string;
  issuedBy: string;
  revocation: { revokedAt: string; revokedBy: string; reason: string } | null;
  verifyUrl: string;
  /** Null once the holder erased their account: the signed copy is no longer kept. */
  pdfPath: string | null;
  jwsPath: string | null;
}

export interface AvailableView {
  associationId: string | null;
  groupIri: string | null;
  name: string;
  firstDate: string;
  lastDate: string;
  totalMinutes: number;
}

export interface PersonView {
  accountId: string;
  name: string;
  firstDate: string;
  lastDate: string;
  totalMinutes: number;
}

export const verifierUrl = (origin: string) => `${origin}/verifier`;

export function toAttestationView(r: AttestationRow, origin: string): AttestationView {
  return {
    id: r.id, code: r.code, kind: r.kind,
    association: { id: r.association_id, iri: r.group_iri, name: r.association_name },
    volunteer: { accountId: r.account_id, name: r.volunteer_name },
    period: { from: r.period_start, to: r.period_end },
    totalMinutes: r.total_minutes, issuedAt: r.issued_at, issuedBy: r.issued_by_label,
    revocation: r.revoked_at ? { revokedAt: r.revoked_at, revokedBy: r.revoked_by_label ?? '', reason: r.revocation_reason ?? '' } : null,
    verifyUrl: `${verifierUrl(origin)}?code=${r.code}`,
    pdfPath: r.jws === '' ? null : `/api/v1/attestations/${r.id}/pdf`,
    jwsPath: r.jws === '' ? null : `/api/v1/attestations/${r.id}/jws`,
  };
}

/** The name an attestation gives: first and last names, else the pseudo. */
function personName(a: { first_name: string | null; last_name: string | null; pseudo: string | null }): string {
  const names = [a.first_name?.trim(), a.last_name?.trim()].filter(Boolean).join(' ');
  return names || a.pseudo?.trim() || '?';
}

const parseJson = (text: string | null): JsonObject | null => {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
};

export function attestationService(deps: AttestationDeps) {
  const { db, clock, origin } = deps;
  const repo = attestationRepository(db);

  async function volunteerOf(accountId: string): Promise<{ name: string }> {
    const account = await db.selectFrom('accounts').select(['first_name', 'last_name', 'pseudo']).where('id', '=', accountId).executeTakeFirst();
    if (!account) throw new AppError('not_found', 'not_found');
    return { name: personName(account) };
  }

  /** Signs, stores and returns the attestation; `issuer` is the actor whose key signs. */
  async function issue(
    issuer: string, claims: Omit<UnsignedClaims, 'iss' | 'jti' | 'code' | 'verify'>, row: Pick<AttestationsTable, 'kind' | 'association_id' | 'group_iri' | 'account_id' | 'issued_by' | 'issued_by_label'>,
  ): Promise<AttestationRow> {
    const id = newId();
    const code = newCode();
    const now = clock.now();
    const keys = await actorKeyPairs(db, clock, issuer);
    const ed25519 = keys.find((k) => k.algorithm === 'Ed25519');
    if (!ed25519) throw new Error('the issuer has no Ed25519 key');
    const full: UnsignedClaims = { ...claims, iss: actorIri(origin, issuer), jti: `urn:uuid:${id}`, code, verify: `${verifierUrl(origin)}?code=${code}` };
    const jws = await signAttestation(full, ed25519.privateKey, now);
    const stored: AttestationsTable = {
      ...row, id, code, association_name: claims.association.name, volunteer_name: claims.volunteer.name,
      period_start: claims.period.from, period_end: claims.period.to, total_minutes: claims.totalMinutes, jws,
      issued_at: now.toISOString(), revoked_at: null, revoked_by: null, revoked_by_label: null, revocation_reason: null,
    };
    await repo.insert(stored);
    return stored;
  }

  async function issueLocal(asker: Asker, associationId: string, associationName: string, accountId: string, period: PeriodInput, field: string) {
    checkPeriod(period.from, period.to);
    const actions = await repo.localActions(associationId, accountId, period.from, period.to);
    if (actions.length === 0) throw fieldError(field, field === 'accountId' ? 'attestation_person_unknown' : 'attestation_no_hours');
    const volunteer = await volunteerOf(accountId);
    return issue(
      associationId,
      {
        sub: actorIri(origin, accountId), type: 'BenevalibreAttestation', version: 1,
        association: { id: actorIri(origin, associationId), name: associationName, url: associationPage(origin, associationId) },
        volunteer, period: { from: period.from, to: period.to },
        totalMinutes: actions.reduce((s, a) => s + a.minutes, 0), hours: hoursByMonthAndCategory(actions),
      },
      { kind: 'local', association_id: associationId, group_iri: actorIri(origin, associationId), account_id: accountId, issued_by: asker.actor.accountId, issued_by_label: asker.actor.label },
    );
  }

  /** For an association of another site: only the Validations that still verify count, and travel along. */
  async function issueBundle(asker: Asker, accountId: string, groupIri: string, period: PeriodInput) {
    checkPeriod(period.from, period.to);
    const rows = await repo.remoteActions(accountId, groupIri, period.from, period.to);
    if (rows.length === 0) throw fieldError('from', 'attestation_no_hours');
    const resolveKey = await deps.resolveKey();
    const volunteerIri = actorIri(origin, accountId);
    const evidence: Evidence[] = [];
    const counted: { date: string; category: string; minutes: number }[] = [];
    for (const r of rows) {
      const declaration = parseJson(r.document);
      const validation = parseJson(r.validation);
      if (!declaration || !validation) continue;
      const checked = await checkEvidence(declaration, validation, groupIri, volunteerIri, resolveKey);
      if (!checked) continue;
      evidence.push({ declaration, validation });
      counted.push({ date: checked.date, category: r.category, minutes: checked.minutes });
    }
    if (evidence.length === 0) throw new AppError('conflict', 'attestation_evidence_unavailable');
    const actor = await db.selectFrom('remote_actors').select(['name', 'url']).where('iri', '=', groupIri).executeTakeFirst();
    return issue(
      INSTANCE_ACTOR,
      {
        sub: volunteerIri, type: 'BenevalibreAttestationBundle', version: 1,
        association: { id: groupIri, name: actor?.name ?? groupIri, ...(actor?.url ? { url: actor.url } : {}) },
        volunteer: await volunteerOf(accountId), period: { from: period.from, to: period.to },
        totalMinutes: counted.reduce((s, a) => s + a.minutes, 0), hours: hoursByMonthAndCategory(counted), evidence,
      },
      { kind: 'bundle', association_id: null, group_iri: groupIri, account_id: accountId, issued_by: asker.actor.accountId, issued_by_label: asker.actor.label },
    );
  }

  /** The row, for its volunteer, the association's managers of declarations, or an admin. */
  async function readable(asker: Asker, id: string): Promise<AttestationRow> {
    const row = await repo.byId(id);
    if (!row) throw new AppError('not_found', 'not_found');
    if (asker.viewer.kind === 'account' && (asker.viewer.isAdmin || asker.viewer.accountId === row.account_id)) return row;
    if (row.association_id) {
      const standing = await standingIn(db, asker.viewer, row.association_id);
      if (standing.permissions.manage_declarations) return row;
    }
    throw new AppError('not_found', 'not_found');
  }

  /** Readable and still holding its signed copy (gone when the holder erased their account). */
  async function signedCopy(asker: Asker, id: string): Promise<AttestationRow> {
    const row = await readable(asker, id);
    if (row.jws === '') throw new AppError('conflict', 'attestation_content_erased');
    return row;
  }

  return {
    /** Where the asker has validated hours to attest (here and on other sites). */
    async available(asker: Asker): Promise<AvailableView[]> {
      const rows = await repo.available(accountIdOf(asker));
      return rows.map((r) => ({ associationId: r.association_id, groupIri: r.group_iri, name: r.name, firstDate: r.first_date, lastDate: r.last_date, totalMinutes: r.minutes }));
    },

    async mine(asker: Asker): Promise<AttestationView[]> {
      return (await repo.ofAccount(accountIdOf(asker))).map((r) => toAttestationView(r, origin));
    },

    /** The volunteer's own request: `associationId` (here) or `groupIri` (another site), one of them. */
    async request(asker: Asker, input: PeriodInput & { associationId?: string | undefined; groupIri?: string | undefined }): Promise<AttestationView> {
      const accountId = accountIdOf(asker);
      if (input.associationId && input.groupIri) throw fieldError('associationId', 'attestation_one_association');
      if (input.groupIri) return toAttestationView(await issueBundle(asker, accountId, input.groupIri, input), origin);
      if (!input.associationId) throw fieldError('associationId', 'attestation_association_required');
      const association = await membershipRepository(db).findAssociation(input.associationId);
      if (!association) throw fieldError('associationId', 'attestation_no_hours');
      return toAttestationView(await issueLocal(asker, association.id, association.name, accountId, input, 'from'), origin);
    },

    /** A manager issues one for a person with validated hours in the association. */
    async issueFor(asker: Asker, ref: string, input: PeriodInput & { accountId: string }): Promise<AttestationView> {
      const { association, standing } = await accessTo(db, asker, ref);
      requirePermission(standing, 'manage_declarations');
      const row = await issueLocal(asker, association.id, association.name, input.accountId, input, 'accountId');
      await auditService(db, clock).record(asker.actor, {
        associationId: association.id, action: 'attestation.issue', targetType: 'attestation', targetId: row.id,
        changes: { code: [null, row.code], period: [null, `${row.period_start}/${row.period_end}`] },
      });
      return toAttestationView(row, origin);
    },

    async ofAssociation(asker: Asker, ref: string): Promise<AttestationView[]> {
      const { association, standing } = await accessTo(db, asker, ref);
      requirePermission(standing, 'manage_declarations');
      return (await repo.ofAssociation(association.id)).map((r) => toAttestationView(r, origin));
    },

    /** Whom the managers may issue one for: people with validated hours here, by name. */
    async people(asker: Asker, ref: string): Promise<PersonView[]> {
      const { association, standing } = await accessTo(db, asker, ref);
      requirePermission(standing, 'manage_declarations');
      const rows = await repo.peopleWithHours(association.id);
      return rows
        .map((r) => ({ accountId: r.account_id, name: personName(r), firstDate: r.first_date, lastDate: r.last_date, totalMinutes: Number(r.minutes) }))
        .sort((x, y) => x.name.localeCompare(y.name, 'fr'));
    },

    async get(asker: Asker, id: string): Promise<AttestationView> {
      return toAttestationView(await readable(asker, id), origin);
    },

    async jws(asker: Asker, id: string): Promise<{ jws: string; filename: string }> {
      const row = await signedCopy(asker, id);
      return { jws: row.jws, filename: `attestation-${row.code}.jws` };
    },

    /** The PDF in the reader's language (French by default); the signed claims are the same. */
    async pdf(asker: Asker, id: string, lang: DocumentLanguage = 'fr'): Promise<{ bytes: Uint8Array; filename: string }> {
      const row = await signedCopy(asker, id);
      // Our own JWS as stored at issue: the PDF shows exactly what is signed.
      const claims = decodeClaims(row.jws);
      return {
        bytes: await attestationPdf({ claims, jws: row.jws, verifierUrl: verifierUrl(origin), jku: keyIdsOf(claims.iss).jku, lang }),
        filename: `attestation-${row.code}.pdf`,
      };
    },

    /** Revokes (managers of the association; the reason is shown to whoever verifies it). */
    async revoke(asker: Asker, id: string, reason: string): Promise<AttestationView> {
      const row = await repo.byId(id);
      if (!row || !row.association_id) throw new AppError('not_found', 'not_found');
      const { standing } = await accessTo(db, asker, row.association_id);
      requirePermission(standing, 'manage_declarations');
      const why = reason.trim();
      if (why === '') throw fieldError('reason', 'attestation_reason_required');
      if ([...why].length > REASON_MAX) throw fieldError('reason', 'too_long', { max: REASON_MAX });
      return inTransaction(db, async (trx) => {
        const at = clock.now().toISOString();
        if (!(await attestationRepository(trx).revoke(id, at, asker.actor.accountId, asker.actor.label, why))) {
          throw new AppError('conflict', 'attestation_already_revoked');
        }
        await auditService(trx, clock).record(asker.actor, {
          associationId: row.association_id, action: 'attestation.revoke', targetType: 'attestation', targetId: id, changes: { revocation_reason: [null, why] },
        });
        return toAttestationView({ ...row, revoked_at: at, revoked_by: asker.actor.accountId, revoked_by_label: asker.actor.label, revocation_reason: why }, origin);
      });
    },
  };
}

/** The claims of a JWS we signed ourselves (stored at issue): decoded, not re-verified. */
export function decodeClaims(jws: string): AttestationClaims {
  const payload = jws.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AttestationClaims;
}

export type AttestationService = ReturnType<typeof attestationService>;
