/**
 * Categories, levels and projects of an association (spec §A5). Managers with the
 * matching permission create, rename and delete them; names are unique per association
 * whatever the case; each category counts as one of the instance's default categories,
 * whose reference category (§A10) it takes, so statistics compare across associations.
 * Anything a declaration uses cannot be deleted. Members, the association's anonymous
 * members and admins read the lists (the declaration form needs them).
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, diff } from '../audit/audit.service.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { accessTo, type Asker } from '../memberships/access.ts';
import type { AssociationRow } from '../memberships/membership.repository.ts';
import { requirePermission, type Viewer } from '../memberships/policy.ts';
import type { Permission } from '../roles/role.table.ts';
import { catalogRepository, type CatalogRow, type CatalogTable, type CategoryRow } from './catalog.repository.ts';

export interface CategoryView {
  id: string;
  name: string;
  description: string | null;
  referenceCode: string;
  defaultCategoryId: string | null;
  inUse: boolean;
}

export interface CatalogItemView {
  id: string;
  name: string;
  description: string | null;
  inUse: boolean;
}

export interface CategoryInput {
  name: string;
  description?: string | null | undefined;
  defaultCategoryId: string;
}
export type CategoryPatch = Partial<CategoryInput>;

export interface ItemInput {
  name: string;
  description?: string | null | undefined;
}
export type ItemPatch = Partial<ItemInput>;

/** Levels and projects: the two lists with only a name and a description. */
export type ItemKind = 'level' | 'project';

const ITEM: Record<ItemKind, { table: 'levels' | 'projects'; permission: Permission; inUse: 'level_in_use' | 'project_in_use' }> = {
  level: { table: 'levels', permission: 'manage_levels', inUse: 'level_in_use' },
  project: { table: 'projects', permission: 'manage_projects', inUse: 'project_in_use' },
};

export const nameKeyOf = (name: string) => name.trim().toLocaleLowerCase('fr');
const orNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

const toCategoryView = (r: CategoryRow, inUse: boolean): CategoryView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  referenceCode: r.reference_code,
  defaultCategoryId: r.default_category_id,
  inUse,
});
const toItemView = (r: CatalogRow, inUse: boolean): CatalogItemView => ({ id: r.id, name: r.name, description: r.description, inUse });

/** What the audit trail keeps of a row. */
const audited = (r: { name: string; description: string | null; default_category_id?: string | null; reference_code?: string }) => ({
  name: r.name,
  description: r.description,
  ...(r.default_category_id !== undefined ? { default_category_id: r.default_category_id, reference_code: r.reference_code } : {}),
});
const asCreated = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [null, v] as [unknown, unknown]]));
const asDeleted = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [v, null] as [unknown, unknown]]));

/** Categories, levels and projects of an association (rules in the file's header). */
export function catalogService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();

  /** Readers of the lists: active members, the association's anonymous members, admins (visitors: 403 as before). */
  async function insider(viewer: Viewer, ref: string): Promise<AssociationRow> {
    const { association, standing } = await accessTo(db, { viewer, actor: { accountId: null, label: '' } }, ref);
    if (!standing.isMember && !standing.isAdmin && !standing.isAnonymousMember) throw new AppError('forbidden', 'forbidden');
    return association;
  }

  async function uniqueName(trx: Db, table: CatalogTable, associationId: string, name: string, exceptId: string | null): Promise<void> {
    if (await catalogRepository(trx).nameTaken(table, associationId, nameKeyOf(name), exceptId)) throw fieldError('name', 'catalog_name_taken');
  }

  async function defaultCategory(trx: Db, id: string) {
    const found = await catalogRepository(trx).findDefaultCategory(id);
    if (!found) throw fieldError('defaultCategoryId', 'catalog_default_category_unknown');
    return found;
  }

  async function itemOf(trx: Db, kind: ItemKind, associationId: string, id: string): Promise<CatalogRow> {
    const repo = catalogRepository(trx);
    const row = kind === 'level' ? await repo.findLevel(associationId, id) : await repo.findProject(associationId, id);
    if (!row) throw new AppError('not_found', 'not_found');
    return row;
  }

  return {
    /** The instance's default categories (public: the same list for every association, like the reference categories). */
    async listDefaultCategories(): Promise<{ id: string; name: string; description: string | null; referenceCode: string }[]> {
      return (await catalogRepository(db).defaultCategories()).map((d) => ({ id: d.id, name: d.name, description: d.description, referenceCode: d.reference_code }));
    },

    /** The association's categories by position (members, its anonymous members, admins). */
    async listCategories(viewer: Viewer, ref: string): Promise<CategoryView[]> {
      const association = await insider(viewer, ref);
      return (await catalogRepository(db).categories(association.id)).map((r) => toCategoryView(r, r.in_use === 1));
    },

    /** The association's levels or projects by position. */
    async listItems(viewer: Viewer, kind: ItemKind, ref: string): Promise<CatalogItemView[]> {
      const association = await insider(viewer, ref);
      const repo = catalogRepository(db);
      const rows = kind === 'level' ? await repo.levels(association.id) : await repo.projects(association.id);
      return rows.map((r) => toItemView(r, r.in_use === 1));
    },

    /** Creates a category counted as the given default category (manageCategories). */
    async createCategory(asker: Asker, ref: string, input: CategoryInput): Promise<CategoryView> {
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_categories');
        await uniqueName(trx, 'categories', association.id, input.name, null);
        const target = await defaultCategory(trx, input.defaultCategoryId);
        const repo = catalogRepository(trx);
        const row: CategoryRow = {
          id: newId(),
          association_id: association.id,
          name: input.name.trim(),
          name_key: nameKeyOf(input.name),
          description: orNull(input.description),
          default_category_id: target.id,
          reference_code: target.reference_code,
          position: await repo.nextPosition('categories', association.id),
          created_at: now(),
        };
        await repo.insertCategory(row);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'category.create', targetType: 'category', targetId: row.id, changes: asCreated(audited(row)),
        });
        return toCategoryView(row, false);
      });
    },

    /** Renames, describes or re-links a category (manageCategories). */
    async updateCategory(asker: Asker, ref: string, id: string, patch: CategoryPatch): Promise<CategoryView> {
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_categories');
        const repo = catalogRepository(trx);
        const before = await repo.findCategory(association.id, id);
        if (!before) throw new AppError('not_found', 'not_found');
        if (patch.name !== undefined) await uniqueName(trx, 'categories', association.id, patch.name, id);
        const target = patch.defaultCategoryId !== undefined ? await defaultCategory(trx, patch.defaultCategoryId) : undefined;
        const after: CategoryRow = {
          ...before,
          ...(patch.name !== undefined ? { name: patch.name.trim(), name_key: nameKeyOf(patch.name) } : {}),
          ...(patch.description !== undefined ? { description: orNull(patch.description) } : {}),
          ...(target ? { default_category_id: target.id, reference_code: target.reference_code } : {}),
        };
        const changes = diff(audited(before), audited(after));
        if (Object.keys(changes).length > 0) {
          await repo.updateCategory(id, { name: after.name, name_key: after.name_key, description: after.description, default_category_id: after.default_category_id, reference_code: after.reference_code });
          await auditService(trx, clock).record(asker.actor, { associationId: association.id, action: 'category.update', targetType: 'category', targetId: id, changes });
        }
        return toCategoryView(after, await repo.inUse('categories', id));
      });
    },

    /** Deletes a category no declaration uses, keeping at least one (manageCategories). */
    async deleteCategory(asker: Asker, ref: string, id: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_categories');
        const repo = catalogRepository(trx);
        const row = await repo.findCategory(association.id, id);
        if (!row) throw new AppError('not_found', 'not_found');
        if (await repo.inUse('categories', id)) throw new AppError('conflict', 'category_in_use');
        if ((await repo.count('categories', association.id)) <= 1) throw new AppError('conflict', 'category_last');
        await repo.delete('categories', id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'category.delete', targetType: 'category', targetId: id, changes: asDeleted(audited(row)),
        });
      });
    },

    /** Creates a level (manageLevels) or a project (manageProjects). */
    async createItem(asker: Asker, kind: ItemKind, ref: string, input: ItemInput): Promise<CatalogItemView> {
      const { table, permission } = ITEM[kind];
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, permission);
        await uniqueName(trx, table, association.id, input.name, null);
        const repo = catalogRepository(trx);
        const row = {
          id: newId(),
          association_id: association.id,
          name: input.name.trim(),
          name_key: nameKeyOf(input.name),
          description: orNull(input.description),
          position: await repo.nextPosition(table, association.id),
          created_at: now(),
        };
        await (kind === 'level' ? repo.insertLevel(row) : repo.insertProject(row));
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: `${kind}.create`, targetType: kind, targetId: row.id, changes: asCreated(audited(row)),
        });
        return toItemView(row, false);
      });
    },

    /** Renames or describes a level or a project. */
    async updateItem(asker: Asker, kind: ItemKind, ref: string, id: string, patch: ItemPatch): Promise<CatalogItemView> {
      const { table, permission } = ITEM[kind];
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, permission);
        const before = await itemOf(trx, kind, association.id, id);
        if (patch.name !== undefined) await uniqueName(trx, table, association.id, patch.name, id);
        const after = {
          ...before,
          ...(patch.name !== undefined ? { name: patch.name.trim(), name_key: nameKeyOf(patch.name) } : {}),
          ...(patch.description !== undefined ? { description: orNull(patch.description) } : {}),
        };
        const repo = catalogRepository(trx);
        const changes = diff(audited(before), audited(after));
        if (Object.keys(changes).length > 0) {
          await repo.updateItem(table, id, { name: after.name, name_key: after.name_key, description: after.description });
          await auditService(trx, clock).record(asker.actor, { associationId: association.id, action: `${kind}.update`, targetType: kind, targetId: id, changes });
        }
        return toItemView(after, await repo.inUse(table, id));
      });
    },

    /** Deletes a level or a project no declaration uses (an association may have none). */
    async deleteItem(asker: Asker, kind: ItemKind, ref: string, id: string): Promise<void> {
      const { table, permission, inUse } = ITEM[kind];
      await inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, permission);
        const row = await itemOf(trx, kind, association.id, id);
        const repo = catalogRepository(trx);
        if (await repo.inUse(table, id)) throw new AppError('conflict', inUse);
        await repo.delete(table, id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: `${kind}.delete`, targetType: kind, targetId: id, changes: asDeleted(audited(row)),
        });
      });
    },
  };
}

export type CatalogService = ReturnType<typeof catalogService>;
