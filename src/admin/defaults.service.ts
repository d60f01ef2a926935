/**
 * The instance's default categories, levels and roles (spec §A9), copied into every new
 * association. Names are unique case-insensitively; a category points at a reference
 * category (§A10, for statistics across instances); exactly one role is the default one
 * (given to those who join) and at least one role manages the association (given to
 * whoever creates one). Deleting a default category leaves the associations' copies in
 * place: only their link to it goes (`default_category_id` set null by the foreign key).
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, diff, type Actor } from '../audit/audit.service.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
// The same flags as associations' roles, so copies need no translation.
import { applyPermissions, noPermissionColumns, permissionColumnsOf, toPermissionsView, type PermissionsView } from '../roles/permissions.ts';
import { defaultsRepository, type DefaultCategoryRow, type DefaultLevelRow, type DefaultRoleRow, type DefaultsTable } from './defaults.repository.ts';

export interface CategoryInput { name: string; description?: string | null | undefined; referenceCode: string }
export interface LevelInput { name: string; description?: string | null | undefined }
export interface RoleInput {
  name: string;
  description?: string | null | undefined;
  isDefault?: boolean | undefined;
  permissions?: Partial<PermissionsView> | undefined;
}

export const categoryView = (r: DefaultCategoryRow) => ({
  id: r.id, name: r.name, description: r.description, referenceCode: r.reference_code, position: r.position,
});
export const levelView = (r: DefaultLevelRow) => ({ id: r.id, name: r.name, description: r.description, position: r.position });
export const roleView = (r: DefaultRoleRow) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  isDefault: r.is_default === 1,
  permissions: toPermissionsView(r),
  position: r.position,
});

const nameKey = (name: string) => name.trim().toLocaleLowerCase('fr');
const text = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());
const created = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [null, v] as [unknown, unknown]]));
/** Roles are audited with their permissions flattened, so each change shows on its own. */
const auditedRole = (r: DefaultRoleRow) => {
  const { permissions, id: _id, position: _p, ...rest } = roleView(r);
  return { ...rest, ...permissions };
};
const TARGET: Record<DefaultsTable, string> = { default_categories: 'default_category', default_levels: 'default_level', default_roles: 'default_role' };

export function defaultsService(db: Db, clock: Clock) {
  const repo = defaultsRepository(db);

  /** Runs a change (its checks included) and its audit entry in one transaction. */
  async function change(
    actor: Actor,
    table: DefaultsTable,
    action: 'create' | 'update' | 'delete',
    id: string,
    work: (r: ReturnType<typeof defaultsRepository>) => Promise<Record<string, [unknown, unknown]>>,
  ): Promise<void> {
    await inTransaction(db, async (trx) => {
      const changes = await work(defaultsRepository(trx));
      await auditService(trx, clock).record(actor, { associationId: null, action: `${TARGET[table]}.${action}`, targetType: TARGET[table], targetId: id, changes });
    });
  }

  async function checkName(r: ReturnType<typeof defaultsRepository>, table: DefaultsTable, name: string | undefined, id: string | null) {
    if (name !== undefined && (await r.nameTaken(table, nameKey(name), id))) throw fieldError('name', 'default_name_taken');
  }
  async function checkReference(r: ReturnType<typeof defaultsRepository>, code: string | undefined) {
    if (code !== undefined && !(await r.referenceExists(code))) throw fieldError('referenceCode', 'default_reference_unknown');
  }
  function found<T>(row: T | undefined): T {
    if (!row) throw new AppError('not_found', 'not_found');
    return row;
  }

  return {
    listCategories: async () => (await repo.categories()).map(categoryView),
    listLevels: async () => (await repo.levels()).map(levelView),
    listRoles: async () => (await repo.roles()).map(roleView),

    async createCategory(actor: Actor, input: CategoryInput) {
      const id = newId();
      await change(actor, 'default_categories', 'create', id, async (r) => {
        await checkName(r, 'default_categories', input.name, null);
        await checkReference(r, input.referenceCode);
        const row = { id, name: input.name.trim(), name_key: nameKey(input.name), description: text(input.description), reference_code: input.referenceCode, position: await r.nextPosition('default_categories') };
        await r.insertCategory(row);
        return created({ name: row.name, description: row.description, referenceCode: row.reference_code });
      });
      return categoryView(found(await repo.category(id)));
    },

    async updateCategory(actor: Actor, id: string, patch: Partial<CategoryInput>) {
      const before = found(await repo.category(id));
      await change(actor, 'default_categories', 'update', id, async (r) => {
        await checkName(r, 'default_categories', patch.name, id);
        await checkReference(r, patch.referenceCode);
        await r.updateCategory(id, {
          ...(patch.name !== undefined ? { name: patch.name.trim(), name_key: nameKey(patch.name) } : {}),
          ...(patch.description !== undefined ? { description: text(patch.description) } : {}),
          ...(patch.referenceCode !== undefined ? { reference_code: patch.referenceCode } : {}),
        });
        // Statistics compare associations through the reference category of each default.
        if (patch.referenceCode !== undefined) await r.followReference(id, patch.referenceCode);
        return diff(categoryView(before), categoryView(found(await r.category(id))));
      });
      return categoryView(found(await repo.category(id)));
    },

    async createLevel(actor: Actor, input: LevelInput) {
      const id = newId();
      await change(actor, 'default_levels', 'create', id, async (r) => {
        await checkName(r, 'default_levels', input.name, null);
        const row = { id, name: input.name.trim(), name_key: nameKey(input.name), description: text(input.description), position: await r.nextPosition('default_levels') };
        await r.insertLevel(row);
        return created({ name: row.name, description: row.description });
      });
      return levelView(found(await repo.level(id)));
    },

    async updateLevel(actor: Actor, id: string, patch: Partial<LevelInput>) {
      const before = found(await repo.level(id));
      await change(actor, 'default_levels', 'update', id, async (r) => {
        await checkName(r, 'default_levels', patch.name, id);
        await r.updateLevel(id, {
          ...(patch.name !== undefined ? { name: patch.name.trim(), name_key: nameKey(patch.name) } : {}),
          ...(patch.description !== undefined ? { description: text(patch.description) } : {}),
        });
        return diff(levelView(before), levelView(found(await r.level(id))));
      });
      return levelView(found(await repo.level(id)));
    },

    async createRole(actor: Actor, input: RoleInput) {
      const id = newId();
      await change(actor, 'default_roles', 'create', id, async (r) => {
        await checkName(r, 'default_roles', input.name, null);
        await r.insertRole({
          id,
          name: input.name.trim(),
          name_key: nameKey(input.name),
          description: text(input.description),
          is_default: input.isDefault ? 1 : 0,
          position: await r.nextPosition('default_roles'),
          ...applyPermissions(noPermissionColumns(), input.permissions ?? {}),
        });
        if (input.isDefault) await r.clearDefaultRoleExcept(id);
        return created(auditedRole(found(await r.role(id))));
      });
      return roleView(found(await repo.role(id)));
    },

    async updateRole(actor: Actor, id: string, patch: Partial<RoleInput>) {
      const before = found(await repo.role(id));
      // The default role stops being so only when another one becomes the default.
      if (patch.isDefault === false && before.is_default === 1) throw new AppError('conflict', 'default_role_keep_default');
      await change(actor, 'default_roles', 'update', id, async (r) => {
        await checkName(r, 'default_roles', patch.name, id);
        const permissions = applyPermissions(permissionColumnsOf(before), patch.permissions ?? {});
        if (before.manage_association === 1 && permissions.manage_association === 0 && (await r.otherManagingRoles(id)) === 0) {
          throw new AppError('conflict', 'default_role_manager_needed');
        }
        await r.updateRole(id, {
          ...(patch.name !== undefined ? { name: patch.name.trim(), name_key: nameKey(patch.name) } : {}),
          ...(patch.description !== undefined ? { description: text(patch.description) } : {}),
          ...(patch.isDefault ? { is_default: 1 } : {}),
          ...permissions,
        });
        if (patch.isDefault) await r.clearDefaultRoleExcept(id);
        return diff(auditedRole(before), auditedRole(found(await r.role(id))));
      });
      return roleView(found(await repo.role(id)));
    },

    async deleteCategory(actor: Actor, id: string): Promise<void> {
      const before = found(await repo.category(id));
      await change(actor, 'default_categories', 'delete', id, async (r) => {
        await r.delete('default_categories', id);
        return { name: [before.name, null] };
      });
    },

    async deleteLevel(actor: Actor, id: string): Promise<void> {
      const before = found(await repo.level(id));
      await change(actor, 'default_levels', 'delete', id, async (r) => {
        await r.delete('default_levels', id);
        return { name: [before.name, null] };
      });
    },

    async deleteRole(actor: Actor, id: string): Promise<void> {
      const before = found(await repo.role(id));
      if (before.is_default === 1) throw new AppError('conflict', 'default_role_is_default');
      await change(actor, 'default_roles', 'delete', id, async (r) => {
        if (before.manage_association === 1 && (await r.otherManagingRoles(id)) === 0) throw new AppError('conflict', 'default_role_manager_needed');
        await r.delete('default_roles', id);
        return { name: [before.name, null] };
      });
    },
  };
}

export type DefaultsService = ReturnType<typeof defaultsService>;
