/**
 * « Télécharger mes données » (product §B4, GDPR article 20): everything this site keeps
 * about one account, as one JSON document — profile and picture, memberships here and on
 * other sites, declarations here (with every validation, earlier ones too) and on other
 * sites (with the signed Declaration sent and the signed Validation received, as stored,
 * so the person can have them checked anywhere), follows, attestations, notification
 * preferences, sessions and API tokens (never a secret: no password, token or session
 * hash), and what the account did in associations (the audit trail).
 * Stored documents are given back parsed when they are JSON, as text otherwise.
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { formatDistance } from '../declarations/declaration.rules.ts';
import { privacyRepository } from './privacy.repository.ts';

export const EXPORT_FORMAT = 'benevalibre-donnees-personnelles/1';

/** A stored JSON document, parsed; anything unreadable stays as text (never lost, never a crash). */
function document(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const hostOf = (iri: string): string | null => {
  try {
    return new URL(iri).host;
  } catch {
    return null;
  }
};

export function privacyService(deps: { db: Db; clock: Clock; origin: string }) {
  const { db, clock, origin } = deps;

  return {
    async export(accountId: string): Promise<Record<string, unknown>> {
      const repo = privacyRepository(db);
      const account = await repo.account(accountId);
      if (!account) throw new AppError('not_found', 'not_found');
      const avatar = await repo.avatar(accountId);
      const validations = await repo.validations(accountId);
      return {
        format: EXPORT_FORMAT,
        site: origin,
        exportedAt: clock.now().toISOString(),
        account: {
          id: account.id, email: account.email, firstName: account.first_name, lastName: account.last_name, pseudo: account.pseudo,
          handle: account.handle, address: `${origin}/ap/actors/${account.id}`, theme: account.theme, language: account.language,
          isAdmin: account.is_admin === 1, status: account.status, termsAcceptedAt: account.terms_accepted_at, ageConfirmedAt: account.age_confirmed_at,
          createdAt: account.created_at, updatedAt: account.updated_at, activatedAt: account.activated_at,
        },
        picture: avatar ? { mediaType: avatar.mime, updatedAt: avatar.updated_at, base64: Buffer.from(avatar.data).toString('base64') } : null,
        memberships: (await repo.memberships(accountId)).map((m) => ({
          id: m.id, association: { id: m.association_id, handle: m.handle, name: m.name }, role: m.role, status: m.status, function: m.function,
          cecValidatorSince: m.cec_validator_since, createdAt: m.created_at, approvedAt: m.approved_at,
        })),
        membershipsOnOtherSites: (await repo.remoteMemberships(accountId)).map((m) => ({
          id: m.id, association: { id: m.group_iri, name: m.name, site: m.host ?? hostOf(m.group_iri) }, status: m.status, reason: m.reason,
          function: m.function, joinActivity: m.join_activity_iri, membershipDocument: document(m.membership), createdAt: m.created_at, updatedAt: m.updated_at,
        })),
        declarations: (await repo.declarations(accountId)).map((d) => ({
          id: d.id, association: { id: d.association_id, name: d.association_name }, title: d.title, description: d.description, date: d.date,
          endDate: d.end_date, durationMinutes: d.duration_minutes, distanceKm: formatDistance(d.distance_hundredths), category: d.category,
          project: d.project, level: d.level, status: d.status, rejectionReason: d.rejection_reason, rejectedAt: d.rejected_at,
          createdAt: d.created_at, updatedAt: d.updated_at,
          validations: validations.filter((v) => v.declaration_id === d.id).map((v) => ({
            current: v.id === d.validation_id, validatedAt: v.validated_at, validatedBy: v.validated_by_label, validatedMinutes: v.validated_minutes,
            reason: v.reason, imported: v.imported === 1, supersededAt: v.superseded_at,
          })),
        })),
        declarationsOnOtherSites: (await repo.remoteDeclarations(accountId)).map((d) => ({
          id: d.id, association: { id: d.group_iri, name: d.association_name, site: hostOf(d.group_iri) }, title: d.title, description: d.description,
          date: d.date, endDate: d.end_date, durationMinutes: d.duration_minutes, distanceKm: formatDistance(d.distance_hundredths),
          category: d.category_name, project: d.project_name, level: d.level_name, status: d.status, validatedMinutes: d.validated_minutes,
          reason: d.reason, associationDeletedAt: d.association_deleted_at, createdAt: d.created_at, updatedAt: d.updated_at,
          signedDeclaration: document(d.document), signedValidation: document(d.validation),
        })),
        following: (await repo.following(accountId)).map((f) => ({ association: { id: f.iri, name: f.name, site: hostOf(f.iri) }, status: f.status, createdAt: f.created_at, acceptedAt: f.accepted_at })),
        attestations: (await repo.attestations(accountId)).map((a) => ({
          id: a.id, code: a.code, kind: a.kind, association: a.association_name, associationActor: a.group_iri, volunteer: a.volunteer_name,
          periodStart: a.period_start, periodEnd: a.period_end, totalMinutes: a.total_minutes, issuedAt: a.issued_at, issuedBy: a.issued_by_label,
          revokedAt: a.revoked_at, revocationReason: a.revocation_reason, jws: a.jws,
        })),
        notificationPreferences: (await repo.notificationPreferences(accountId)).map((p) => ({ kind: p.kind, mode: p.mode })),
        sessions: (await repo.sessions(accountId)).map((s) => ({ id: s.id, device: s.user_agent, createdAt: s.created_at, lastSeenAt: s.last_seen_at, expiresAt: s.expires_at })),
        apiTokens: (await repo.apiTokens(accountId)).map((k) => ({ id: k.id, name: k.name, scope: k.scope, createdAt: k.created_at, expiresAt: k.expires_at, lastUsedAt: k.last_used_at })),
        actionsInAssociations: (await repo.auditTrail(accountId)).map((e) => ({ at: e.created_at, action: e.action, association: e.association_name, targetType: e.target_type, targetId: e.target_id })),
      };
    },
  };
}
