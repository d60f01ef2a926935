/**
 * Rows for the statistics and export tests (only imported by *.test.ts files): accounts,
 * associations, catalogs and declarations written straight into the tables with the
 * rules of §A4 mirrored (a validation is its own row, a re-validation supersedes the
 * previous one, an author's edit in a moderated association makes it pending again…),
 * so these tests do not depend on the declarations service. Plus an independent
 * recomputation of the statistics from the raw rows, in plain JavaScript.
 */
import { expect } from 'vitest';
import type { Db } from '../db/database.ts';
import { newId } from '../lib/ids.ts';
import type { AuthorType, DeclarationStatus } from '../declarations/declaration.table.ts';

const NOW = '2026-11-27T10:00:00.000Z';

export async function addAccount(db: Db, person: { firstName?: string | null; lastName?: string | null; pseudo?: string | null; isAdmin?: boolean } = {}): Promise<string> {
  const id = newId();
  await db
    .insertInto('accounts')
    .values({
      id, email: `${id}@exemple.fr`, password_hash: null, first_name: person.firstName ?? null, last_name: person.lastName ?? null,
      pseudo: person.pseudo ?? null, theme: 'auto', language: 'fr', is_admin: person.isAdmin ? 1 : 0, status: 'active',
      terms_accepted_at: NOW, age_confirmed_at: NOW, former_member_number: null, created_at: NOW, updated_at: NOW,
      activated_at: NOW, deleted_at: null, handle: null,
    })
    .execute();
  return id;
}

/** A bare association row (no roles: for service-level tests that ask as admin). */
export async function addAssociation(db: Db, name: string, options: { moderated?: boolean; fieldCode?: string | null; active?: boolean } = {}): Promise<string> {
  const id = newId();
  await db
    .insertInto('associations')
    .values({
      id, handle: `a-${id.slice(-12)}`, name, name_key: name.toLocaleLowerCase('fr'), search_key: name.toLocaleLowerCase('fr'), description: '',
      website: null, activity_field_code: options.fieldCode === undefined ? '2.1' : options.fieldCode, country: 'FR', postal_code: null,
      has_employees: 'unknown', yearly_income_cents: null, time_zone: 'Europe/Paris', is_hidden: 0, moderate_membership: 0,
      moderate_declarations: options.moderated ? 1 : 0, is_active: options.active === false ? 0 : 1, created_by: null,
      created_at: NOW, updated_at: NOW, approved_at: NOW,
    })
    .execute();
  return id;
}

export interface Catalog {
  categories: string[];
  levels: string[];
  projects: string[];
}

/** Categories linked to the first default categories, levels and projects, named « <kind> <n> ». */
export async function addCatalog(db: Db, associationId: string, sizes: { categories?: number; levels?: number; projects?: number } = {}): Promise<Catalog> {
  const defaults = await db.selectFrom('default_categories').select(['id', 'reference_code']).orderBy('position').execute();
  const catalog: Catalog = { categories: [], levels: [], projects: [] };
  for (let i = 0; i < (sizes.categories ?? 3); i++) {
    const d = defaults[i % defaults.length]!;
    const id = newId();
    const name = `Catégorie ${i + 1}`;
    await db
      .insertInto('categories')
      .values({ id, association_id: associationId, name, name_key: name.toLowerCase(), description: null, default_category_id: d.id, reference_code: d.reference_code, position: i, created_at: NOW })
      .execute();
    catalog.categories.push(id);
  }
  for (const [kind, table, n] of [['Niveau', 'levels', sizes.levels ?? 2], ['Projet', 'projects', sizes.projects ?? 2]] as const) {
    for (let i = 0; i < n; i++) {
      const id = newId();
      const name = `${kind} ${i + 1}`;
      await db.insertInto(table).values({ id, association_id: associationId, name, name_key: name.toLowerCase(), description: null, position: i, created_at: NOW }).execute();
      catalog[table].push(id);
    }
  }
  return catalog;
}

export async function addAnonymous(db: Db, associationId: string, name: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('anonymous_members')
    .values({ id, association_id: associationId, name, expires_on: null, is_active: 1, secret_hash: newId(), last_visit_at: null, created_at: NOW, updated_at: NOW })
    .execute();
  return id;
}

export interface DeclarationInput {
  associationId: string;
  author: { type: AuthorType; id: string | null };
  categoryId: string;
  levelId?: string | null;
  projectId?: string | null;
  title?: string;
  description?: string;
  date: string;
  endDate?: string | null;
  durationMinutes: number;
  distanceHundredths?: number;
  status: DeclarationStatus;
  /** When validated: the minutes validated (default: the whole duration) and why less. */
  validatedMinutes?: number;
  reason?: string | null;
  rejectionReason?: string | null;
  createdAt?: string;
}

/** Inserts one declaration (and its validation when validated); returns its id. */
export async function insertDeclaration(db: Db, input: DeclarationInput): Promise<string> {
  const id = newId();
  const createdAt = input.createdAt ?? NOW;
  await db
    .insertInto('declarations')
    .values({
      id, association_id: input.associationId, author_type: input.author.type,
      author_account_id: input.author.type === 'account' ? input.author.id : null,
      author_anonymous_id: input.author.type === 'anonymous' ? input.author.id : null,
      category_id: input.categoryId, project_id: input.projectId ?? null, level_id: input.levelId ?? null,
      title: input.title ?? 'Action', description: input.description ?? '', date: input.date, end_date: input.endDate ?? null,
      duration_minutes: input.durationMinutes, distance_hundredths: input.distanceHundredths ?? 0, status: 'pending',
      rejection_reason: null, rejected_at: null, rejected_by: null, validation_id: null, idempotency_key: null,
      created_by: null, created_at: createdAt, updated_at: createdAt,
    })
    .execute();
  if (input.status === 'validated') await validate(db, id, input.validatedMinutes ?? input.durationMinutes, input.reason ?? null);
  if (input.status === 'rejected') await reject(db, id, input.rejectionReason ?? 'Hors sujet');
  return id;
}

async function supersede(db: Db, declarationId: string): Promise<void> {
  await db.updateTable('validations').set({ superseded_at: NOW }).where('declaration_id', '=', declarationId).where('superseded_at', 'is', null).execute();
}

/** A (re-)validation: its own row, superseding the previous one. */
export async function validate(db: Db, declarationId: string, minutes: number, reason: string | null = null, by: string | null = null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await supersede(trx, declarationId);
    const vid = newId();
    await trx
      .insertInto('validations')
      .values({ id: vid, declaration_id: declarationId, validated_by: by, validated_by_label: by ? 'Gestionnaire' : 'Validation automatique', validated_at: NOW, validated_minutes: minutes, reason, imported: 0, superseded_at: null })
      .execute();
    await trx.updateTable('declarations').set({ status: 'validated', validation_id: vid, rejection_reason: null, rejected_at: null }).where('id', '=', declarationId).execute();
  });
}

export async function reject(db: Db, declarationId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await supersede(trx, declarationId);
    await trx.updateTable('declarations').set({ status: 'rejected', validation_id: null, rejection_reason: reason, rejected_at: NOW }).where('id', '=', declarationId).execute();
  });
}

export type Edit = Partial<Pick<DeclarationInput, 'categoryId' | 'levelId' | 'projectId' | 'date' | 'durationMinutes' | 'distanceHundredths'>>;

/**
 * An edit (§A4): by a manager it keeps its status and its validation (validated minutes
 * capped to the new duration); by its author in a moderated association it becomes
 * pending again; by its author in an unmoderated association it is re-validated.
 */
export async function edit(db: Db, declarationId: string, patch: Edit, by: 'manager' | 'author', moderated: boolean): Promise<void> {
  const row = await db.selectFrom('declarations').selectAll().where('id', '=', declarationId).executeTakeFirstOrThrow();
  const duration = patch.durationMinutes ?? row.duration_minutes;
  await db
    .updateTable('declarations')
    .set({
      category_id: patch.categoryId ?? row.category_id,
      level_id: patch.levelId === undefined ? row.level_id : patch.levelId,
      project_id: patch.projectId === undefined ? row.project_id : patch.projectId,
      date: patch.date ?? row.date,
      duration_minutes: duration,
      distance_hundredths: patch.distanceHundredths ?? row.distance_hundredths,
      updated_at: NOW,
    })
    .where('id', '=', declarationId)
    .execute();
  if (by === 'manager') {
    if (row.validation_id) {
      await db.updateTable('validations').set((eb) => ({ validated_minutes: eb.fn('min', [eb.ref('validated_minutes'), eb.val(duration)]) })).where('id', '=', row.validation_id).execute();
    }
  } else if (moderated) {
    await supersede(db, declarationId);
    await db.updateTable('declarations').set({ status: 'pending', validation_id: null, rejection_reason: null }).where('id', '=', declarationId).execute();
  } else {
    await validate(db, declarationId, duration);
  }
}

export async function remove(db: Db, declarationId: string): Promise<void> {
  await db.deleteFrom('declarations').where('id', '=', declarationId).execute();
}

// Independent recomputation ------------------------------------------------------------

export interface ExpectedFigures {
  entries: number;
  members: number;
  minutes: number;
  distanceHundredths: number;
}

export interface Expected {
  totals: ExpectedFigures;
  byCategory: Map<string, ExpectedFigures>;
  byLevel: Map<string | null, ExpectedFigures>;
  byProject: Map<string | null, ExpectedFigures>;
  byMonth: Map<string, number>;
  years: number[];
}

/** The statistics of an association recomputed from its raw rows, without any SQL aggregate. */
export async function recompute(db: Db, associationId: string, year: number | null): Promise<Expected> {
  const rows = await db
    .selectFrom('declarations as d')
    .leftJoin('validations as v', 'v.id', 'd.validation_id')
    .select(['d.status', 'd.date', 'd.category_id', 'd.level_id', 'd.project_id', 'd.author_type', 'd.author_account_id', 'd.author_anonymous_id', 'd.distance_hundredths', 'v.validated_minutes'])
    .where('d.association_id', '=', associationId)
    .execute();
  const counted = rows.filter((r) => r.status === 'validated');
  const inYear = counted.filter((r) => year === null || r.date.startsWith(`${year}-`));
  const figures = (subset: typeof counted): ExpectedFigures => {
    const members = new Set(subset.map((r) => (r.author_type === 'account' ? r.author_account_id && `a${r.author_account_id}` : r.author_type === 'anonymous' ? r.author_anonymous_id && `n${r.author_anonymous_id}` : null)).filter(Boolean));
    return {
      entries: subset.length,
      members: members.size,
      minutes: subset.reduce((s, r) => s + (r.validated_minutes ?? NaN), 0),
      distanceHundredths: subset.reduce((s, r) => s + r.distance_hundredths, 0),
    };
  };
  const group = <K>(key: (r: (typeof counted)[number]) => K) => {
    const m = new Map<K, typeof counted>();
    for (const r of inYear) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return new Map([...m].map(([k, v]) => [k, figures(v)]));
  };
  const byMonth = new Map<string, number>();
  for (const r of inYear) byMonth.set(r.date.slice(0, 7), (byMonth.get(r.date.slice(0, 7)) ?? 0) + (r.validated_minutes ?? NaN));
  return {
    totals: figures(inYear),
    byCategory: group((r) => r.category_id),
    byLevel: group((r) => r.level_id),
    byProject: group((r) => r.project_id),
    byMonth,
    years: [...new Set(counted.map((r) => Number(r.date.slice(0, 4))))].sort(),
  };
}

// Comparison --------------------------------------------------------------------------

interface Figures {
  entries: number;
  members: number;
  minutes: number;
  distanceHundredths: number;
}
export interface StatisticsBody {
  years: number[];
  year: number | null;
  totals: { declarations: number; minutes: number; distanceHundredths: number; members: number };
  byCategory: (Figures & { id: string; name: string; referenceCode: string })[];
  byLevel: (Figures & { id: string | null; name: string | null })[];
  byProject: (Figures & { id: string | null; name: string | null })[];
  byMonth: { month: string; minutes: number }[];
}

const empty = { entries: 0, members: 0, minutes: 0, distanceHundredths: 0 };
const figures = (f: Figures) => ({ entries: f.entries, members: f.members, minutes: f.minutes, distanceHundredths: f.distanceHundredths });

/** The answer equals the recomputation, row by row (rows without entries are zeros). */
export function expectMatches(s: StatisticsBody, expected: Expected): void {
  expect(s.totals).toEqual({ declarations: expected.totals.entries, minutes: expected.totals.minutes, distanceHundredths: expected.totals.distanceHundredths, members: expected.totals.members });
  for (const row of s.byCategory) expect(figures(row), `category ${row.name}`).toEqual(expected.byCategory.get(row.id) ?? empty);
  expect(s.byCategory.reduce((n, r) => n + r.entries, 0)).toBe(expected.totals.entries);
  for (const [rows, map] of [[s.byLevel, expected.byLevel], [s.byProject, expected.byProject]] as const) {
    for (const row of rows) expect(figures(row), `row ${row.name}`).toEqual(map.get(row.id) ?? empty);
    expect(rows.reduce((n, r) => n + r.entries, 0)).toBe(expected.totals.entries);
  }
  for (const m of s.byMonth) expect(m.minutes, m.month).toBe(expected.byMonth.get(m.month) ?? 0);
  expect(s.byMonth.reduce((n, m) => n + m.minutes, 0)).toBe(expected.totals.minutes);
}


/** Every row of the maintained totals, in a stable order (to compare with a rebuild). */
export async function snapshotTotals(db: Db) {
  return {
    ledger: await db.selectFrom('statistics_ledger').selectAll().orderBy('declaration_id').execute(),
    totals: await db.selectFrom('statistics_totals').selectAll().orderBy('association_id').orderBy('period').orderBy('dimension').orderBy('dimension_id').execute(),
    members: await db.selectFrom('statistics_members').selectAll().orderBy('association_id').orderBy('member_key').orderBy('period').orderBy('dimension').orderBy('dimension_id').execute(),
    months: await db.selectFrom('statistics_months').selectAll().orderBy('association_id').orderBy('month').execute(),
  };
}
