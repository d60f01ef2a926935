/** SQL for the reference data of §A10 (activity fields, reference categories). Read only. */
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ActivityFieldsTable, ActivityGroupsTable, ReferenceCategoriesTable } from './reference.table.ts';

export type ActivityGroupRow = Selectable<ActivityGroupsTable>;
export type ActivityFieldRow = Selectable<ActivityFieldsTable>;
export type ReferenceCategoryRow = Selectable<ReferenceCategoriesTable>;

export function referenceRepository(db: Db) {
  return {
    groups(): Promise<ActivityGroupRow[]> {
      return db.selectFrom('activity_groups').selectAll().orderBy('position').execute();
    },
    fields(): Promise<ActivityFieldRow[]> {
      return db.selectFrom('activity_fields').selectAll().orderBy('group_code').orderBy('position').execute();
    },
    findField(code: string): Promise<ActivityFieldRow | undefined> {
      return db.selectFrom('activity_fields').selectAll().where('code', '=', code).executeTakeFirst();
    },
    categories(): Promise<ReferenceCategoryRow[]> {
      return db.selectFrom('reference_categories').selectAll().orderBy('position').execute();
    },
  };
}
