/** SQL for accounts and avatars (Kysely only; no rules here). */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AccountsTable } from './account.table.ts';

export type AccountRow = Selectable<AccountsTable>;

export function accountRepository(db: Db) {
  return {
    /** Inserts unless the email is already taken (e.g. by a concurrent registration); says whether it did. */
    async insert(row: Insertable<AccountsTable>): Promise<boolean> {
      const r = await db
        .insertInto('accounts')
        .values(row)
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    findById(id: string): Promise<AccountRow | undefined> {
      return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findByEmail(email: string): Promise<AccountRow | undefined> {
      return db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
    },
    async update(id: string, changes: Updateable<AccountsTable>): Promise<void> {
      await db.updateTable('accounts').set(changes).where('id', '=', id).execute();
    },
    async nextFormerMemberNumber(): Promise<number> {
      const row = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.max('former_member_number').as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0) + 1;
    },
    async countAdmins(): Promise<number> {
      const row = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('is_admin', '=', 1)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    findAvatar(accountId: string) {
      return db.selectFrom('avatars').selectAll().where('account_id', '=', accountId).executeTakeFirst();
    },
    async hasAvatar(accountId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('avatars')
        .select('updated_at')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row?.updated_at;
    },
    async saveAvatar(accountId: string, mime: string, data: Uint8Array, now: string): Promise<void> {
      await db
        .insertInto('avatars')
        .values({ account_id: accountId, mime, data, updated_at: now })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ mime, data, updated_at: now }))
        .execute();
    },
    async deleteAvatar(accountId: string): Promise<void> {
      await db.deleteFrom('avatars').where('account_id', '=', accountId).execute();
    },
  };
}

export type AccountRepository = ReturnType<typeof accountRepository>;
