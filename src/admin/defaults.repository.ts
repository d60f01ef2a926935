/** SQL for the instance's default categories, levels and roles (copied into each new association). */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DefaultCategoriesTable, DefaultLevelsTable, DefaultRolesTable } from '../reference/reference.table.ts';

export type DefaultsTable = 'default_categories' | 'default_levels' | 'default_roles';
export type DefaultCategoryRow = Selectable<DefaultCategoriesTable>;
export type DefaultLevelRow = Selectable<DefaultLevelsTable>;
export type DefaultRoleRow = Selectable<DefaultRolesTable>;

export function defaultsRepository(db: Db) {
  return {
    categories: () => db.selectFrom('default_categories').selectAll().orderBy('position').orderBy('name_key').execute(),
    levels: () => db.selectFrom('default_levels').selectAll().orderBy('position').orderBy('name_key').execute(),
    roles: () => db.selectFrom('default_roles').selectAll().orderBy('position').orderBy('name_key').execute(),
    category: (id: string) => db.selectFrom('default_categories').selectAll().where('id', '=', id).executeTakeFirst(),
    level: (id: string) => db.selectFrom('default_levels').selectAll().where('id', '=', id).executeTakeFirst(),
    role: (id: string) => db.selectFrom('default_roles').selectAll().where('id', '=', id).executeTakeFirst(),

    /** Whether another row of the table already has this case-insensitive name. */
    async nameTaken(table: DefaultsTable, nameKey: string, exceptId: string | null): Promise<boolean> {
      const row = await db.selectFrom(table).select('id').where('name_key', '=', nameKey).executeTakeFirst();
      return row !== undefined && row.id !== exceptId;
    },
    async nextPosition(table: DefaultsTable): Promise<number> {
      const row = await db.selectFrom(table).select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
      return Number(row?.p ?? 0) + 1;
    },
    async referenceExists(code: string): Promise<boolean> {
      return (await db.selectFrom('reference_categories').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
    },
    async delete(table: DefaultsTable, id: string): Promise<void> {
      await db.deleteFrom(table).where('id', '=', id).execute();
    },

    insertCategory: async (row: Insertable<DefaultCategoriesTable>) => void (await db.insertInto('default_categories').values(row).execute()),
    insertLevel: async (row: Insertable<DefaultLevelsTable>) => void (await db.insertInto('default_levels').values(row).execute()),
    insertRole: async (row: Insertable<DefaultRolesTable>) => void (await db.insertInto('default_roles').values(row).execute()),
    updateCategory: async (id: string, changes: Updateable<DefaultCategoriesTable>) =>
      void (await db.updateTable('default_categories').set(changes).where('id', '=', id).execute()),
    /** Association categories count as their default's reference category: keep the copies in step. */
    followReference: async (defaultCategoryId: string, referenceCode: string) =>
      void (await db.updateTable('categories').set({ reference_code: referenceCode }).where('default_category_id', '=', defaultCategoryId).execute()),
    updateLevel: async (id: string, changes: Updateable<DefaultLevelsTable>) =>
      void (await db.updateTable('default_levels').set(changes).where('id', '=', id).execute()),
    updateRole: async (id: string, changes: Updateable<DefaultRolesTable>) =>
      void (await db.updateTable('default_roles').set(changes).where('id', '=', id).execute()),

    /** Exactly one default role: making one the default unsets the others. */
    async clearDefaultRoleExcept(id: string): Promise<void> {
      await db.updateTable('default_roles').set({ is_default: 0 }).where('id', '!=', id).execute();
    },
    /** How many default roles other than `exceptId` carry manage_association. */
    async otherManagingRoles(exceptId: string): Promise<number> {
      const row = await db
        .selectFrom('default_roles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('manage_association', '=', 1)
        .where('id', '!=', exceptId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
