/**
 * Declarations received from a member's site (flows 3–5, the association's side). The
 * inbox (federation/inbox/declarations.ts) has read and checked the signed document (its
 * values by the rules of a local declaration, its catalog IRIs, its author's proof); this
 * service applies what needs the database, exactly as for a local declaration: the author
 * must be an active member (their remote account), the association's moderation decides
 * pending or validated at once (« Validation automatique »), and an edit sends it back to
 * pending. What the member's site must learn — TentativeAccept, Accept with a Validation,
 * Reject with a reason, Remove — is an outbox event of the same transaction, sent by
 * federation/publish-declaration-decision.ts. No Fedify here.
 */
import type { Db } from '../db/database.ts';
import { recordOutboxEvent } from '../db/outbox-events.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, type Actor } from '../audit/audit.service.ts';
import { newId } from '../lib/ids.ts';
import { membershipRepository } from '../memberships/membership.repository.ts';
import { declarationNotices, type DeclarationDeps } from './declaration.access.ts';
import { declarationRepository, type DeclarationRow } from './declaration.repository.ts';
import { AUTO_VALIDATION_LABEL } from './declaration.service.ts';
import type { DeclarationStatus } from './declaration.table.ts';
import { freezeValuation } from '../valuation/valuation.freeze.ts';

/** A declaration as the inbox read it, with the association's own row ids for its catalog IRIs. */
export interface ReceivedDeclarationInput {
  /** The Declaration's id on the member's site. */
  remoteIri: string;
  authorIri: string;
  /** The Create or Update it came with: what the answers name. */
  activityIri: string;
  /** The signed JSON as received, in a canonical form (JCS): compared byte for byte, kept as evidence. */
  document: string;
  /** The version's instant (`updated`, else `published`; toISOString()): an older version never replaces a newer one. */
  versionAt: string;
  categoryId: string;
  projectId: string | null;
  levelId: string | null;
  title: string;
  description: string;
  date: string;
  endDate: string | null;
  durationMinutes: number;
  distanceHundredths: number;
}

export type ReceiveOutcome =
  | { outcome: 'created' | 'updated' | 'unchanged'; declarationId: string; status: DeclarationStatus }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'stale'; declarationId: string };

/** `updated`, else `published`, of a stored document, as toISOString() writes it ('' when unreadable). */
function versionOf(document: string | null): string {
  try {
    const json = JSON.parse(document ?? '{}') as { updated?: unknown; published?: unknown };
    const ms = Date.parse(String(json.updated ?? json.published ?? ''));
    return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
  } catch {
    return '';
  }
}

/** Plain French reasons of a refusal that needs the database (the member's site shows them as they are). */
export const REFUSALS = {
  notMember: "L'auteur n'est pas membre actif de cette association.",
  inactive: "Cette association n'accepte plus de déclarations.",
  otherAuthor: 'Cette déclaration appartient à une autre personne.',
  locked: "Cette déclaration a été validée par l'association : elle ne peut plus être retirée.",
} as const;

/**
 * Records in `trx` what the member's site must learn about a received declaration as it
 * is now (nothing for a local one): its decision, naming the activity it came with.
 * Called by this service and by the moderation service after a manager's decision.
 */
export async function recordRemoteDecision(trx: Db, clock: DeclarationDeps['clock'], declarationId: string): Promise<void> {
  const repo = declarationRepository(trx);
  const d = await repo.find(declarationId);
  if (!d?.remote_iri || !d.remote_activity_iri || !d.remote_document) return;
  const person = await authorIriOf(trx, d);
  if (!person) return;
  const base = { associationId: d.association_id, subjectType: 'declaration', subjectId: d.id };
  const common = { person, activity: d.remote_activity_iri, declaration: d.remote_iri };
  if (d.status === 'pending') {
    await recordOutboxEvent(trx, clock, { ...base, kind: 'declaration.received.pending', payload: common });
  } else if (d.status === 'rejected') {
    await recordOutboxEvent(trx, clock, { ...base, kind: 'declaration.received.rejected', payload: { ...common, reason: d.rejection_reason } });
  } else if (d.validation_id) {
    const v = await repo.findValidation(d.validation_id);
    if (!v) return;
    // The document validated travels with the event: the digest covers this version, even if another arrives meanwhile.
    await recordOutboxEvent(trx, clock, {
      ...base, kind: 'declaration.received.validated',
      payload: { ...common, validationId: v.id, validatedMinutes: v.validated_minutes, reason: v.reason, validatedAt: v.validated_at, document: d.remote_document },
    });
  }
}

async function authorIriOf(trx: Db, d: DeclarationRow): Promise<string | null> {
  if (!d.author_account_id) return null;
  const row = await trx.selectFrom('accounts').select('remote_iri').where('id', '=', d.author_account_id).where('status', '=', 'remote').executeTakeFirst();
  return row?.remote_iri ?? null;
}

/** A refusal of an activity that left nothing stored: `Reject{object: activity, summary}`. */
async function recordRefusal(trx: Db, clock: DeclarationDeps['clock'], associationId: string, person: string, activity: string, remoteIri: string, reason: string): Promise<void> {
  await recordOutboxEvent(trx, clock, {
    kind: 'declaration.received.rejected', associationId, subjectType: 'declaration', subjectId: remoteIri,
    payload: { person, activity, declaration: remoteIri, reason },
  });
}

export function remoteDeclarationService(deps: DeclarationDeps) {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();

  async function autoValidate(trx: Db, declarationId: string, minutes: number): Promise<string> {
    const id = newId();
    await declarationRepository(trx).insertValidation({
      id, declaration_id: declarationId, validated_by: null, validated_by_label: AUTO_VALIDATION_LABEL, validated_at: now(),
      validated_minutes: minutes, reason: null, imported: 0, superseded_at: null,
    });
    await freezeValuation(trx, id, now());
    return id;
  }

  /** The author's remote account, when an active member of the association. */
  async function activeMember(trx: Db, associationId: string, authorIri: string): Promise<{ id: string; label: string } | null> {
    const account = await trx.selectFrom('accounts').select(['id', 'pseudo']).where('remote_iri', '=', authorIri).where('status', '=', 'remote').executeTakeFirst();
    if (!account || !(await declarationRepository(trx).isActiveMember(associationId, account.id))) return null;
    return { id: account.id, label: account.pseudo ?? authorIri };
  }

  return {
    /** A declaration refused before anything was stored (its document broke a rule): `Reject` with the reason. */
    async refuse(associationId: string, person: string, activityIri: string, remoteIri: string, reason: string): Promise<void> {
      await inTransaction(db, (trx) => recordRefusal(trx, clock, associationId, person, activityIri, remoteIri, reason));
    },

    /**
     * A Create or Update of a declaration addressed to the association: stored (or its
     * content replaced) like a local declaration by its author, or refused with a reason.
     * The same version received again changes nothing and is answered again with the
     * current decision (reconciliation, flow 4). Every outcome queues its answer.
     */
    async receive(associationId: string, input: ReceivedDeclarationInput): Promise<ReceiveOutcome> {
      const site = (await deps.settings.get()).name;
      return inTransaction(db, async (trx) => {
        const refuse = async (reason: string): Promise<ReceiveOutcome> => {
          await recordRefusal(trx, clock, associationId, input.authorIri, input.activityIri, input.remoteIri, reason);
          return { outcome: 'refused', reason };
        };
        const association = await membershipRepository(trx).findAssociation(associationId);
        if (!association || association.is_active !== 1) return refuse(REFUSALS.inactive);
        const author = await activeMember(trx, associationId, input.authorIri);
        if (!author) return refuse(REFUSALS.notMember);
        const actor: Actor = { accountId: author.id, label: author.label };
        const repo = declarationRepository(trx);
        const existing = await trx.selectFrom('declarations').selectAll().where('association_id', '=', associationId).where('remote_iri', '=', input.remoteIri).executeTakeFirst();
        if (existing && existing.author_account_id !== author.id) return refuse(REFUSALS.otherAuthor);

        const fields = {
          category_id: input.categoryId, project_id: input.projectId, level_id: input.levelId, title: input.title, description: input.description,
          date: input.date, end_date: input.endDate, duration_minutes: input.durationMinutes, distance_hundredths: input.distanceHundredths,
        };
        const moderated = association.moderate_declarations === 1;
        if (existing && existing.remote_document === input.document) {
          // The same version again (a lost answer): answered again, under the id it came with now.
          await repo.update(existing.id, { remote_activity_iri: input.activityIri });
          await recordRemoteDecision(trx, clock, existing.id);
          return { outcome: 'unchanged', declarationId: existing.id, status: existing.status };
        }
        // An older version arriving late (a retry of a Create after its Update) changes nothing
        // and is not answered: its author's site ignores answers naming superseded activities.
        if (existing && input.versionAt < versionOf(existing.remote_document)) return { outcome: 'stale', declarationId: existing.id };
        const status: DeclarationStatus = moderated ? 'pending' : 'validated';
        let id: string;
        if (existing) {
          id = existing.id;
          await repo.supersede(id, now());
          await repo.update(id, {
            ...fields, status, validation_id: null, rejection_reason: null, rejected_at: null, rejected_by: null, updated_at: now(),
            remote_document: input.document, remote_activity_iri: input.activityIri,
          });
          await auditService(trx, clock).record(actor, {
            associationId, action: 'declaration.update', targetType: 'declaration', targetId: id,
            changes: { title: [existing.title, fields.title], duration_minutes: [existing.duration_minutes, fields.duration_minutes], status: [existing.status, status] },
          });
        } else {
          id = newId();
          await repo.insert({
            id, association_id: associationId, author_type: 'account', author_account_id: author.id, author_anonymous_id: null, ...fields, status,
            rejection_reason: null, rejected_at: null, rejected_by: null, validation_id: null, idempotency_key: null, created_by: author.id,
            created_at: now(), updated_at: now(), remote_iri: input.remoteIri, remote_document: input.document, remote_activity_iri: input.activityIri,
          });
          await auditService(trx, clock).record(actor, {
            associationId, action: 'declaration.create', targetType: 'declaration', targetId: id,
            changes: { title: [null, fields.title], duration_minutes: [null, fields.duration_minutes], status: [null, status], remote_iri: [null, input.remoteIri] },
          });
        }
        if (status === 'validated') await repo.update(id, { validation_id: await autoValidate(trx, id, fields.duration_minutes) });
        else {
          const row = (await repo.find(id))!;
          await declarationNotices(deps, trx, site).pending(row, association, author.label, null);
        }
        await recordRemoteDecision(trx, clock, id);
        return { outcome: existing ? 'updated' : 'created', declarationId: id, status };
      });
    },

    /**
     * A Delete from the author's site: withdrawn like a local deletion by its author —
     * refused (with a reason) once validated in a moderated association; a validated one
     * withdrawn is announced as `Remove` from the records. Unknown ones are ignored.
     */
    async withdraw(remoteIri: string, authorIri: string, activityIri: string): Promise<'withdrawn' | 'locked' | 'unknown'> {
      return inTransaction(db, async (trx) => {
        const rows = await trx.selectFrom('declarations').selectAll().where('remote_iri', '=', remoteIri).execute();
        let result: 'withdrawn' | 'locked' | 'unknown' = 'unknown';
        for (const d of rows) {
          if ((await authorIriOf(trx, d)) !== authorIri) continue;
          const association = await membershipRepository(trx).findAssociation(d.association_id);
          if (d.status === 'validated' && association?.moderate_declarations === 1) {
            await recordRefusal(trx, clock, d.association_id, authorIri, activityIri, remoteIri, REFUSALS.locked);
            result = 'locked';
            continue;
          }
          await declarationRepository(trx).delete(d.id);
          await auditService(trx, clock).record({ accountId: d.author_account_id, label: authorIri }, {
            associationId: d.association_id, action: 'declaration.withdraw', targetType: 'declaration', targetId: d.id,
            changes: { title: [d.title, null], status: [d.status, null] },
          });
          if (d.status === 'validated') {
            await recordOutboxEvent(trx, clock, {
              kind: 'declaration.received.removed', associationId: d.association_id, subjectType: 'declaration', subjectId: d.id,
              payload: { person: authorIri, declaration: remoteIri },
            });
          }
          result = 'withdrawn';
        }
        return result;
      });
    },
  };
}
