/**
 * Builds a migration file (the Bénévalibre 2.x format of spec §A11, readable by
 * `readArchive`) from an association in our tables, so another issue can move an
 * association between instances of this project. Reads only.
 *
 * What the format cannot carry is left out: logos, handles, time zone, categories'
 * reference codes (a category points to a default category by name: its own, else the
 * first default of the same reference code), the validation records (only « validated
 * or not »; rejected declarations are written as not validated, without their reason),
 * anonymous members' links (they get new ones), members' functions and history.
 * Anonymous members are named by their id (Bénévalibre's natural key is a uuid): two
 * may share a name.
 */
import type { Db } from '../db/database.ts';
import { PERMISSIONS, type Permission } from '../roles/role.table.ts';
import type { Archive, ArchiveAction } from './archive.ts';
import type { ArchiveFile } from './archive.schema.ts';
import { writeArchive } from './archive-writer.ts';

export interface ArchiveMetadata { appVersion: string; date: string; endpoint: string; token: string }

export async function archiveFromTables(db: Db, associationId: string, metadata: ArchiveMetadata): Promise<Archive> {
  const a = await db.selectFrom('associations').selectAll().where('id', '=', associationId).executeTakeFirstOrThrow();
  const defaults = await db.selectFrom('default_categories').select(['id', 'name', 'reference_code']).orderBy('position').execute();
  const defaultName = (id: string | null, referenceCode: string) =>
    defaults.find((d) => d.id === id)?.name ?? defaults.find((d) => d.reference_code === referenceCode)?.name ?? null;
  const named = <T extends { name: string; description: string | null }>(rows: T[]) => rows.map((r) => ({ name: r.name, description: r.description }));

  const categories = await db.selectFrom('categories').select(['name', 'description', 'reference_code', 'default_category_id'])
    .where('association_id', '=', associationId).orderBy('position').execute();
  const levels = await db.selectFrom('levels').select(['name', 'description']).where('association_id', '=', associationId).orderBy('position').execute();
  const projects = await db.selectFrom('projects').select(['name', 'description']).where('association_id', '=', associationId).orderBy('position').execute();
  const roles = await db.selectFrom('roles').selectAll().where('association_id', '=', associationId).orderBy('position').execute();
  const memberships = await db.selectFrom('memberships as m').innerJoin('accounts as u', 'u.id', 'm.account_id').innerJoin('roles as r', 'r.id', 'm.role_id')
    .select(['u.email', 'r.name as role', 'm.status']).where('m.association_id', '=', associationId).where('u.deleted_at', 'is', null).orderBy('m.created_at').orderBy('m.id').execute();
  const field = a.activity_field_code === null ? undefined : await db.selectFrom('activity_fields').select('name_fr').where('code', '=', a.activity_field_code).executeTakeFirst();
  const anonymous = await db.selectFrom('anonymous_members').select(['id', 'name', 'is_active', 'expires_on']).where('association_id', '=', associationId).orderBy('created_at').orderBy('id').execute();
  const declarations = await db.selectFrom('declarations as d')
    .innerJoin('categories as c', 'c.id', 'd.category_id')
    .leftJoin('projects as p', 'p.id', 'd.project_id').leftJoin('levels as l', 'l.id', 'd.level_id')
    .leftJoin('accounts as u', 'u.id', 'd.author_account_id').leftJoin('anonymous_members as n', 'n.id', 'd.author_anonymous_id')
    .select(['d.id', 'd.origin_key', 'd.author_type', 'u.email', 'u.deleted_at', 'n.name as anonymous', 'd.author_anonymous_id', 'd.date', 'd.end_date', 'd.title', 'd.description',
      'd.duration_minutes', 'd.distance_hundredths', 'd.status', 'c.name as category', 'p.name as project', 'l.name as level'])
    .where('d.association_id', '=', associationId).orderBy('d.created_at').orderBy('d.id').execute();

  // Everyone the file names: members, then authors who are no longer members.
  const emails = [...new Set([...memberships.map((m) => m.email), ...declarations.map((d) => (d.deleted_at === null ? d.email : null))])]
    .filter((e): e is string => typeof e === 'string');
  const users = emails.length === 0 ? [] : await db.selectFrom('accounts').select(['email', 'first_name', 'last_name', 'pseudo']).where('email', 'in', emails).execute();
  const byEmail = new Map(users.map((u) => [u.email!, u]));

  const usedPks = new Set<string>();
  const actions: ArchiveAction[] = declarations.map((d, i) => {
    // An imported declaration keeps its origin's number; ours are numbered in order.
    const fromOrigin = d.origin_key?.slice(d.origin_key.lastIndexOf(':') + 1);
    let pk = fromOrigin && !usedPks.has(fromOrigin) ? fromOrigin : String(i + 1);
    while (usedPks.has(pk)) pk = `${pk}-${d.id}`;
    usedPks.add(pk);
    const author: ArchiveAction['author'] = d.author_type === 'account' && d.email && d.deleted_at === null ? { type: 'account', email: d.email }
      : d.author_type === 'anonymous' && d.anonymous ? { type: 'anonymous', name: d.anonymous, uuid: d.author_anonymous_id } : { type: 'none' };
    return {
      pk, author, date: d.date, endDate: d.end_date, title: d.title, description: d.description ?? '', durationMinutes: d.duration_minutes,
      distanceHundredths: d.distance_hundredths, category: d.category, project: d.project, level: d.level, isActive: d.status === 'validated',
    };
  });

  return {
    metadata,
    users: emails.map((email) => {
      const u = byEmail.get(email);
      return { email, firstName: u?.first_name ?? '', lastName: u?.last_name ?? '', pseudo: u?.pseudo ?? '' };
    }),
    association: {
      name: a.name, description: a.description ?? '', website: a.website, postalCode: a.postal_code,
      moderateMembership: a.moderate_membership === 1, moderateDeclarations: a.moderate_declarations === 1,
      isHidden: a.is_hidden === 1, country: a.country, hasEmployees: a.has_employees,
      incomeEuros: a.yearly_income_cents === null ? null : Math.round(a.yearly_income_cents / 100), activityField: field?.name_fr ?? null,
    },
    categories: categories.map((c) => ({ name: c.name, description: c.description, defaultCategory: defaultName(c.default_category_id, c.reference_code) })),
    levels: named(levels),
    projects: named(projects),
    roles: roles.map((r) => ({
      name: r.name, description: r.description, isDefault: r.is_default === 1,
      permissions: Object.fromEntries(PERMISSIONS.map((p) => [p, r[p] === 1])) as Record<Permission, boolean>,
    })),
    memberships: memberships.filter((m) => m.email !== null).map((m) => ({ email: m.email!, role: m.role, isActive: m.status === 'active' })),
    anonymousMembers: anonymous.map((n) => ({ name: n.name, isActive: n.is_active === 1, uuid: n.id, expiresOn: n.expires_on })),
    actions,
  };
}

/** The migration file of an association, as JSON-ready data. */
export async function writeArchiveFromTables(db: Db, associationId: string, metadata: ArchiveMetadata): Promise<ArchiveFile> {
  return writeArchive(await archiveFromTables(db, associationId, metadata));
}
