/** SQL of the instance administration: account search, administrators, statistics. */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AccountStatus } from '../accounts/account.table.ts';
import type { AccountRow } from '../accounts/account.repository.ts';

export interface AccountSearch {
  q?: string | undefined;
  /** Without one, every account but the deleted ones (they hold no personal data). */
  status?: AccountStatus | undefined;
  limit: number;
  offset: number;
}

/** `%text%` for LIKE, with LIKE's own wildcards taken literally. */
const contains = (q: string) => `%${q.toLocaleLowerCase('fr').replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

const count = (n: unknown) => Number(n ?? 0);

export function adminRepository(db: Db) {
  function accountsMatching(filter: Omit<AccountSearch, 'limit' | 'offset'>) {
    let query = db.selectFrom('accounts');
    // Remote accounts (members from other sites) are not this site's users: never listed here.
    query = filter.status ? query.where('status', '=', filter.status) : query.where('status', 'not in', ['deleted', 'remote']);
    const q = filter.q?.trim();
    if (q) {
      const pattern = contains(q);
      const like = (e: Expression<string | null>): Expression<SqlBool> => sql<SqlBool>`lower(${e}) like ${pattern} escape '\\'`;
      query = query.where((eb) =>
        eb.or([
          like(eb.ref('email')),
          like(eb.ref('pseudo')),
          like(eb.ref('handle')),
          like(sql<string>`coalesce(first_name, '') || ' ' || coalesce(last_name, '')`),
        ]),
      );
    }
    return query;
  }

  return {
    /** One page of accounts, newest first, and how many match in all. */
    async searchAccounts(filter: AccountSearch): Promise<{ rows: AccountRow[]; total: number }> {
      const rows = await accountsMatching(filter)
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const total = await accountsMatching(filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return { rows, total: count(total?.n) };
    },

    admins(): Promise<AccountRow[]> {
      return db.selectFrom('accounts').selectAll().where('is_admin', '=', 1).where('status', '!=', 'deleted').orderBy('created_at').execute();
    },

    async stats() {
      const accounts = await db
        .selectFrom('accounts')
        .select((eb) => [
          eb.fn.countAll<number>().as('all'),
          eb.fn.sum<number>(eb.case().when('status', '=', 'active').then(1).else(0).end()).as('active'),
        ])
        .where('status', 'not in', ['deleted', 'remote'])
        .executeTakeFirst();
      const associations = await db
        .selectFrom('associations')
        .select((eb) => [
          eb.fn.countAll<number>().as('all'),
          eb.fn.sum<number>(eb.case().when('is_active', '=', 1).then(1).else(0).end()).as('active'),
        ])
        .executeTakeFirst();
      // Orphaned: no active member holds a role that manages the association (its last
      // manager deleted their account while alone in it).
      const orphaned = await db
        .selectFrom('associations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('memberships')
                .innerJoin('roles', 'roles.id', 'memberships.role_id')
                .select('memberships.id')
                .whereRef('memberships.association_id', '=', 'associations.id')
                .where('memberships.status', '=', 'active')
                .where('roles.manage_association', '=', 1),
            ),
          ),
        )
        .executeTakeFirst();
      const memberships = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'active')
        .executeTakeFirst();
      const allAssociations = count(associations?.all);
      const activeAssociations = count(associations?.active);
      return {
        accounts: count(accounts?.all),
        activeAccounts: count(accounts?.active),
        associations: allAssociations,
        activeAssociations,
        pendingAssociations: allAssociations - activeAssociations,
        orphanedAssociations: count(orphaned?.n),
        memberships: count(memberships?.n),
      };
    },
  };
}
