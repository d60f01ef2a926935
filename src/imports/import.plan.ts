/**
 * The dry run of an import (spec §A11): reads the file, then checks it against this
 * instance — accounts new or existing, default categories unknown here (the manager maps
 * each to a reference category), the association's name already taken, the file already
 * imported. Reads only; the import itself re-runs this check with the manager's choices.
 */
import type { Db } from '../db/database.ts';
import { nameKeyOf } from '../associations/association.keys.ts';
import { readArchive, type Archive, type ArchiveProblem } from './archive.ts';

export interface ImportChoices {
  /** Default category name in the file → reference category code here. */
  mappings?: Record<string, string> | undefined;
  /** Another name when the file's is taken. */
  name?: string | undefined;
}

export interface DryRunReport {
  ok: boolean;
  counts: Record<'users' | 'categories' | 'levels' | 'projects' | 'roles' | 'memberships' | 'anonymousMembers' | 'actions' | 'validatedActions', number>;
  accounts: { newAccounts: string[]; existingAccounts: string[] };
  /** Default categories unknown here and the reference categories one may map them to. */
  unmappedCategories: string[];
  referenceCategories: string[];
  /** The import that already brought this file, if any (importing again changes nothing). */
  alreadyImported: { importId: string; associationId: string | null } | null;
  problems: ArchiveProblem[];
}

export interface Plan {
  report: DryRunReport;
  archive: Archive | null;
  /** Category name (key) → reference code and default category id. */
  categories: Map<string, { referenceCode: string; defaultCategoryId: string | null }>;
  existing: Map<string, string>;
  name: string;
}

const EMPTY_COUNTS: DryRunReport['counts'] = { users: 0, categories: 0, levels: 0, projects: 0, roles: 0, memberships: 0, anonymousMembers: 0, actions: 0, validatedActions: 0 };

export async function planImport(db: Db, file: unknown, choices: ImportChoices, now: Date): Promise<Plan> {
  const read = readArchive(file, now);
  const references = (await db.selectFrom('reference_categories').select('code').orderBy('position').execute()).map((r) => r.code);
  const base: DryRunReport = {
    ok: false, counts: EMPTY_COUNTS, accounts: { newAccounts: [], existingAccounts: [] }, unmappedCategories: [],
    referenceCategories: references, alreadyImported: null, problems: [],
  };
  if (!read.ok) return { report: { ...base, problems: read.problems }, archive: null, categories: new Map(), existing: new Map(), name: '' };
  const a = read.archive;
  const problems: ArchiveProblem[] = [];

  const previous = await db.selectFrom('imports').select(['id', 'association_id']).where('file_token', '=', a.metadata.token).where('status', '=', 'done').executeTakeFirst();
  const emails = a.users.map((u) => u.email);
  const found = emails.length === 0 ? [] : await db.selectFrom('accounts').select(['id', 'email']).where('email', 'in', emails).where('deleted_at', 'is', null).execute();
  const existing = new Map(found.map((r) => [r.email!.toLowerCase(), r.id]));

  const defaults = await db.selectFrom('default_categories').select(['id', 'name_key', 'reference_code']).execute();
  const defaultsByKey = new Map(defaults.map((d) => [d.name_key, d]));
  const categories: Plan['categories'] = new Map();
  const unmapped = new Set<string>();
  for (const c of a.categories) {
    const known = c.defaultCategory === null ? null : defaultsByKey.get(nameKeyOf(c.defaultCategory));
    if (known) { categories.set(nameKeyOf(c.name), { referenceCode: known.reference_code, defaultCategoryId: known.id }); continue; }
    const wanted = choices.mappings?.[c.defaultCategory ?? ''] ?? (c.defaultCategory === null ? 'autre' : undefined);
    if (wanted !== undefined && references.includes(wanted)) { categories.set(nameKeyOf(c.name), { referenceCode: wanted, defaultCategoryId: null }); continue; }
    unmapped.add(c.defaultCategory!);
    problems.push({ model: 'associations.associationbenevalocategory', key: c.name, field: 'default_category', code: 'import_category_unmapped', params: { name: c.defaultCategory! } });
  }

  const name = (choices.name ?? a.association.name).trim();
  const taken = await db.selectFrom('associations').select('id').where('name_key', '=', nameKeyOf(name)).executeTakeFirst();
  if (!previous && (taken || name === '')) problems.push({ model: 'associations.association', key: name, field: 'name', code: 'import_name_taken' });

  const report: DryRunReport = {
    ...base,
    ok: problems.length === 0,
    counts: {
      users: a.users.length, categories: a.categories.length, levels: a.levels.length, projects: a.projects.length, roles: a.roles.length,
      memberships: a.memberships.length, anonymousMembers: a.anonymousMembers.length, actions: a.actions.length,
      validatedActions: a.actions.filter((x) => x.isActive).length,
    },
    accounts: { newAccounts: emails.filter((e) => !existing.has(e)), existingAccounts: emails.filter((e) => existing.has(e)) },
    unmappedCategories: [...unmapped],
    alreadyImported: previous ? { importId: previous.id, associationId: previous.association_id } : null,
    problems,
  };
  return { report, archive: a, categories, existing, name };
}
