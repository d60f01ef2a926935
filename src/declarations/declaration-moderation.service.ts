/**
 * Moderation of declarations (spec §A4), by those who manage declarations: a validation
 * is its own record (who, when, the minutes validated — less than declared only with a
 * reason), superseding the previous one; a refusal keeps the declaration with its reason
 * (never counted; its author may correct and resubmit it). Authors are emailed.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService } from '../audit/audit.service.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { accessTo, type Asker } from '../memberships/access.ts';
import type { AssociationRow } from '../memberships/membership.repository.ts';
import { requirePermission } from '../memberships/policy.ts';
import { declarationNotices, loadReadable, rightsOf, viewOf, type DeclarationDeps } from './declaration.access.ts';
import { declarationRepository, type DeclarationRow } from './declaration.repository.ts';
import type { DeclarationView } from './declaration.view.ts';
import { recordRemoteDecision } from './remote-declaration.service.ts';
import { freezeValuation } from '../valuation/valuation.freeze.ts';

export interface ValidationInput {
  validatedMinutes?: number | undefined;
  reason?: string | null | undefined;
}

const clean = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

/** Validations and refusals of declarations, by those who manage them. */
export function moderationService(deps: DeclarationDeps) {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();
  const site = async () => (await deps.settings.get()).name;

  /** Records a validation of `d` (superseding the current one) and tells its author. */
  async function validateOne(trx: Db, asker: Asker, association: AssociationRow, d: DeclarationRow, minutes: number, reason: string | null, siteName: string): Promise<void> {
    const repo = declarationRepository(trx);
    const current = d.validation_id ? await repo.findValidation(d.validation_id) : undefined;
    // A second click (same minutes, same reason) changes nothing.
    if (d.status === 'validated' && current && current.validated_minutes === minutes && current.reason === reason) return;
    const id = newId();
    await repo.supersede(d.id, now());
    await repo.insertValidation({
      id, declaration_id: d.id, validated_by: asker.actor.accountId, validated_by_label: asker.actor.label, validated_at: now(),
      validated_minutes: minutes, reason, imported: 0, superseded_at: null,
    });
    await repo.update(d.id, { status: 'validated', validation_id: id, rejection_reason: null, rejected_at: null, rejected_by: null, updated_at: now() });
    // Its value in euros is frozen now, at the rate in force on the action's date (a re-validation re-freezes).
    await freezeValuation(trx, id, now());
    await auditService(trx, clock).record(asker.actor, {
      associationId: association.id, action: 'declaration.validate', targetType: 'declaration', targetId: d.id,
      changes: {
        title: [d.title, d.title],
        status: [d.status, 'validated'],
        validated_minutes: [d.status === 'validated' ? (current?.validated_minutes ?? null) : null, minutes],
        ...(reason ? { reason: [current?.reason ?? null, reason] } : {}),
      },
    });
    if (d.status !== 'validated') await declarationNotices(deps, trx, siteName).validated(d, association, minutes, reason, asker.actor.accountId);
    // A declaration of a member of another site: their site learns the decision (Accept with a Validation).
    await recordRemoteDecision(trx, clock, d.id);
  }

  return {
    /** Validates a declaration, all of it or part of it (then with a reason). */
    async validate(asker: Asker, id: string, input: ValidationInput): Promise<DeclarationView> {
      const siteName = await site();
      return inTransaction(db, async (trx) => {
        const { declaration: d, association, rights } = await loadReadable(trx, asker, id);
        if (!rights.manages) throw new AppError('forbidden', 'forbidden');
        const minutes = input.validatedMinutes ?? d.duration_minutes;
        if (minutes > d.duration_minutes) throw fieldError('validatedMinutes', 'declaration_validated_minutes_too_big', { max: d.duration_minutes });
        const reason = clean(input.reason);
        if (minutes < d.duration_minutes && !reason) throw fieldError('reason', 'declaration_reason_required');
        await validateOne(trx, asker, association, d, minutes, reason, siteName);
        return viewOf(trx, id, rights);
      });
    },

    /** Validates several declarations of the association at once, each for its whole duration. */
    async validateMany(asker: Asker, ref: string, ids: string[]): Promise<DeclarationView[]> {
      const siteName = await site();
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_declarations');
        const wanted = [...new Set(ids)];
        const rows = await declarationRepository(trx).findMany(association.id, wanted);
        if (rows.length !== wanted.length) throw fieldError('ids', 'declaration_ids_unknown');
        const byId = new Map(rows.map((r) => [r.id, r]));
        const rights = rightsOf(asker, standing);
        const views: DeclarationView[] = [];
        for (const declarationId of wanted) {
          const d = byId.get(declarationId)!;
          // Already validated ones keep their validation (perhaps partial): bulk approval is for those waiting.
          if (d.status !== 'validated') await validateOne(trx, asker, association, d, d.duration_minutes, null, siteName);
          views.push(await viewOf(trx, declarationId, rights));
        }
        return views;
      });
    },

    /** Refuses a declaration with a reason its author will read; it is never counted. */
    async reject(asker: Asker, id: string, reason: string): Promise<DeclarationView> {
      const siteName = await site();
      return inTransaction(db, async (trx) => {
        const { declaration: d, association, rights } = await loadReadable(trx, asker, id);
        if (!rights.manages) throw new AppError('forbidden', 'forbidden');
        const text = reason.trim();
        if (d.status === 'rejected' && d.rejection_reason === text) return viewOf(trx, id, rights);
        const repo = declarationRepository(trx);
        await repo.supersede(id, now());
        await repo.update(id, { status: 'rejected', validation_id: null, rejection_reason: text, rejected_at: now(), rejected_by: asker.actor.accountId, updated_at: now() });
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'declaration.reject', targetType: 'declaration', targetId: id,
          changes: { title: [d.title, d.title], status: [d.status, 'rejected'], rejection_reason: [d.rejection_reason, text] },
        });
        await declarationNotices(deps, trx, siteName).rejected(d, association, text, asker.actor.accountId);
        await recordRemoteDecision(trx, clock, id);
        return viewOf(trx, id, rights);
      });
    },
  };
}

export type ModerationService = ReturnType<typeof moderationService>;
