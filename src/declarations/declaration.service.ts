/**
 * Declarations (spec §A4): recording, editing and deleting a volunteering action.
 * Only active members (or the association's anonymous member) declare for themselves;
 * those who manage declarations may record one for any member, anonymous member or no
 * one. A moderated association's declarations wait for approval; otherwise they are
 * validated at once by a validation record of their own (« Validation automatique »).
 * Editing by a manager keeps the validation (capped to the new duration); by the author
 * it goes back to pending in a moderated association (or after a refusal), and is
 * validated again automatically otherwise. Every change is audited in its transaction.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, diff, type Actor } from '../audit/audit.service.ts';
import { displayName } from '../accounts/account.view.ts';
import { catalogRepository } from '../catalog/catalog.repository.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, type FieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { accessTo, todayIn, type Asker } from '../memberships/access.ts';
import type { AssociationRow } from '../memberships/membership.repository.ts';
import type { Standing } from '../memberships/policy.ts';
import { declarationNotices, loadReadable, rightsOf, viewOf, type DeclarationDeps } from './declaration.access.ts';
import { declarationRepository, type DeclarationRow } from './declaration.repository.ts';
import { checkEffort, parseDistance } from './declaration.rules.ts';
import type { AuthorType, DeclarationStatus } from './declaration.table.ts';
import { canOf, isAuthor, type DeclarationView } from './declaration.view.ts';
import { freezeValuation } from '../valuation/valuation.freeze.ts';

export const AUTO_VALIDATION_LABEL = 'Validation automatique';

export interface AuthorChoice {
  type: AuthorType;
  id?: string | null | undefined;
}

export interface DeclarationInput {
  categoryId: string;
  projectId?: string | null | undefined;
  levelId?: string | null | undefined;
  title: string;
  description?: string | null | undefined;
  date: string;
  endDate?: string | null | undefined;
  durationMinutes: number;
  distanceKm?: string | number | null | undefined;
  author?: AuthorChoice | undefined;
  idempotencyKey?: string | undefined;
}

export type DeclarationPatch = Partial<Omit<DeclarationInput, 'idempotencyKey'>>;

interface Author {
  author_type: AuthorType;
  author_account_id: string | null;
  author_anonymous_id: string | null;
}

/** The stored fields a form sets (author apart). */
type Fields = Pick<
  DeclarationRow,
  'category_id' | 'project_id' | 'level_id' | 'title' | 'description' | 'date' | 'end_date' | 'duration_minutes' | 'distance_hundredths'
>;

const audited = (d: Fields & Author & { status: DeclarationStatus }) => ({
  author_type: d.author_type,
  author_account_id: d.author_account_id,
  author_anonymous_id: d.author_anonymous_id,
  category_id: d.category_id,
  project_id: d.project_id,
  level_id: d.level_id,
  title: d.title,
  description: d.description,
  date: d.date,
  end_date: d.end_date,
  duration_minutes: d.duration_minutes,
  distance_hundredths: d.distance_hundredths,
  status: d.status,
});

/** The asker as author of their own declaration, when they may declare here. */
function selfAuthor(asker: Asker, standing: Standing): Author | null {
  const v = asker.viewer;
  if (v.kind === 'account' && standing.isMember) return { author_type: 'account', author_account_id: v.accountId, author_anonymous_id: null };
  if (v.kind === 'anonymous' && standing.isAnonymousMember) return { author_type: 'anonymous', author_account_id: null, author_anonymous_id: v.anonymousMemberId };
  return null;
}

const designatesAsker = (choice: AuthorChoice, asker: Asker): boolean =>
  (choice.type === 'account' && asker.viewer.kind === 'account' && choice.id === asker.viewer.accountId) ||
  (choice.type === 'anonymous' && asker.viewer.kind === 'anonymous' && choice.id === asker.viewer.anonymousMemberId);

/** Whether the choice designates the declaration's current author (no change). */
const sameAuthor = (choice: AuthorChoice, d: Author): boolean =>
  choice.type === d.author_type &&
  (choice.type === 'none' || (choice.id ?? null) === (choice.type === 'account' ? d.author_account_id : d.author_anonymous_id));

/**
 * The author a manager chose: an active member, an anonymous member of this association,
 * or no one. Field errors are collected with the others (one answer names them all).
 */
async function chosenAuthor(trx: Db, association: AssociationRow, choice: AuthorChoice, errors: FieldError[]): Promise<Author> {
  const repo = declarationRepository(trx);
  if (choice.type === 'none') return { author_type: 'none', author_account_id: null, author_anonymous_id: null };
  if (!choice.id) {
    errors.push({ field: 'author.id', code: 'declaration_author_id_required' });
  } else if (choice.type === 'account' ? !(await repo.isActiveMember(association.id, choice.id)) : !(await repo.anonymousMemberExists(association.id, choice.id))) {
    errors.push({ field: 'author.id', code: 'declaration_author_unknown' });
  }
  return choice.type === 'account'
    ? { author_type: 'account', author_account_id: choice.id ?? null, author_anonymous_id: null }
    : { author_type: 'anonymous', author_account_id: null, author_anonymous_id: choice.id ?? null };
}

/** Category, project and level of the association; the date window in its time zone; the effort rules. */
async function checkFields(trx: Db, association: AssociationRow, f: Fields, today: string, errors: FieldError[]): Promise<void> {
  const catalog = catalogRepository(trx);
  if (!(await catalog.findCategory(association.id, f.category_id))) errors.push({ field: 'categoryId', code: 'declaration_category_unknown' });
  if (f.project_id && !(await catalog.findProject(association.id, f.project_id))) errors.push({ field: 'projectId', code: 'declaration_project_unknown' });
  if (f.level_id && !(await catalog.findLevel(association.id, f.level_id))) errors.push({ field: 'levelId', code: 'declaration_level_unknown' });
  errors.push(...checkEffort({ date: f.date, endDate: f.end_date, durationMinutes: f.duration_minutes, distanceHundredths: f.distance_hundredths }, today));
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw new AppError('validation', 'validation_failed', { fields: errors });
}

/** The distance as hundredths (the schema already refused malformed values). */
function hundredths(value: string | number | null | undefined): number {
  const parsed = parseDistance(value);
  return parsed.ok ? parsed.hundredths : 0;
}

const orEmpty = (s: string | null | undefined) => (s ?? '').trim();

/** Recording, reading, editing and deleting declarations (rules in the file's header). */
export function declarationService(deps: DeclarationDeps) {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();
  const site = async () => (await deps.settings.get()).name;

  /** A validation by the system (unmoderated association): counts the whole duration. */
  async function autoValidate(trx: Db, declarationId: string, minutes: number): Promise<string> {
    const id = newId();
    await declarationRepository(trx).insertValidation({
      id, declaration_id: declarationId, validated_by: null, validated_by_label: AUTO_VALIDATION_LABEL, validated_at: now(),
      validated_minutes: minutes, reason: null, imported: 0, superseded_at: null,
    });
    return id;
  }

  /** Who the pending email names: the author, else the person who recorded it. */
  const authorLabel = (view: DeclarationView, actor: Actor) => view.author.displayName ?? actor.label;

  return {
    /**
     * Records a declaration in the association (201), or returns the one already recorded
     * with the same idempotency key by the same person (`created: false`, nothing recorded).
     */
    async create(asker: Asker, ref: string, input: DeclarationInput): Promise<{ view: DeclarationView; created: boolean }> {
      const siteName = await site();
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        const rights = rightsOf(asker, standing);
        const repo = declarationRepository(trx);
        if (input.idempotencyKey) {
          const existing = await repo.findByKey(association.id, input.idempotencyKey);
          if (existing) {
            const sameSender = asker.actor.accountId !== null ? existing.created_by === asker.actor.accountId : isAuthor(existing, rights) && existing.created_by === null;
            if (!sameSender) throw new AppError('conflict', 'declaration_idempotency_conflict');
            return { view: await viewOf(trx, existing.id, rights), created: false };
          }
        }
        if (association.is_active !== 1) throw new AppError('forbidden', 'forbidden');
        const errors: FieldError[] = [];
        let author: Author;
        if (!input.author || designatesAsker(input.author, asker)) {
          const self = selfAuthor(asker, standing);
          if (!self) throw new AppError('forbidden', 'declaration_not_member');
          author = self;
        } else {
          if (!rights.manages) throw new AppError('forbidden', 'forbidden');
          author = await chosenAuthor(trx, association, input.author, errors);
        }
        const fields: Fields = {
          category_id: input.categoryId,
          project_id: input.projectId ?? null,
          level_id: input.levelId ?? null,
          title: input.title.trim(),
          description: orEmpty(input.description),
          date: input.date,
          end_date: input.endDate ?? null,
          duration_minutes: input.durationMinutes,
          distance_hundredths: hundredths(input.distanceKm),
        };
        await checkFields(trx, association, fields, todayIn(association.time_zone, clock.now()), errors);
        throwIfAny(errors);

        const id = newId();
        const status: DeclarationStatus = association.moderate_declarations === 1 ? 'pending' : 'validated';
        const row: DeclarationRow = {
          id, association_id: association.id, ...author, ...fields, status,
          rejection_reason: null, rejected_at: null, rejected_by: null, validation_id: null,
          idempotency_key: input.idempotencyKey ?? null, created_by: asker.actor.accountId, created_at: now(), updated_at: now(), origin_key: null,
          remote_iri: null, remote_document: null, remote_activity_iri: null,
        };
        await repo.insert(row);
        if (status === 'validated') {
          const validationId = await autoValidate(trx, id, fields.duration_minutes);
          await repo.update(id, { validation_id: validationId });
          await freezeValuation(trx, validationId, now());
        }
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'declaration.create', targetType: 'declaration', targetId: id,
          changes: Object.fromEntries(Object.entries(audited(row)).map(([k, v]) => [k, [null, v]])),
        });
        const view = await viewOf(trx, id, rights);
        if (status === 'pending') await declarationNotices(deps, trx, siteName).pending(row, association, authorLabel(view, asker.actor), asker.actor.accountId);
        return { view, created: true };
      });
    },

    /** One declaration (its author, those who manage declarations, admins; 404 for others). */
    async get(asker: Asker, id: string): Promise<DeclarationView> {
      const { rights } = await loadReadable(db, asker, id);
      return viewOf(db, id, rights);
    },

    /** Edits a declaration; the status follows the rules above. */
    async update(asker: Asker, id: string, patch: DeclarationPatch): Promise<DeclarationView> {
      const siteName = await site();
      return inTransaction(db, async (trx) => {
        const { declaration: before, association, rights } = await loadReadable(trx, asker, id);
        const moderated = association.moderate_declarations === 1;
        if (!canOf({ ...before, moderate_declarations: association.moderate_declarations }, rights).edit) throw new AppError('forbidden', 'forbidden');
        const errors: FieldError[] = [];
        let author: Author = before;
        if (patch.author && !sameAuthor(patch.author, before)) {
          if (!rights.manages) throw new AppError('forbidden', 'forbidden');
          author = await chosenAuthor(trx, association, patch.author, errors);
        }
        const fields: Fields = {
          category_id: patch.categoryId ?? before.category_id,
          project_id: patch.projectId === undefined ? before.project_id : patch.projectId,
          level_id: patch.levelId === undefined ? before.level_id : patch.levelId,
          title: patch.title?.trim() ?? before.title,
          description: patch.description === undefined ? before.description : orEmpty(patch.description),
          date: patch.date ?? before.date,
          end_date: patch.endDate === undefined ? before.end_date : patch.endDate,
          duration_minutes: patch.durationMinutes ?? before.duration_minutes,
          distance_hundredths: patch.distanceKm === undefined ? before.distance_hundredths : hundredths(patch.distanceKm),
        };
        await checkFields(trx, association, fields, todayIn(association.time_zone, clock.now()), errors);
        throwIfAny(errors);

        const repo = declarationRepository(trx);
        const changes = diff(audited(before), audited({ ...before, ...author, ...fields }));
        // An author sending back a refused declaration resubmits it, even unchanged.
        const resubmitted = !rights.manages && before.status === 'rejected';
        if (Object.keys(changes).length === 0 && !resubmitted) return viewOf(trx, id, rights);

        const update: Partial<DeclarationRow> = { ...author, ...fields, updated_at: now() };
        if (rights.manages) {
          // A manager's correction keeps the association's word; the validated time cannot exceed the new duration.
          const validation = before.validation_id ? await repo.findValidation(before.validation_id) : undefined;
          if (before.status === 'validated' && validation && validation.validated_minutes > fields.duration_minutes) {
            await repo.updateValidation(validation.id, { validated_minutes: fields.duration_minutes });
            changes.validated_minutes = [validation.validated_minutes, fields.duration_minutes];
          }
        } else if (before.status === 'rejected' || moderated) {
          await repo.supersede(id, now());
          Object.assign(update, { status: 'pending', validation_id: null, rejection_reason: null, rejected_at: null, rejected_by: null });
        } else {
          await repo.supersede(id, now());
          Object.assign(update, { status: 'validated', validation_id: await autoValidate(trx, id, fields.duration_minutes) });
        }
        if (update.status && update.status !== before.status) changes.status = [before.status, update.status];
        await repo.update(id, update);
        // Valued once the row holds its new fields: a new automatic validation, or a manager's
        // edit of a validated declaration, which re-values it now (spec §B2).
        const toValue = update.validation_id ?? (rights.manages && before.status === 'validated' ? before.validation_id : null);
        if (toValue) await freezeValuation(trx, toValue, now());
        await auditService(trx, clock).record(asker.actor, { associationId: association.id, action: 'declaration.update', targetType: 'declaration', targetId: id, changes });
        const view = await viewOf(trx, id, rights);
        if (update.status === 'pending' && before.status !== 'pending') {
          await declarationNotices(deps, trx, siteName).pending({ ...before, ...update }, association, authorLabel(view, asker.actor), asker.actor.accountId);
        }
        return view;
      });
    },

    /** Deletes a declaration: managers any; authors theirs, unless validated in a moderated association (409). */
    async remove(asker: Asker, id: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        const { declaration, association, rights } = await loadReadable(trx, asker, id);
        const can = canOf({ ...declaration, moderate_declarations: association.moderate_declarations }, rights);
        if (!can.delete) {
          if (can.edit) throw new AppError('conflict', 'declaration_validated_locked');
          throw new AppError('forbidden', 'forbidden');
        }
        await declarationRepository(trx).delete(id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'declaration.delete', targetType: 'declaration', targetId: id,
          changes: Object.fromEntries(Object.entries(audited(declaration)).map(([k, v]) => [k, [v, null]])),
        });
      });
    },
  };
}

export type DeclarationService = ReturnType<typeof declarationService>;

/**
 * Account deletion (spec §A1, §A4), inside the erasure's transaction: validated
 * declarations stay, counted, their author shown as « Ancien membre n° N »; pending ones
 * are withdrawn and refused ones dropped, each deletion audited.
 */
export async function releaseDeclarationsForDeletion(trx: Db, accountId: string, clock: Clock, actor?: Actor): Promise<void> {
  const repo = declarationRepository(trx);
  const rows = (await repo.ofAccount(accountId)).filter((d) => d.status !== 'validated');
  if (rows.length === 0) return;
  const account = await trx.selectFrom('accounts').select(['first_name', 'last_name', 'pseudo', 'former_member_number']).where('id', '=', accountId).executeTakeFirstOrThrow();
  const who = actor ?? { accountId, label: displayName(account) };
  for (const d of rows) {
    await repo.delete(d.id);
    await auditService(trx, clock).record(who, {
      associationId: d.association_id, action: 'declaration.withdraw', targetType: 'declaration', targetId: d.id,
      changes: { title: [d.title, null], status: [d.status, null] },
    });
  }
}
