/**
 * SQL for associations and what each owns (logo, categories, levels; on creation also
 * roles and the creator's membership, copied or inserted here so creation stays one
 * transaction). Kysely only, no rules: visibility is passed in as a `ListScope`.
 */
import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { MembershipsTable } from '../memberships/membership.table.ts';
import type { AssociationsTable } from './association.table.ts';

export type AssociationRow = Selectable<AssociationsTable>;

/** An association with what its summary shows besides its own columns. */
export type AssociationSummaryRow = AssociationRow & {
  activity_field_name: string | null;
  logo_updated_at: string | null;
  member_count: number;
};

/**
 * Which associations a list may show: `all` (the instance admin), or the public ones
 * (active, not hidden) plus those the account belongs to (any status) and the one an
 * anonymous member belongs to.
 */
export type ListScope = { kind: 'all' } | { kind: 'public'; memberAccountId?: string; associationId?: string };

export type AdminStatus = 'all' | 'pending' | 'orphaned';

type Eb = ExpressionBuilder<Database & { a: AssociationsTable }, 'a'>;

/** Active members whose role may manage the association. */
const managerCount = (eb: Eb) =>
  eb
    .selectFrom('memberships as mm')
    .innerJoin('roles as mr', 'mr.id', 'mm.role_id')
    .whereRef('mm.association_id', '=', 'a.id')
    .where('mm.status', '=', 'active')
    .where('mr.manage_association', '=', 1)
    .select((e) => e.fn.countAll<number>().as('n'));

const countOf = (eb: Eb, status: 'active' | 'pending') =>
  eb
    .selectFrom('memberships as mc')
    .whereRef('mc.association_id', '=', 'a.id')
    .where('mc.status', '=', status)
    .select((e) => e.fn.countAll<number>().as('n'));

/** `%…%` pattern for LIKE with the wildcards of the query escaped. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export function associationRepository(db: Db) {
  const summaries = () =>
    db
      .selectFrom('associations as a')
      .leftJoin('activity_fields as f', 'f.code', 'a.activity_field_code')
      .leftJoin('association_logos as l', 'l.association_id', 'a.id')
      .selectAll('a')
      .select(['f.name_fr as activity_field_name', 'l.updated_at as logo_updated_at'])
      .select((eb) => countOf(eb, 'active').as('member_count'));

  const toSummary = <T extends { member_count: number | string | null }>(r: T) => ({ ...r, member_count: Number(r.member_count ?? 0) });

  /** Filters by scope and by a fragment of the search key (the caller normalises it likewise). */
  function filtered(scope: ListScope, q: string | undefined) {
    let query = summaries();
    if (scope.kind === 'public') {
      const { memberAccountId, associationId } = scope;
      query = query.where((eb) =>
        eb.or([
          eb.and([eb('a.is_active', '=', 1), eb('a.is_hidden', '=', 0)]),
          ...(memberAccountId
            ? [eb.exists(eb.selectFrom('memberships as v').select('v.id').whereRef('v.association_id', '=', 'a.id').where('v.account_id', '=', memberAccountId))]
            : []),
          ...(associationId ? [eb('a.id', '=', associationId)] : []),
        ]),
      );
    }
    if (q) query = query.where(sql<boolean>`a.search_key like ${containing(q)} escape '\\'`);
    return query;
  }

  return {
    findById(id: string): Promise<AssociationRow | undefined> {
      return db.selectFrom('associations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findByHandle(handle: string): Promise<AssociationRow | undefined> {
      return db.selectFrom('associations').selectAll().where('handle', '=', handle).executeTakeFirst();
    },
    async summaryById(id: string): Promise<AssociationSummaryRow | undefined> {
      const row = await summaries().where('a.id', '=', id).executeTakeFirst();
      return row && toSummary(row);
    },
    async nameTaken(nameKey: string, exceptId?: string): Promise<boolean> {
      let q = db.selectFrom('associations').select('id').where('name_key', '=', nameKey);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return (await q.executeTakeFirst()) !== undefined;
    },

    /** One page by name (case-insensitive), with the total. */
    async list(scope: ListScope, q: string | undefined, page: number, pageSize: number): Promise<{ rows: AssociationSummaryRow[]; total: number }> {
      const total = await filtered(scope, q)
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await filtered(scope, q)
        .orderBy('a.search_key')
        .orderBy('a.name_key')
        .orderBy('a.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return { rows: rows.map(toSummary), total: Number(total.n) };
    },

    /** The admin's list: pending (awaiting approval) or orphaned (no active manager) or all. */
    async listForAdmin(status: AdminStatus, q: string | undefined, page: number, pageSize: number) {
      const base = () => {
        let query = filtered({ kind: 'all' }, q);
        if (status === 'pending') query = query.where('a.is_active', '=', 0);
        if (status === 'orphaned') query = query.where((eb) => eb(managerCount(eb), '=', 0));
        return query;
      };
      const total = await base()
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await base()
        .select((eb) => managerCount(eb).as('manager_count'))
        .orderBy('a.search_key')
        .orderBy('a.name_key')
        .orderBy('a.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      return {
        rows: rows.map((r) => ({ ...toSummary(r), manager_count: Number(r.manager_count ?? 0) })),
        total: Number(total.n),
      };
    },

    /** A few random active, non-hidden associations (home page). */
    async sample(count: number): Promise<AssociationSummaryRow[]> {
      const rows = await filtered({ kind: 'public' }, undefined).orderBy(sql`random()`).limit(count).execute();
      return rows.map(toSummary);
    },

    /** Inserts unless the name is taken (case-insensitively); says whether it did. */
    async insert(row: Insertable<AssociationsTable>): Promise<boolean> {
      const r = await db
        .insertInto('associations')
        .values(row)
        .onConflict((oc) => oc.column('name_key').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async update(id: string, changes: Updateable<AssociationsTable>): Promise<void> {
      await db.updateTable('associations').set(changes).where('id', '=', id).execute();
    },
    /** Deletes the association; its logo, categories, levels, roles, memberships,
     * anonymous members and trail go with it (ON DELETE CASCADE). Memberships first:
     * they also point at the roles. */
    async delete(id: string): Promise<void> {
      await db.deleteFrom('memberships').where('association_id', '=', id).execute();
      await db.deleteFrom('associations').where('id', '=', id).execute();
    },

    /** Copies the instance's default categories, levels and roles; returns the roles created, by position. */
    async copyDefaults(associationId: string, now: string, newId: () => string) {
      const categories = await db.selectFrom('default_categories').selectAll().orderBy('position').execute();
      if (categories.length > 0) {
        await db
          .insertInto('categories')
          .values(
            categories.map((c) => ({
              id: newId(),
              association_id: associationId,
              name: c.name,
              name_key: c.name_key,
              description: c.description,
              default_category_id: c.id,
              reference_code: c.reference_code,
              position: c.position,
              created_at: now,
            })),
          )
          .execute();
      }
      const levels = await db.selectFrom('default_levels').selectAll().orderBy('position').execute();
      if (levels.length > 0) {
        await db
          .insertInto('levels')
          .values(levels.map((l) => ({ id: newId(), association_id: associationId, name: l.name, name_key: l.name_key, description: l.description, position: l.position, created_at: now })))
          .execute();
      }
      const defaults = await db.selectFrom('default_roles').selectAll().orderBy('position').execute();
      const roles = defaults.map(({ id: _defaultId, ...role }) => ({ ...role, id: newId(), association_id: associationId, created_at: now }));
      if (roles.length > 0) await db.insertInto('roles').values(roles).execute();
      return roles;
    },
    async insertRole(row: Insertable<Database['roles']>): Promise<void> {
      await db.insertInto('roles').values(row).execute();
    },
    async insertMembership(row: Insertable<MembershipsTable>): Promise<void> {
      await db.insertInto('memberships').values(row).execute();
    },

    /** Accounts (active, with an email) that manage the association. */
    managers(associationId: string) {
      return db
        .selectFrom('memberships as m')
        .innerJoin('roles as r', 'r.id', 'm.role_id')
        .innerJoin('accounts as ac', 'ac.id', 'm.account_id')
        .selectAll('ac')
        .where('m.association_id', '=', associationId)
        .where('m.status', '=', 'active')
        .where('r.manage_association', '=', 1)
        .where('ac.status', '=', 'active')
        .where('ac.email', 'is not', null)
        .execute();
    },
    /** Instance admins who can be emailed. */
    admins() {
      return db.selectFrom('accounts').selectAll().where('is_admin', '=', 1).where('status', '=', 'active').where('email', 'is not', null).execute();
    },

    findLogo(associationId: string) {
      return db.selectFrom('association_logos').selectAll().where('association_id', '=', associationId).executeTakeFirst();
    },
    async saveLogo(associationId: string, mime: string, data: Uint8Array, now: string): Promise<void> {
      await db
        .insertInto('association_logos')
        .values({ association_id: associationId, mime, data, updated_at: now })
        .onConflict((oc) => oc.column('association_id').doUpdateSet({ mime, data, updated_at: now }))
        .execute();
    },
    async deleteLogo(associationId: string): Promise<boolean> {
      const r = await db.deleteFrom('association_logos').where('association_id', '=', associationId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** The account's memberships (any status) with role and association, by association name. */
    async membershipsOf(accountId: string) {
      const rows = await summaries()
        .innerJoin('memberships as m', 'm.association_id', 'a.id')
        .innerJoin('roles as r', 'r.id', 'm.role_id')
        .where('m.account_id', '=', accountId)
        .select((eb) => [
          'm.id as membership_id',
          'm.status as membership_status',
          'm.function as membership_function',
          'r.id as role_id',
          'r.name as role_name',
          'r.list_members',
          'r.manage_members',
          'r.manage_declarations',
          'r.manage_categories',
          'r.manage_levels',
          'r.manage_projects',
          'r.manage_roles',
          'r.manage_association',
          countOf(eb, 'pending').as('pending_count'),
        ])
        .orderBy('a.search_key')
        .orderBy('a.name_key')
        .execute();
      return rows.map((r) => ({ ...toSummary(r), pending_count: Number(r.pending_count ?? 0) }));
    },
  };
}

export type AssociationRepository = ReturnType<typeof associationRepository>;
