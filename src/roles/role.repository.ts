/** SQL for an association's roles. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { RolesTable } from './role.table.ts';

export type RoleRow = Selectable<RolesTable>;

export function roleRepository(db: Db) {
  return {
    /** The association's roles by position, each with its number of members (pending included). */
    listWithCounts(associationId: string): Promise<(RoleRow & { member_count: number })[]> {
      return db
        .selectFrom('roles')
        .selectAll('roles')
        .select((eb) =>
          eb
            .selectFrom('memberships')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('memberships.role_id', '=', 'roles.id')
            .as('member_count'),
        )
        .$narrowType<{ member_count: number }>()
        .where('roles.association_id', '=', associationId)
        .orderBy('roles.position')
        .orderBy('roles.created_at')
        .execute();
    },

    find(associationId: string, roleId: string): Promise<RoleRow | undefined> {
      return db.selectFrom('roles').selectAll().where('association_id', '=', associationId).where('id', '=', roleId).executeTakeFirst();
    },

    findDefault(associationId: string): Promise<RoleRow | undefined> {
      return db
        .selectFrom('roles')
        .selectAll()
        .where('association_id', '=', associationId)
        .orderBy('is_default', 'desc')
        .orderBy('position')
        .executeTakeFirst();
    },

    /** The first role (by position) that manages the association: the one creators and appointed managers get. */
    firstManaging(associationId: string): Promise<RoleRow | undefined> {
      return db
        .selectFrom('roles')
        .selectAll()
        .where('association_id', '=', associationId)
        .where('manage_association', '=', 1)
        .orderBy('position')
        .executeTakeFirst();
    },

    async nameTaken(associationId: string, nameKey: string, exceptId?: string): Promise<boolean> {
      let q = db.selectFrom('roles').select('id').where('association_id', '=', associationId).where('name_key', '=', nameKey);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return (await q.executeTakeFirst()) !== undefined;
    },

    async nextPosition(associationId: string): Promise<number> {
      const row = await db
        .selectFrom('roles')
        .select((eb) => eb.fn.max('position').as('p'))
        .where('association_id', '=', associationId)
        .executeTakeFirst();
      return Number(row?.p ?? 0) + 1;
    },

    async countMembers(roleId: string, status?: 'active'): Promise<number> {
      let q = db.selectFrom('memberships').select((eb) => eb.fn.countAll<number>().as('n')).where('role_id', '=', roleId);
      if (status) q = q.where('status', '=', status);
      return Number((await q.executeTakeFirstOrThrow()).n);
    },

    async insert(row: Insertable<RolesTable>): Promise<void> {
      await db.insertInto('roles').values(row).execute();
    },
    async update(id: string, changes: Updateable<RolesTable>): Promise<void> {
      await db.updateTable('roles').set(changes).where('id', '=', id).execute();
    },
    /** Exactly one default: making a role the default unsets the others. */
    async unsetDefaultExcept(associationId: string, roleId: string): Promise<void> {
      await db.updateTable('roles').set({ is_default: 0 }).where('association_id', '=', associationId).where('id', '!=', roleId).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('roles').where('id', '=', id).execute();
    },
  };
}

export type RoleRepository = ReturnType<typeof roleRepository>;
