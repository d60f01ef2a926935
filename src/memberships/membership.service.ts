/**
 * Membership rules (spec §A3): joining gives the default role, pending when the
 * association moderates membership; member managers approve, change role and function,
 * remove (declarations are kept: only the membership row goes). Safeguard: at least one
 * active member whose role manages the association (a "manager") always remains.
 * Every change is audited in its own transaction; emails leave after the commit.
 */
import { getLogger } from '@logtape/logtape';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, type Actor } from '../audit/audit.service.ts';
import { displayName } from '../accounts/account.view.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { Mailer } from '../mail/mailer.ts';
import { notify } from '../notifications/notifier.ts';
import { roleRepository, type RoleRow } from '../roles/role.repository.ts';
import { accessTo, accountIdOf, requireAnyPermission, type Asker } from './access.ts';
import { joinRequestMail, membershipApprovedMail } from './membership.mails.ts';
import { membershipRepository, type AssociationRow, type MembershipRow } from './membership.repository.ts';
import type { MemberFunction, MembershipStatus } from './membership.table.ts';
import { compareMembers, toMemberView, type MemberView } from './membership.view.ts';
import { recordRemoteMemberEvent, remoteIriOf } from './remote-member.service.ts';
import { requirePermission, type Standing } from './policy.ts';

const logger = getLogger(['benevalibre', 'memberships']);

export const MEMBERS_PAGE_SIZE = 20;

export interface MembershipDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  origin: string;
  settings: { get(): Promise<{ name: string }> };
}

export interface MemberListFilter {
  roleId?: string | undefined;
  status?: MembershipStatus | undefined;
  page: number;
}

export interface MemberChange {
  roleId?: string | undefined;
  function?: MemberFunction | undefined;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/**
 * Refuses a change that would leave the association without an active manager: the
 * member is an active manager, does not stay one, and nobody else is.
 */
async function keepAManager(trx: Db, association: AssociationRow, membership: MembershipRow, role: RoleRow, newRole?: RoleRow): Promise<void> {
  if (membership.status !== 'active' || role.manage_association !== 1) return;
  if (newRole?.manage_association === 1) return;
  if ((await membershipRepository(trx).countManagers(association.id, { membershipId: membership.id })) === 0) {
    throw new AppError('conflict', 'last_manager', { params: { names: association.name } });
  }
}

/** Acting on a manager, or giving someone a managing role, needs to manage the association. */
function guardManagers(standing: Standing, ...roles: (RoleRow | undefined)[]): void {
  if (roles.some((r) => r?.manage_association === 1) && !standing.permissions.manage_association) {
    throw new AppError('forbidden', 'role_manager_only');
  }
}

async function memberView(db: Db, membershipId: string): Promise<MemberView> {
  const row = await membershipRepository(db).findMember(membershipId);
  if (!row) throw new AppError('not_found', 'not_found');
  return toMemberView(row);
}

export function membershipService(deps: MembershipDeps) {
  const { db, clock, settings, origin } = deps;
  const now = () => clock.now().toISOString();
  /** Emails go through notify() inside the change's transaction: sent by the job worker after the commit. */
  async function notifyJoinRequest(trx: Db, site: string, association: AssociationRow, memberName: string): Promise<void> {
    const url = `${origin}/associations/${association.handle}/membres`;
    for (const r of await membershipRepository(trx).recipientsWith(association.id, 'manage_members')) {
      await notify(trx, { accountId: r.id, kind: 'membership_request', site, clock, url, render: (ctx) => joinRequestMail(ctx, memberName, association.name, url) });
    }
  }

  async function notifyApproved(trx: Db, site: string, association: AssociationRow, accountId: string): Promise<void> {
    const url = `${origin}/associations/${association.handle}`;
    await notify(trx, { accountId, kind: 'membership_approved', site, clock, url, render: (ctx) => membershipApprovedMail(ctx, association.name, url) });
  }

  async function targetOf(trx: Db, association: AssociationRow, membershipId: string) {
    const found = await membershipRepository(trx).findInAssociation(association.id, membershipId);
    if (!found) throw new AppError('not_found', 'not_found');
    return found;
  }

  const nameOf = async (trx: Db, membershipId: string) => (await memberView(trx, membershipId)).account.displayName;

  return {
    /** Kept for callers: emails now leave through the job queue (see services.jobs.drain()). */
    async flush(): Promise<void> {},

    /** The asker joins with the default role: active, or pending when membership is moderated. */
    async join(asker: Asker, ref: string): Promise<MemberView> {
      const accountId = accountIdOf(asker);
      const site = (await settings.get()).name; // before the transaction: settings read the main connection
      const { view } = await inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        if (standing.membership) throw new AppError('conflict', 'already_member');
        if (association.is_active !== 1) throw new AppError('forbidden', 'forbidden');
        const role = await roleRepository(trx).findDefault(association.id);
        if (!role) throw new AppError('conflict', 'role_unknown');
        const status: MembershipStatus = association.moderate_membership === 1 ? 'pending' : 'active';
        const id = newId();
        await membershipRepository(trx).insert({
          id,
          association_id: association.id,
          account_id: accountId,
          role_id: role.id,
          status,
          function: 'none',
          created_at: now(),
          approved_at: status === 'active' ? now() : null,
          approved_by: null,
        });
        const view = await memberView(trx, id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'membership.join',
          targetType: 'membership',
          targetId: id,
          changes: { account: [null, view.account.displayName], role: [null, role.name], status: [null, status] },
        });
        if (status === 'pending') await notifyJoinRequest(trx, site, association, view.account.displayName);
        return { view, association };
      });
      return view;
    },

    /** The asker leaves (not the last manager). */
    async leave(asker: Asker, ref: string): Promise<void> {
      const accountId = accountIdOf(asker);
      await inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        if (!standing.membership || !standing.role) throw new AppError('not_found', 'not_member');
        await keepAManager(trx, association, standing.membership, standing.role);
        const name = await nameOf(trx, standing.membership.id);
        await membershipRepository(trx).delete(standing.membership.id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'membership.leave',
          targetType: 'membership',
          targetId: standing.membership.id,
          changes: { account: [name, null], role: [standing.role.name, null] },
        });
        logger.info('Account {accountId} left association {associationId}', { accountId, associationId: association.id });
      });
    },

    /** Members, pending first then by display name; filters by role and status. */
    async list(asker: Asker, ref: string, filter: MemberListFilter): Promise<Paged<MemberView>> {
      const { association, standing } = await accessTo(db, asker, ref);
      requireAnyPermission(standing, 'list_members', 'manage_members');
      if (filter.roleId && !(await roleRepository(db).find(association.id, filter.roleId))) throw fieldError('role', 'role_unknown');
      // Sorted here rather than in SQL: French order (accents, case) is what people expect,
      // and SQLite's collation knows only ASCII. An association's members fit in memory.
      const all = (await membershipRepository(db).listMembers(association.id, filter)).map(toMemberView).sort(compareMembers);
      const start = (filter.page - 1) * MEMBERS_PAGE_SIZE;
      return { items: all.slice(start, start + MEMBERS_PAGE_SIZE), page: filter.page, pageSize: MEMBERS_PAGE_SIZE, total: all.length };
    },

    /** Accepts a pending member (and tells them); approving an active member changes nothing. */
    async approve(asker: Asker, ref: string, membershipId: string): Promise<MemberView> {
      const site = (await settings.get()).name;
      const { view } = await inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_members');
        const { membership } = await targetOf(trx, association, membershipId);
        const before = await memberView(trx, membership.id);
        if (membership.status === 'active') return { view: before };
        await membershipRepository(trx).update(membership.id, { status: 'active', approved_at: now(), approved_by: asker.actor.accountId });
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'membership.approve',
          targetType: 'membership',
          targetId: membership.id,
          // The name (unchanged) keeps the entry readable after the membership is gone.
          changes: { account: [before.account.displayName, before.account.displayName], status: ['pending', 'active'] },
        });
        await notifyApproved(trx, site, association, before.account.id);
        // A member from another site learns it through its site: Accept with the Membership.
        await recordRemoteMemberEvent(trx, clock, 'membership.accepted', { ...membership, status: 'active' });
        return { view: await memberView(trx, membership.id) };
      });
      return view;
    },

    /** Changes a member's role and/or function. */
    async change(asker: Asker, ref: string, membershipId: string, patch: MemberChange): Promise<MemberView> {
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_members');
        const { membership, role } = await targetOf(trx, association, membershipId);
        let newRole: RoleRow | undefined;
        if (patch.roleId !== undefined && patch.roleId !== role.id) {
          newRole = await roleRepository(trx).find(association.id, patch.roleId);
          if (!newRole) throw fieldError('roleId', 'role_unknown');
          guardManagers(standing, role, newRole);
          await keepAManager(trx, association, membership, role, newRole);
          // Managers have accounts here: a member from another site cannot manage.
          if (newRole.manage_association === 1 && (await remoteIriOf(trx, membership.account_id))) throw new AppError('forbidden', 'remote_member_cannot_manage');
        }
        const fn = patch.function ?? membership.function;
        if (!newRole && fn === membership.function) return memberView(trx, membership.id);
        await membershipRepository(trx).update(membership.id, { role_id: newRole?.id ?? role.id, function: fn });
        const name = await nameOf(trx, membership.id);
        const changes: Record<string, [unknown, unknown]> = { account: [name, name] };
        if (newRole) changes.role = [role.name, newRole.name];
        if (fn !== membership.function) changes.function = [membership.function, fn];
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'membership.update',
          targetType: 'membership',
          targetId: membership.id,
          changes,
        });
        if (fn !== membership.function) await recordRemoteMemberEvent(trx, clock, 'membership.updated', membership);
        return memberView(trx, membership.id);
      });
    },

    /**
     * Removes a member (or refuses a pending one): only the membership goes; their
     * declarations are kept. `reason` travels to a remote member's site with a refusal.
     */
    async remove(asker: Asker, ref: string, membershipId: string, reason?: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_members');
        const { membership, role } = await targetOf(trx, association, membershipId);
        guardManagers(standing, role);
        await keepAManager(trx, association, membership, role);
        const name = await nameOf(trx, membership.id);
        await membershipRepository(trx).delete(membership.id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'membership.remove',
          targetType: 'membership',
          targetId: membership.id,
          changes: { account: [name, null], role: [role.name, null] },
        });
        if (membership.status === 'pending') await recordRemoteMemberEvent(trx, clock, 'membership.rejected', membership, { reason: reason ?? null });
        else await recordRemoteMemberEvent(trx, clock, 'membership.removed', membership);
      });
    },

    /**
     * Makes an account a manager (instance admin, e.g. for an orphaned association): it
     * joins, or switches, to the first role that manages the association, active.
     */
    async appointManager(actor: Actor, associationId: string, accountId: string): Promise<MemberView> {
      return inTransaction(db, async (trx) => {
        const association = await membershipRepository(trx).findAssociation(associationId);
        if (!association) throw new AppError('not_found', 'not_found');
        const account = await trx.selectFrom('accounts').select('id').where('id', '=', accountId).where('status', '=', 'active').executeTakeFirst();
        if (!account) throw new AppError('not_found', 'not_found');
        const role = await roleRepository(trx).firstManaging(association.id);
        if (!role) throw new AppError('conflict', 'role_manager_missing');
        const members = membershipRepository(trx);
        const existing = await members.findWithRole(association.id, accountId);
        const id = existing?.membership.id ?? newId();
        if (existing) {
          await members.update(id, {
            role_id: role.id,
            status: 'active',
            ...(existing.membership.status === 'pending' ? { approved_at: now(), approved_by: actor.accountId } : {}),
          });
        } else {
          await members.insert({
            id,
            association_id: association.id,
            account_id: accountId,
            role_id: role.id,
            status: 'active',
            function: 'none',
            created_at: now(),
            approved_at: now(),
            approved_by: actor.accountId,
          });
        }
        const view = await memberView(trx, id);
        await auditService(trx, clock).record(actor, {
          associationId: association.id,
          action: 'membership.appoint',
          targetType: 'membership',
          targetId: id,
          changes: {
            account: [existing ? view.account.displayName : null, view.account.displayName],
            role: [existing?.role.name ?? null, role.name],
            status: [existing?.membership.status ?? null, 'active'],
          },
        });
        return view;
      });
    },
  };
}

export type MembershipService = ReturnType<typeof membershipService>;

/**
 * Before an account is deleted (by its owner or the instance admin), inside the same
 * transaction: refuses with 409 `last_manager` (naming the associations) while it is the
 * last manager of an association that has other active members; otherwise removes its
 * memberships, audited. An association whose only member leaves this way is left
 * without manager ("orphaned") for the admin to see. Call before the account is emptied.
 */
export async function releaseMembershipsForDeletion(trx: Db, clock: Clock, accountId: string, actor?: Actor): Promise<void> {
  const members = membershipRepository(trx);
  const memberships = await members.ofAccount(accountId);
  const blocking: string[] = [];
  for (const m of memberships) {
    if (m.status !== 'active' || m.manages !== 1) continue;
    const otherManagers = await members.countManagers(m.association_id, { membershipId: m.id });
    if (otherManagers === 0 && (await members.countActive(m.association_id)) > 1) blocking.push(m.association_name);
  }
  if (blocking.length > 0) throw new AppError('conflict', 'last_manager', { params: { names: blocking.join(', ') } });
  if (memberships.length === 0) return;
  const name = await nameOfAccount(trx, accountId);
  const who = actor ?? { accountId, label: name };
  for (const m of memberships) {
    await members.delete(m.id);
    await auditService(trx, clock).record(who, {
      associationId: m.association_id,
      action: 'membership.account_deleted',
      targetType: 'membership',
      targetId: m.id,
      changes: { account: [name, null] },
    });
  }
}

async function nameOfAccount(trx: Db, accountId: string): Promise<string> {
  const a = await trx
    .selectFrom('accounts')
    .select(['first_name', 'last_name', 'pseudo', 'former_member_number'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return displayName(a);
}
