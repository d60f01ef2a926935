/**
 * Roles of an association (spec §A3): name, description, exactly one default, eight
 * permissions. Safeguards: a role in use or the default role cannot be deleted, and the
 * last managers' role cannot lose « gérer l'association ». Only managers may give or
 * take away that permission, so a person who manages roles cannot promote themselves.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, diff } from '../audit/audit.service.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { PermissionColumns } from '../reference/reference.table.ts';
import { accessTo, requireAnyPermission, type Asker } from '../memberships/access.ts';
import { membershipRepository } from '../memberships/membership.repository.ts';
import { requirePermission, type Standing } from '../memberships/policy.ts';
import { applyPermissions, noPermissionColumns, permissionColumnsOf, toPermissionsView, type PermissionsView } from './permissions.ts';
import { roleRepository, type RoleRow } from './role.repository.ts';

export interface RoleView {
  id: string;
  name: string;
  description: string | null;
  isDefault: boolean;
  permissions: PermissionsView;
  memberCount: number;
}

export interface RoleInput {
  name: string;
  description?: string | null | undefined;
  isDefault?: boolean | undefined;
  permissions: Partial<PermissionsView>;
}

export interface RolePatch {
  name?: string | undefined;
  description?: string | null | undefined;
  isDefault?: boolean | undefined;
  permissions?: Partial<PermissionsView> | undefined;
}

export const nameKeyOf = (name: string) => name.trim().toLocaleLowerCase('fr');
const orNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

export const toRoleView = (r: RoleRow, memberCount: number): RoleView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  isDefault: r.is_default === 1,
  permissions: toPermissionsView(r),
  memberCount,
});

/** The audited fields of a role. */
const audited = (r: PermissionColumns & { name: string; description: string | null; is_default: number }) => ({
  name: r.name,
  description: r.description,
  is_default: r.is_default,
  ...permissionColumnsOf(r),
});

/** Giving or taking away « gérer l'association » needs it. */
function guardManagingFlag(standing: Standing, before: number, after: number): void {
  if (before !== after && !standing.permissions.manage_association) throw new AppError('forbidden', 'role_manager_only');
}

export function roleService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function viewOf(trx: Db, associationId: string, roleId: string): Promise<RoleView> {
    const row = (await roleRepository(trx).listWithCounts(associationId)).find((r) => r.id === roleId);
    if (!row) throw new AppError('not_found', 'not_found');
    return toRoleView(row, Number(row.member_count));
  }

  return {
    /** The roles by position (for member managers, role managers and those who list members). */
    async list(asker: Asker, ref: string): Promise<RoleView[]> {
      const { association, standing } = await accessTo(db, asker, ref);
      requireAnyPermission(standing, 'list_members', 'manage_members', 'manage_roles');
      return (await roleRepository(db).listWithCounts(association.id)).map((r) => toRoleView(r, Number(r.member_count)));
    },

    async create(asker: Asker, ref: string, input: RoleInput): Promise<RoleView> {
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_roles');
        const roles = roleRepository(trx);
        const permissions = applyPermissions(noPermissionColumns(), input.permissions);
        guardManagingFlag(standing, 0, permissions.manage_association);
        const nameKey = nameKeyOf(input.name);
        if (await roles.nameTaken(association.id, nameKey)) throw fieldError('name', 'role_name_taken');
        const row: RoleRow = {
          id: newId(),
          association_id: association.id,
          name: input.name.trim(),
          name_key: nameKey,
          description: orNull(input.description),
          is_default: input.isDefault ? 1 : 0,
          position: await roles.nextPosition(association.id),
          created_at: clock.now().toISOString(),
          ...permissions,
        };
        await roles.insert(row);
        if (row.is_default === 1) await roles.unsetDefaultExcept(association.id, row.id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'role.create',
          targetType: 'role',
          targetId: row.id,
          changes: Object.fromEntries(Object.entries(audited(row)).map(([k, v]) => [k, [null, v]])),
        });
        return viewOf(trx, association.id, row.id);
      });
    },

    async update(asker: Asker, ref: string, roleId: string, patch: RolePatch): Promise<RoleView> {
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_roles');
        const roles = roleRepository(trx);
        const role = await roles.find(association.id, roleId);
        if (!role) throw new AppError('not_found', 'not_found');
        const permissions = applyPermissions(role, patch.permissions ?? {});
        guardManagingFlag(standing, role.manage_association, permissions.manage_association);
        if (patch.isDefault === false && role.is_default === 1) throw fieldError('isDefault', 'role_default_required');
        const name = patch.name?.trim() ?? role.name;
        const nameKey = nameKeyOf(name);
        if (nameKey !== role.name_key && (await roles.nameTaken(association.id, nameKey, role.id))) throw fieldError('name', 'role_name_taken');
        if (role.manage_association === 1 && permissions.manage_association === 0) {
          const members = membershipRepository(trx);
          const losing = await roles.countMembers(role.id, 'active');
          if (losing > 0 && (await members.countManagers(association.id, { roleId: role.id })) === 0) {
            throw new AppError('conflict', 'last_manager', { params: { names: association.name } });
          }
        }
        const after = {
          name,
          name_key: nameKey,
          description: patch.description === undefined ? role.description : orNull(patch.description),
          is_default: patch.isDefault ? 1 : role.is_default,
          ...permissions,
        };
        const changes = diff(audited(role), audited(after));
        if (Object.keys(changes).length === 0) return viewOf(trx, association.id, role.id);
        await roles.update(role.id, after);
        if (after.is_default === 1) await roles.unsetDefaultExcept(association.id, role.id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'role.update',
          targetType: 'role',
          targetId: role.id,
          changes,
        });
        return viewOf(trx, association.id, role.id);
      });
    },

    async remove(asker: Asker, ref: string, roleId: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_roles');
        const roles = roleRepository(trx);
        const role = await roles.find(association.id, roleId);
        if (!role) throw new AppError('not_found', 'not_found');
        guardManagingFlag(standing, role.manage_association, 0);
        if (role.is_default === 1) throw new AppError('conflict', 'role_is_default');
        if ((await roles.countMembers(role.id)) > 0) throw new AppError('conflict', 'role_in_use');
        await roles.delete(role.id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'role.delete',
          targetType: 'role',
          targetId: role.id,
          changes: Object.fromEntries(Object.entries(audited(role)).map(([k, v]) => [k, [v, null]])),
        });
      });
    },
  };
}

export type RoleService = ReturnType<typeof roleService>;
