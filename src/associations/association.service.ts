/**
 * Association rules (product spec §A2, §A8, §A9): who sees which association, creation
 * (open/moderated by the instance, defaults copied, creator made manager), editing,
 * handle, logo, deletion, approval by the instance admin, and the audit trail of each
 * change. No HTTP here: routes (and the admin routes) call these.
 */
import { getLogger } from '@logtape/logtape';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, diff, type Actor, type AuditView } from '../audit/audit.service.ts';
import { handleService } from '../handles/handle.service.ts';
import type { SettingsService } from '../instance/settings.service.ts';
import type { Language } from '../i18n/messages.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError, type FieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { RenderedMail } from '../mail/templates.ts';
import { standingIn, type Standing, type Viewer } from '../memberships/policy.ts';
import { displayName } from '../accounts/account.view.ts';
import { sniffImage } from '../accounts/account.service.ts';
import { referenceRepository } from '../reference/reference.repository.ts';
import { associationRepository, type AssociationRow } from './association.repository.ts';
import type { HasEmployees } from './association.table.ts';
import { associationApprovedMail, associationToApproveMail } from './association.mails.ts';
import { fieldsOf, toAssociationView, type AssociationFields, type AssociationView } from './association.view.ts';
import { associationQueries } from './association-queries.service.ts';
import { recordAssociationErasure } from './association-erasure-events.ts';
import { recordAssociationChange } from './association-change-events.ts';
import { nameKeyOf, searchKeyOf } from './association.keys.ts';

const logger = getLogger(['benevalibre', 'associations']);

export const LOGO_MAX_BYTES = 512 * 1024;
/** The fields the Group shows other sites: a change to one of them is sent as Update{Group}. */
const GROUP_FIELDS: readonly (keyof AssociationFields)[] = ['name', 'description', 'website', 'activityFieldCode'];

export interface AssociationServiceDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  /** The site's public address, for links in emails. */
  origin: string;
  settings: SettingsService;
}

/** What a person fills in; absent fields keep their value (or the default on creation). */
export interface AssociationInput {
  name?: string | undefined;
  description?: string | undefined;
  website?: string | null | undefined;
  activityFieldCode?: string | null | undefined;
  country?: string | undefined;
  postalCode?: string | null | undefined;
  hasEmployees?: HasEmployees | undefined;
  yearlyIncome?: number | null | undefined;
  timeZone?: string | undefined;
  isHidden?: boolean | undefined;
  moderateMembership?: boolean | undefined;
  moderateDeclarations?: boolean | undefined;
}

const orNull = (s: string | null | undefined) => (s === undefined ? undefined : s === null || s.trim() === '' ? null : s.trim());
const flag = (b: boolean) => (b ? 1 : 0);

/** The input with blanks made null, only the fields given. */
function normalised(input: AssociationInput): Partial<AssociationFields> {
  const out: Partial<AssociationFields> = {};
  if (input.name !== undefined) out.name = input.name.trim();
  if (input.description !== undefined) out.description = input.description.trim();
  if (input.website !== undefined) out.website = orNull(input.website) ?? null;
  if (input.activityFieldCode !== undefined) out.activityFieldCode = orNull(input.activityFieldCode) ?? null;
  if (input.country !== undefined) out.country = input.country.trim().toUpperCase();
  if (input.postalCode !== undefined) out.postalCode = orNull(input.postalCode) ?? null;
  if (input.hasEmployees !== undefined) out.hasEmployees = input.hasEmployees;
  if (input.yearlyIncome !== undefined) out.yearlyIncome = input.yearlyIncome;
  if (input.timeZone !== undefined) out.timeZone = input.timeZone.trim();
  if (input.isHidden !== undefined) out.isHidden = input.isHidden;
  if (input.moderateMembership !== undefined) out.moderateMembership = input.moderateMembership;
  if (input.moderateDeclarations !== undefined) out.moderateDeclarations = input.moderateDeclarations;
  return out;
}

/** The stored columns of a complete set of fields. */
function allColumnsOf(f: AssociationFields) {
  return {
    name: f.name,
    name_key: nameKeyOf(f.name),
    search_key: searchKeyOf(f.name),
    description: f.description,
    website: f.website,
    activity_field_code: f.activityFieldCode,
    country: f.country,
    postal_code: f.postalCode,
    has_employees: f.hasEmployees,
    yearly_income_cents: f.yearlyIncome === null ? null : f.yearlyIncome * 100,
    time_zone: f.timeZone,
    is_hidden: flag(f.isHidden),
    moderate_membership: flag(f.moderateMembership),
    moderate_declarations: flag(f.moderateDeclarations),
  };
}

/** A new association's fields before the creator's choices. */
const NEW_ASSOCIATION: Omit<AssociationFields, 'name'> = {
  description: '', website: null, activityFieldCode: null, country: 'FR', postalCode: null, hasEmployees: 'unknown',
  yearlyIncome: null, timeZone: 'Europe/Paris', isHidden: false, moderateMembership: false, moderateDeclarations: false,
};

/** A role with every permission, for when the admin left no managing default role:
 * the creator must still be able to manage what they created. */
function fallbackManagerRole(associationId: string, roles: { name_key: string }[], at: string) {
  const name = roles.some((role) => role.name_key === 'responsable') ? 'Responsable (gestion)' : 'Responsable';
  return {
    id: newId(), association_id: associationId, name, name_key: nameKeyOf(name), description: null, is_default: 0,
    position: roles.length + 1, created_at: at, list_members: 1, manage_members: 1, manage_declarations: 1,
    manage_categories: 1, manage_levels: 1, manage_projects: 1, manage_roles: 1, manage_association: 1,
  };
}

export function associationService(deps: AssociationServiceDeps) {
  const { db, clock, mailer, origin, settings } = deps;
  const repo = associationRepository(db);
  const now = () => clock.now().toISOString();
  const pending = new Set<Promise<void>>();
  const queries = associationQueries(db);

  /** Emails leave after the answer, once the change is committed: an SMTP hiccup loses no data. */
  function deliver(to: string, lang: Language, mail: RenderedMail): void {
    const p = mailer
      .send({ to, language: lang, ...mail })
      .catch((error: unknown) => logger.error('Email to {domain} failed: {error}', { domain: to.split('@')[1], error }))
      .finally(() => pending.delete(p));
    pending.add(p);
  }

  /** Field errors the database must decide: the name is free, the activity field exists. */
  async function checkAgainstStored(f: Partial<AssociationFields>, exceptId?: string): Promise<void> {
    const fields: FieldError[] = [];
    if (f.name !== undefined && (await repo.nameTaken(nameKeyOf(f.name), exceptId))) fields.push({ field: 'name', code: 'name_taken' });
    if (f.activityFieldCode && !(await referenceRepository(db).findField(f.activityFieldCode))) {
      fields.push({ field: 'activityFieldCode', code: 'association_activity_field_unknown' });
    }
    if (fields.length > 0) throw new AppError('validation', 'validation_failed', { fields });
  }

  /** The association as `viewer` sees it, with what they may do there. */
  async function viewFor(viewer: Viewer, id: string): Promise<AssociationView> {
    const row = await repo.summaryById(id);
    if (!row) throw new AppError('not_found', 'not_found');
    const standing = await standingIn(db, viewer, id);
    return toAssociationView(row, await queries.viewerBlock(viewer, standing, row));
  }

  /** Loads an association the viewer may manage: 404 when they cannot see it, 403 when they may not manage it. */
  async function managed(viewer: Viewer, ref: string): Promise<{ row: AssociationRow; standing: Standing }> {
    const found = await queries.visible(viewer, ref);
    if (!found.standing.permissions.manage_association) throw new AppError('forbidden', 'forbidden');
    return found;
  }

  async function approvalMails(association: AssociationRow): Promise<void> {
    const site = (await settings.get()).name;
    for (const m of await repo.managers(association.id)) {
      const ctx = { site, name: displayName(m), lang: m.language };
      deliver(m.email!, m.language, associationApprovedMail(ctx, association, `${origin}/associations/${association.handle}`));
    }
  }

  async function remove(actor: Actor, row: AssociationRow): Promise<void> {
    await inTransaction(db, async (trx) => {
      await handleService(trx, clock).release('association', row.id);
      // Its members and followers on other sites are told (Delete{Group}), read before the cascade.
      await recordAssociationErasure(trx, clock, row.id);
      await associationRepository(trx).delete(row.id);
      // Recorded outside the association (null) so the trace outlives the cascade.
      await auditService(trx, clock).record(actor, {
        associationId: null,
        action: 'association.delete',
        targetType: 'association',
        targetId: row.id,
        changes: { name: [row.name, null] },
      });
    });
    logger.info('Association {id} deleted', { id: row.id });
  }

  return {
    ...queries,

    /** Waits for emails still being sent (graceful shutdown, tests). */
    async flush(): Promise<void> {
      await Promise.all([...pending]);
    },

    viewFor,

    /**
     * Creates an association: closed instances let only admins create; moderated ones
     * start it inactive and email every admin. Default categories, levels and roles are
     * copied; the creator joins, active, with the first role that manages the association.
     */
    async create(viewer: Viewer, actor: Actor, input: AssociationInput & { name: string }): Promise<AssociationView> {
      if (viewer.kind !== 'account') throw new AppError('unauthenticated', 'unauthenticated');
      const current = await settings.get();
      if (!current.associationCreationOpen && !viewer.isAdmin) throw new AppError('forbidden', 'association_creation_closed');
      const f = normalised(input);
      await checkAgainstStored(f);
      const moderated = current.associationCreationModerated && !viewer.isAdmin;
      const id = newId();
      const at = now();
      await inTransaction(db, async (trx) => {
        const r = associationRepository(trx);
        const handle = await handleService(trx, clock).claimFrom(input.name, 'association', id, 'association');
        const inserted = await r.insert({
          id,
          handle,
          ...allColumnsOf({ ...NEW_ASSOCIATION, ...f, name: input.name.trim() }),
          is_active: moderated ? 0 : 1,
          created_by: viewer.accountId,
          created_at: at,
          updated_at: at,
          // An admin creating under moderation approves their own association.
          approved_at: current.associationCreationModerated && viewer.isAdmin ? at : null,
        });
        if (!inserted) throw fieldError('name', 'name_taken'); // a concurrent creation took the name
        const roles = await r.copyDefaults(id, at, newId);
        let managing = roles.find((role) => role.manage_association === 1);
        if (!managing) {
          managing = fallbackManagerRole(id, roles, at);
          await r.insertRole(managing);
        }
        await r.insertMembership({
          id: newId(), association_id: id, account_id: viewer.accountId, role_id: managing.id, status: 'active',
          function: 'none', created_at: at, approved_at: at, approved_by: viewer.accountId,
        });
        await auditService(trx, clock).record(actor, {
          associationId: id, action: 'association.create', targetType: 'association', targetId: id, changes: { name: [null, f.name] },
        });
      });
      logger.info('Association {id} created', { id });
      if (moderated) {
        const site = current.name;
        for (const admin of await repo.admins()) {
          const ctx = { site, name: displayName(admin), lang: admin.language };
          deliver(admin.email!, admin.language, associationToApproveMail(ctx, { name: f.name!, createdBy: actor.label }, `${origin}/admin/associations`));
        }
      }
      return viewFor(viewer, id);
    },

    /** Edits the fields given (manage association); the trail keeps each change. */
    async update(viewer: Viewer, actor: Actor, ref: string, input: AssociationInput): Promise<AssociationView> {
      const { row } = await managed(viewer, ref);
      const f = normalised(input);
      await checkAgainstStored(f, row.id);
      const changes = diff(fieldsOf(row), f);
      if (Object.keys(changes).length > 0) {
        await inTransaction(db, async (trx) => {
          await associationRepository(trx).update(row.id, { ...allColumnsOf({ ...fieldsOf(row), ...f }), updated_at: now() });
          await auditService(trx, clock).record(actor, { associationId: row.id, action: 'association.update', targetType: 'association', targetId: row.id, changes });
          if (GROUP_FIELDS.some((k) => k in changes)) await recordAssociationChange(trx, clock, row.id);
        });
      }
      return viewFor(viewer, row.id);
    },

    /** Chooses a new handle (address); the old one stays reserved for a while. */
    async changeHandle(viewer: Viewer, actor: Actor, ref: string, wanted: string): Promise<AssociationView> {
      const { row } = await managed(viewer, ref);
      await inTransaction(db, async (trx) => {
        const handle = await handleService(trx, clock).change('association', row.id, wanted);
        if (handle === row.handle) return;
        await associationRepository(trx).update(row.id, { handle, updated_at: now() });
        await auditService(trx, clock).record(actor, {
          associationId: row.id, action: 'association.handle', targetType: 'association', targetId: row.id, changes: { handle: [row.handle, handle] },
        });
        await recordAssociationChange(trx, clock, row.id);
      });
      return viewFor(viewer, row.id);
    },

    /** Stores a logo already resized by the browser; its bytes decide its type, not the header. */
    async setLogo(viewer: Viewer, actor: Actor, ref: string, bytes: Uint8Array): Promise<AssociationView> {
      const { row } = await managed(viewer, ref);
      if (bytes.byteLength > LOGO_MAX_BYTES) throw fieldError('logo', 'logo_size', { max: LOGO_MAX_BYTES / 1024 });
      const mime = sniffImage(bytes);
      if (!mime) throw fieldError('logo', 'logo_type');
      await inTransaction(db, async (trx) => {
        await associationRepository(trx).saveLogo(row.id, mime, bytes, now());
        await auditService(trx, clock).record(actor, { associationId: row.id, action: 'association.logo', targetType: 'association', targetId: row.id, changes: { logo: [null, mime] } });
        await recordAssociationChange(trx, clock, row.id);
      });
      return viewFor(viewer, row.id);
    },

    async removeLogo(viewer: Viewer, actor: Actor, ref: string): Promise<AssociationView> {
      const { row } = await managed(viewer, ref);
      await inTransaction(db, async (trx) => {
        if (!(await associationRepository(trx).deleteLogo(row.id))) return;
        await auditService(trx, clock).record(actor, { associationId: row.id, action: 'association.logo_delete', targetType: 'association', targetId: row.id });
        await recordAssociationChange(trx, clock, row.id);
      });
      return viewFor(viewer, row.id);
    },

    /** Deletes the association and everything of it, once its exact name (any case) is typed. */
    async delete(viewer: Viewer, actor: Actor, ref: string, confirmName: string): Promise<void> {
      const { row } = await managed(viewer, ref);
      if (nameKeyOf(confirmName) !== row.name_key) throw fieldError('confirmName', 'association_confirm_name');
      await remove(actor, row);
    },

    /** The trail of one association, newest first (manage association). */
    async audit(viewer: Viewer, ref: string, before?: { createdAt: string; id: string }, limit = 50): Promise<AuditView[]> {
      const { row } = await managed(viewer, ref);
      return auditService(db, clock).list({ associationId: row.id, ...(before ? { before } : {}), limit });
    },

    // For the instance admin (part C's routes) ------------------------------------------

    /** Approves an association awaiting approval: active, approved now, its managers emailed.
     * Returns it as the approving admin sees it; approving twice changes nothing. */
    async approve(actor: Actor, associationId: string): Promise<AssociationView> {
      const row = await repo.findById(associationId);
      if (!row) throw new AppError('not_found', 'not_found');
      const viewer: Viewer = actor.accountId ? { kind: 'account', accountId: actor.accountId, isAdmin: true } : { kind: 'visitor' };
      if (row.is_active === 1) return viewFor(viewer, row.id);
      await inTransaction(db, async (trx) => {
        await associationRepository(trx).update(row.id, { is_active: 1, approved_at: now(), updated_at: now() });
        await auditService(trx, clock).record(actor, {
          associationId: row.id, action: 'association.approve', targetType: 'association', targetId: row.id, changes: { isActive: [false, true] },
        });
      });
      await approvalMails(row);
      return viewFor(viewer, row.id);
    },

    /** Deletes an association without typing its name (the admin's route confirms on its side). */
    async deleteAssociation(actor: Actor, associationId: string): Promise<void> {
      const row = await repo.findById(associationId);
      if (!row) throw new AppError('not_found', 'not_found');
      await remove(actor, row);
    },
  };
}

export type AssociationService = ReturnType<typeof associationService>;
