/** SQL for declarations and their validations (spec §A4). Kysely only, no rules. */
import { sql, type Insertable, type Selectable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { DeclarationStatus, DeclarationsTable, ValidationsTable } from './declaration.table.ts';

export type DeclarationRow = Selectable<DeclarationsTable>;
export type ValidationRow = Selectable<ValidationsTable>;

/** A declaration with what its JSON shows: association, names, author, current validation. */
export interface DeclarationViewRow extends DeclarationRow {
  association_handle: string;
  association_name: string;
  moderate_declarations: number;
  category_name: string;
  project_name: string | null;
  level_name: string | null;
  author_first_name: string | null;
  author_last_name: string | null;
  author_pseudo: string | null;
  author_former_member_number: number | null;
  anonymous_name: string | null;
  /** The handle of a remote author (user@host), from their actor as last fetched. */
  author_remote_handle: string | null;
  v_validated_minutes: number | null;
  v_validated_at: string | null;
  v_validated_by: string | null;
  v_validated_by_label: string | null;
  v_reason: string | null;
  /** The frozen valuation (src/valuation/). */
  v_valued_at: string | null;
  v_valuation_method: string | null;
  v_valuation_rate_cents: number | null;
  v_valuation_cents: number | null;
  v_valuation_reason: string | null;
}

/** The filters both declaration lists (and their exports) share; all optional, combined with AND. */
export interface DeclarationFilter {
  associationId?: string | undefined;
  authorAccountId?: string | undefined;
  authorAnonymousId?: string | undefined;
  projectId?: string | undefined;
  categoryId?: string | undefined;
  levelId?: string | undefined;
  status?: DeclarationStatus | undefined;
  /** Dates YYYY-MM-DD, inclusive, on the declaration's (start) date. */
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * Declarations matching a filter, as a query to build on (the lists join what they show;
 * exports may page through it by keyset). Uses the table name `declarations`.
 */
export function filteredDeclarations(db: Db, f: DeclarationFilter): SelectQueryBuilder<Database, 'declarations', object> {
  let q = db.selectFrom('declarations');
  if (f.associationId) q = q.where('declarations.association_id', '=', f.associationId);
  if (f.authorAccountId) q = q.where('declarations.author_account_id', '=', f.authorAccountId);
  if (f.authorAnonymousId) q = q.where('declarations.author_anonymous_id', '=', f.authorAnonymousId);
  if (f.projectId) q = q.where('declarations.project_id', '=', f.projectId);
  if (f.categoryId) q = q.where('declarations.category_id', '=', f.categoryId);
  if (f.levelId) q = q.where('declarations.level_id', '=', f.levelId);
  if (f.status) q = q.where('declarations.status', '=', f.status);
  if (f.from) q = q.where('declarations.date', '>=', f.from);
  if (f.to) q = q.where('declarations.date', '<=', f.to);
  return q;
}

/** The lists' order (spec §A4): pending first, then newest by date, then by creation. */
export function inListOrder<O>(q: SelectQueryBuilder<Database, 'declarations', O>): SelectQueryBuilder<Database, 'declarations', O> {
  return q
    .orderBy(sql`case when declarations.status = 'pending' then 0 else 1 end`)
    .orderBy('declarations.date', 'desc')
    .orderBy('declarations.created_at', 'desc')
    .orderBy('declarations.id', 'desc');
}

function withView(q: SelectQueryBuilder<Database, 'declarations', object>) {
  return q
    .innerJoin('associations', 'associations.id', 'declarations.association_id')
    .innerJoin('categories', 'categories.id', 'declarations.category_id')
    .leftJoin('projects', 'projects.id', 'declarations.project_id')
    .leftJoin('levels', 'levels.id', 'declarations.level_id')
    .leftJoin('accounts', 'accounts.id', 'declarations.author_account_id')
    .leftJoin('anonymous_members', 'anonymous_members.id', 'declarations.author_anonymous_id')
    .leftJoin('remote_actors', 'remote_actors.iri', 'accounts.remote_iri')
    .leftJoin('validations', 'validations.id', 'declarations.validation_id')
    .selectAll('declarations')
    .select([
      'associations.handle as association_handle',
      'associations.name as association_name',
      'associations.moderate_declarations',
      'categories.name as category_name',
      'projects.name as project_name',
      'levels.name as level_name',
      'accounts.first_name as author_first_name',
      'accounts.last_name as author_last_name',
      'accounts.pseudo as author_pseudo',
      'accounts.former_member_number as author_former_member_number',
      'anonymous_members.name as anonymous_name',
      'remote_actors.handle as author_remote_handle',
      'validations.validated_minutes as v_validated_minutes',
      'validations.validated_at as v_validated_at',
      'validations.validated_by as v_validated_by',
      'validations.validated_by_label as v_validated_by_label',
      'validations.reason as v_reason',
      'validations.valued_at as v_valued_at',
      'validations.valuation_method as v_valuation_method',
      'validations.valuation_rate_cents as v_valuation_rate_cents',
      'validations.valuation_cents as v_valuation_cents',
      'validations.valuation_reason as v_valuation_reason',
    ]);
}

export function declarationRepository(db: Db) {
  return {
    find(id: string): Promise<DeclarationRow | undefined> {
      return db.selectFrom('declarations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    findByKey(associationId: string, key: string): Promise<DeclarationRow | undefined> {
      return db.selectFrom('declarations').selectAll().where('association_id', '=', associationId).where('idempotency_key', '=', key).executeTakeFirst();
    },
    /** Declarations of the association among `ids` (bulk approval). */
    findMany(associationId: string, ids: string[]): Promise<DeclarationRow[]> {
      return db.selectFrom('declarations').selectAll().where('association_id', '=', associationId).where('id', 'in', ids).execute();
    },
    view(id: string): Promise<DeclarationViewRow | undefined> {
      return withView(db.selectFrom('declarations')).where('declarations.id', '=', id).executeTakeFirst();
    },

    /** One page of a filtered list in list order, and how many match in all. */
    async page(filter: DeclarationFilter, page: number, pageSize: number): Promise<{ rows: DeclarationViewRow[]; total: number }> {
      const rows = await inListOrder(withView(filteredDeclarations(db, filter)))
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      const count = await filteredDeclarations(db, filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { rows, total: Number(count.n) };
    },

    async insert(row: Insertable<DeclarationsTable>): Promise<void> {
      await db.insertInto('declarations').values(row).execute();
    },
    async update(id: string, changes: Updateable<DeclarationsTable>): Promise<void> {
      await db.updateTable('declarations').set(changes).where('id', '=', id).execute();
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('validations').where('declaration_id', '=', id).execute();
      await db.deleteFrom('declarations').where('id', '=', id).execute();
    },

    // Validations ----------------------------------------------------------------------
    findValidation(id: string): Promise<ValidationRow | undefined> {
      return db.selectFrom('validations').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async insertValidation(row: Insertable<ValidationsTable>): Promise<void> {
      await db.insertInto('validations').values(row).execute();
    },
    async updateValidation(id: string, changes: Updateable<ValidationsTable>): Promise<void> {
      await db.updateTable('validations').set(changes).where('id', '=', id).execute();
    },
    /** Ends the current validation of a declaration (kept for the record). */
    async supersede(declarationId: string, at: string): Promise<void> {
      await db.updateTable('validations').set({ superseded_at: at }).where('declaration_id', '=', declarationId).where('superseded_at', 'is', null).execute();
    },

    // Who ------------------------------------------------------------------------------
    async isActiveMember(associationId: string, accountId: string): Promise<boolean> {
      const row = await db
        .selectFrom('memberships')
        .select('id')
        .where('association_id', '=', associationId)
        .where('account_id', '=', accountId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return row !== undefined;
    },
    async anonymousMemberExists(associationId: string, id: string): Promise<boolean> {
      const row = await db.selectFrom('anonymous_members').select('id').where('association_id', '=', associationId).where('id', '=', id).executeTakeFirst();
      return row !== undefined;
    },
    /** Active members whose role may approve declarations (to tell them one awaits). */
    async approvers(associationId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('roles', 'roles.id', 'memberships.role_id')
        .select('memberships.account_id')
        .where('memberships.association_id', '=', associationId)
        .where('memberships.status', '=', 'active')
        .where((eb) => eb.or([eb('roles.manage_declarations', '=', 1), eb('roles.manage_association', '=', 1)]))
        .execute();
      return rows.map((r) => r.account_id);
    },

    /** The account's declarations (account deletion): id, association, status, title. */
    ofAccount(accountId: string): Promise<Pick<DeclarationRow, 'id' | 'association_id' | 'status' | 'title'>[]> {
      return db.selectFrom('declarations').select(['id', 'association_id', 'status', 'title']).where('author_account_id', '=', accountId).execute();
    },
  };
}

export type DeclarationRepository = ReturnType<typeof declarationRepository>;
