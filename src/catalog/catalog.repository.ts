/** SQL for an association's categories, levels and projects (spec §A5). */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CategoriesTable, LevelsTable } from '../associations/association.table.ts';
import type { ProjectsTable } from '../declarations/declaration.table.ts';
import type { DefaultCategoriesTable } from '../reference/reference.table.ts';

export type CatalogTable = 'categories' | 'levels' | 'projects';
export type CategoryRow = Selectable<CategoriesTable>;
export type LevelRow = Selectable<LevelsTable>;
export type ProjectRow = Selectable<ProjectsTable>;
/** What levels and projects share (and categories too). */
export type CatalogRow = LevelRow | ProjectRow;

/** The declarations column pointing at each table: what makes an item « in use ». */
const USED_BY = { categories: 'category_id', levels: 'level_id', projects: 'project_id' } as const;

export function catalogRepository(db: Db) {
  /** Rows of one association, by position then name, each flagged when a declaration uses it. */
  function listed<T extends CatalogTable>(table: T, associationId: string) {
    return db
      .selectFrom(table as CatalogTable)
      .selectAll()
      .select((eb) =>
        eb
          .exists(eb.selectFrom('declarations').select('declarations.id').whereRef(`declarations.${USED_BY[table]}`, '=', `${table as CatalogTable}.id`))
          .as('in_use'),
      )
      .where('association_id', '=', associationId)
      .orderBy('position')
      .orderBy('name_key');
  }

  return {
    async categories(associationId: string): Promise<(CategoryRow & { in_use: number })[]> {
      return (await listed('categories', associationId).execute()) as (CategoryRow & { in_use: number })[];
    },
    async levels(associationId: string): Promise<(LevelRow & { in_use: number })[]> {
      return (await listed('levels', associationId).execute()) as (LevelRow & { in_use: number })[];
    },
    async projects(associationId: string): Promise<(ProjectRow & { in_use: number })[]> {
      return (await listed('projects', associationId).execute()) as (ProjectRow & { in_use: number })[];
    },

    findCategory(associationId: string, id: string): Promise<CategoryRow | undefined> {
      return db.selectFrom('categories').selectAll().where('association_id', '=', associationId).where('id', '=', id).executeTakeFirst();
    },
    findLevel(associationId: string, id: string): Promise<LevelRow | undefined> {
      return db.selectFrom('levels').selectAll().where('association_id', '=', associationId).where('id', '=', id).executeTakeFirst();
    },
    findProject(associationId: string, id: string): Promise<ProjectRow | undefined> {
      return db.selectFrom('projects').selectAll().where('association_id', '=', associationId).where('id', '=', id).executeTakeFirst();
    },
    /** The instance's default categories, by position (what a category may count as). */
    defaultCategories(): Promise<Selectable<DefaultCategoriesTable>[]> {
      return db.selectFrom('default_categories').selectAll().orderBy('position').orderBy('name_key').execute();
    },
    findDefaultCategory(id: string): Promise<Selectable<DefaultCategoriesTable> | undefined> {
      return db.selectFrom('default_categories').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** Whether another row of this association already has this case-insensitive name. */
    async nameTaken(table: CatalogTable, associationId: string, nameKey: string, exceptId: string | null): Promise<boolean> {
      const row = await db.selectFrom(table).select('id').where('association_id', '=', associationId).where('name_key', '=', nameKey).executeTakeFirst();
      return row !== undefined && row.id !== exceptId;
    },
    async nextPosition(table: CatalogTable, associationId: string): Promise<number> {
      const row = await db.selectFrom(table).select((eb) => eb.fn.max('position').as('p')).where('association_id', '=', associationId).executeTakeFirst();
      return Number(row?.p ?? 0) + 1;
    },
    async count(table: CatalogTable, associationId: string): Promise<number> {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('association_id', '=', associationId).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** Whether any declaration uses the row. */
    async inUse(table: CatalogTable, id: string): Promise<boolean> {
      const row = await db.selectFrom('declarations').select('id').where(USED_BY[table], '=', id).limit(1).executeTakeFirst();
      return row !== undefined;
    },

    async insertCategory(row: Insertable<CategoriesTable>): Promise<void> {
      await db.insertInto('categories').values(row).execute();
    },
    async insertLevel(row: Insertable<LevelsTable>): Promise<void> {
      await db.insertInto('levels').values(row).execute();
    },
    async insertProject(row: Insertable<ProjectsTable>): Promise<void> {
      await db.insertInto('projects').values(row).execute();
    },
    async updateCategory(id: string, changes: Updateable<CategoriesTable>): Promise<void> {
      await db.updateTable('categories').set(changes).where('id', '=', id).execute();
    },
    /** Levels and projects change only their name and description. */
    async updateItem(table: 'levels' | 'projects', id: string, changes: { name: string; name_key: string; description: string | null }): Promise<void> {
      await db.updateTable(table).set(changes).where('id', '=', id).execute();
    },
    async delete(table: CatalogTable, id: string): Promise<void> {
      await db.deleteFrom(table).where('id', '=', id).execute();
    },
  };
}
