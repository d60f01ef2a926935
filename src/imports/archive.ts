/**
 * Reading a Bénévalibre 2.x association migration file (spec §A11) into a normalised,
 * checked structure. Pure: no database, so
 * another issue can reuse it to move an association between instances of this project.
 *
 * Lenient where the format allows it: natural keys as lists or scalars, durations as
 * Django's `[D ]HH:MM:SS[.ffffff]` or ISO 8601, decimals as strings or numbers (read as
 * hundredths of a km, never through floating point). Strict elsewhere: exactly the two
 * keys, dates not in the future, no object of another association, no broken reference.
 */
import { checkEffort, isCalendarDate, parseDistance, TITLE_MAX } from '../declarations/declaration.rules.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { nameKeyOf } from '../associations/association.keys.ts';
import type { Permission } from '../roles/role.table.ts';
import { archiveFileSchema, GUESSED_ROLE_PERMISSION_FIELDS, ROLE_PERMISSION_FIELDS, type ArchiveObject } from './archive.schema.ts';

/** One problem, naming its object: model, natural key (or pk) and field. */
export interface ArchiveProblem {
  model: string;
  key: string;
  field: string;
  code: MessageKey;
  params?: Record<string, string | number>;
}

export interface ArchiveUser { email: string; firstName: string; lastName: string; pseudo: string }
export interface ArchiveNamed { name: string; description: string | null }
export interface ArchiveCategory extends ArchiveNamed { defaultCategory: string | null }
export interface ArchiveRole extends ArchiveNamed { isDefault: boolean; permissions: Record<Permission, boolean> }
export interface ArchiveMembership { email: string; role: string; isActive: boolean }
/** `uuid` is its natural key in Bénévalibre (actions name it by `[uuid, association]`); older files may name it by its name. */
export interface ArchiveAnonymous { name: string; isActive: boolean; uuid: string | null; expiresOn: string | null }
export type ArchiveAuthor = { type: 'account'; email: string } | { type: 'anonymous'; name: string; uuid: string | null } | { type: 'none' };
export interface ArchiveAction {
  pk: string;
  author: ArchiveAuthor;
  date: string;
  endDate: string | null;
  title: string;
  description: string;
  durationMinutes: number;
  distanceHundredths: number;
  category: string;
  project: string | null;
  level: string | null;
  /** Validated at the origin. */
  isActive: boolean;
}

export interface Archive {
  metadata: { appVersion: string; date: string; endpoint: string; token: string };
  users: ArchiveUser[];
  association: {
    name: string; description: string; website: string | null; postalCode: string | null; moderateMembership: boolean; moderateDeclarations: boolean;
    isHidden: boolean; country: string; hasEmployees: 'yes' | 'no' | 'unknown'; incomeEuros: number | null;
    /** The activity field's name (natural key `[name, group]`), matched with ours at import. */
    activityField: string | null;
  };
  categories: ArchiveCategory[];
  levels: ArchiveNamed[];
  projects: ArchiveNamed[];
  roles: ArchiveRole[];
  memberships: ArchiveMembership[];
  anonymousMembers: ArchiveAnonymous[];
  actions: ArchiveAction[];
}

export type ReadResult = { ok: true; archive: Archive } | { ok: false; problems: ArchiveProblem[] };

/** A natural key as a list of strings (a scalar is a list of one). */
export function naturalKey(value: unknown): string[] | null {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((v) => typeof v === 'string' || typeof v === 'number')) return null;
  return list.map(String);
}

/** Django's `[D ]HH:MM:SS[.ffffff]` or ISO 8601 `P[nD][T[nH][nM][nS]]` → whole minutes (seconds rounded). */
export function parseDuration(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  const django = /^(?:(\d+) )?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(s);
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d+))?S)?)?$/.exec(s);
  const m = django ?? iso;
  if (!m || (iso && (s === 'P' || s.endsWith('T')))) return null;
  const [days, hours, minutes, seconds] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0));
  if (django && (minutes! > 59 || seconds! > 59)) return null;
  // Fractions of a second are dropped; seconds round to the nearest minute.
  return Math.round((days! * 86_400 + hours! * 3600 + minutes! * 60 + seconds!) / 60);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const optStr = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Reads and checks a file; dates are compared with `now` (UTC). */
export function readArchive(input: unknown, now: Date): ReadResult {
  const envelope = archiveFileSchema.safeParse(input);
  if (!envelope.success) {
    const detail = envelope.error.issues.map((i) => `${i.path.join('.') || '(racine)'}: ${i.message}`).join('; ');
    return { ok: false, problems: [{ model: 'file', key: '', field: '', code: 'import_file_invalid', params: { detail } }] };
  }
  const { metadata, objects } = envelope.data;
  const today = now.toISOString().slice(0, 10);
  const problems: ArchiveProblem[] = [];
  const problem = (model: string, key: string, field: string, code: MessageKey, params?: Record<string, string | number>) =>
    problems.push({ model, key, field, code, ...(params ? { params } : {}) });
  if (Date.parse(metadata.date) > now.getTime()) problem('metadata', '', 'date', 'import_date_future');

  const byModel = new Map<string, ArchiveObject[]>();
  for (const o of objects) {
    const list = byModel.get(o.model);
    if (list) list.push(o);
    else byModel.set(o.model, [o]);
  }
  for (const model of byModel.keys()) if (!KNOWN_MODELS.has(model)) problem(model, '', 'model', 'import_model_unknown', { model });

  const associations = byModel.get('associations.association') ?? [];
  if (associations.length !== 1) {
    problem('associations.association', '', '', 'import_association_count');
    return { ok: false, problems };
  }
  const a = associations[0]!.fields;
  const associationName = str(a.name)?.trim() ?? '';
  if (associationName === '') problem('associations.association', '', 'name', 'import_field_missing');

  const users = new Map<string, ArchiveUser>();
  for (const o of byModel.get('accounts.user') ?? []) {
    const email = str(o.fields.email)?.trim().toLowerCase() ?? '';
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) { problem(o.model, email, 'email', 'import_field_missing'); continue; }
    if (users.has(email)) { problem(o.model, email, 'email', 'import_duplicate'); continue; }
    users.set(email, { email, firstName: str(o.fields.first_name) ?? '', lastName: str(o.fields.last_name) ?? '', pseudo: str(o.fields.pseudo) ?? '' });
  }

  /** The object's association (a natural key) must be ours. */
  const ours = (o: ArchiveObject, key: string): boolean => {
    const ref = naturalKey(o.fields.association);
    if (!ref) { problem(o.model, key, 'association', 'import_field_missing'); return false; }
    if (ref[0] !== associationName) { problem(o.model, key, 'association', 'import_other_association', { name: ref[0]! }); return false; }
    return true;
  };
  /** Named objects of the association (categories, levels, projects, roles, anonymous members). */
  function named<T>(model: string, build: (o: ArchiveObject, name: string) => T | null): Map<string, T> {
    const out = new Map<string, T>();
    for (const o of byModel.get(model) ?? []) {
      const name = str(o.fields.name)?.trim() ?? '';
      if (name === '') { problem(model, String(o.pk ?? ''), 'name', 'import_field_missing'); continue; }
      if (!ours(o, name)) continue;
      if (out.has(nameKeyOf(name))) { problem(model, name, 'name', 'import_duplicate'); continue; }
      const built = build(o, name);
      if (built) out.set(nameKeyOf(name), built);
    }
    return out;
  }
  const described = (o: ArchiveObject, name: string): ArchiveNamed => ({ name, description: optStr(o.fields.description) });
  const categories = named('associations.associationbenevalocategory', (o, name) => ({
    ...described(o, name),
    defaultCategory: o.fields.default_category == null ? null : (naturalKey(o.fields.default_category)?.[0] ?? null),
  }));
  const levels = named('associations.associationbenevalolevel', described);
  const projects = named('associations.associationproject', described);
  const roles = named('associations.associationrole', (o, name) => {
    const permissions = {} as Record<Permission, boolean>;
    for (const [field, permission] of [...Object.entries(ROLE_PERMISSION_FIELDS), ...Object.entries(GUESSED_ROLE_PERMISSION_FIELDS)]) {
      permissions[permission] = permissions[permission] === true || o.fields[field] === true;
    }
    return { ...described(o, name), isDefault: o.fields.is_default === true, permissions };
  });
  // Anonymous members: keyed by their uuid when the file has it (Bénévalibre's natural key), else by name; a blank name gets one.
  const anonymous = new Map<string, ArchiveAnonymous>();
  for (const [i, o] of (byModel.get('associations.associationanonymousmember') ?? []).entries()) {
    const uuid = optStr(o.fields.uuid);
    const name = optStr(o.fields.name) ?? `Membre anonyme ${i + 1}`;
    const key = nameKeyOf(uuid ?? name);
    if (!ours(o, uuid ?? name)) continue;
    if (anonymous.has(key)) { problem(o.model, uuid ?? name, uuid ? 'uuid' : 'name', 'import_duplicate'); continue; }
    const expires = optStr(o.fields.expiration_date)?.slice(0, 10) ?? null;
    anonymous.set(key, { name, isActive: o.fields.is_active !== false, uuid, expiresOn: expires && isCalendarDate(expires) ? expires : null });
  }
  // Actions may also name one by its name (hand-written files), when that name is unique.
  const anonymousRefs = new Map(anonymous);
  for (const v of anonymous.values()) if (v.uuid !== null && !anonymousRefs.has(nameKeyOf(v.name))) anonymousRefs.set(nameKeyOf(v.name), v);

  /** A reference by natural key to one of `map`, or a problem. */
  const resolve = <T>(o: ArchiveObject, key: string, field: string, map: Map<string, T>, optional: boolean, byEmail = false): string | null | undefined => {
    const value = o.fields[field];
    if (value === null || value === undefined) {
      if (!optional) problem(o.model, key, field, 'import_field_missing');
      return optional ? null : undefined;
    }
    const ref = naturalKey(value);
    const k = ref?.[0] === undefined ? '' : byEmail ? ref[0].toLowerCase() : nameKeyOf(ref[0]);
    if (!ref || !map.has(k)) { problem(o.model, key, field, 'import_reference_broken', { ref: JSON.stringify(value) }); return undefined; }
    if (ref.length > 1 && ref[ref.length - 1] !== associationName && !byEmail) {
      problem(o.model, key, field, 'import_other_association', { name: ref[ref.length - 1]! });
      return undefined;
    }
    return k;
  };

  const memberships: ArchiveMembership[] = [];
  for (const o of byModel.get('associations.associationmembership') ?? []) {
    const key = naturalKey(o.fields.user)?.join(',') ?? String(o.pk ?? '');
    if (!ours(o, key)) continue;
    const email = resolve(o, key, 'user', users, false, true);
    const role = resolve(o, key, 'role', roles, false);
    if (email && role) memberships.push({ email, role: roles.get(role)!.name, isActive: o.fields.is_active !== false });
  }

  const actions: ArchiveAction[] = [];
  const pks = new Set<string>();
  for (const o of byModel.get('benevalibre.benevalo') ?? []) {
    const pk = o.pk === undefined ? '' : String(o.pk);
    const model = o.model;
    if (pk === '' || pks.has(pk)) { problem(model, pk, 'pk', pk === '' ? 'import_field_missing' : 'import_duplicate'); continue; }
    pks.add(pk);
    if (!ours(o, pk)) continue;
    const before = problems.length;
    const f = o.fields;
    const date = str(f.date) ?? '';
    const endDate = optStr(f.end_date);
    if (!isCalendarDate(date)) problem(model, pk, 'date', 'import_field_missing');
    if (endDate !== null && !isCalendarDate(endDate)) problem(model, pk, 'end_date', 'import_field_missing');
    const title = str(f.title)?.trim() ?? '';
    if (title === '' || title.length > TITLE_MAX) problem(model, pk, 'title', 'import_field_missing');
    const durationMinutes = f.duration == null ? 0 : parseDuration(f.duration);
    if (durationMinutes === null) problem(model, pk, 'duration', 'import_duration_invalid');
    const distance = parseDistance(typeof f.distance === 'string' || typeof f.distance === 'number' ? f.distance : null);
    if (!distance.ok) problem(model, pk, 'distance', distance.code);
    const category = resolve(o, pk, 'category', categories, false);
    const project = resolve(o, pk, 'project', projects, true);
    const level = resolve(o, pk, 'level', levels, true);
    const userKey = f.user == null ? null : resolve(o, pk, 'user', users, false, true);
    const anonKey = f.anonymous_member == null ? null : resolve(o, pk, 'anonymous_member', anonymousRefs, false);
    if (problems.length > before || durationMinutes === null || !distance.ok || !category) continue;
    for (const e of checkEffort({ date, endDate, durationMinutes, distanceHundredths: distance.hundredths }, today)) {
      problem(model, pk, FIELD_NAMES[e.field] ?? e.field, e.code === 'declaration_date_future' ? 'import_date_future' : e.code, e.params);
    }
    if (problems.length > before) continue;
    const author: ArchiveAuthor = userKey ? { type: 'account', email: userKey } : anonKey ? { type: 'anonymous', name: anonymousRefs.get(anonKey)!.name, uuid: anonymousRefs.get(anonKey)!.uuid } : { type: 'none' };
    actions.push({
      pk, author, date, endDate, title, description: str(f.description) ?? '', durationMinutes, distanceHundredths: distance.hundredths,
      category: categories.get(category)!.name, project: project ? projects.get(project)!.name : null, level: level ? levels.get(level)!.name : null,
      isActive: f.is_active === true,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    archive: {
      metadata: { appVersion: metadata.app_version, date: metadata.date, endpoint: metadata.endpoint, token: metadata.token },
      users: [...users.values()],
      association: {
        name: associationName, description: str(a.description) ?? '', postalCode: optStr(a.postal_code),
        moderateMembership: a.moderate_membership === true,
        // `website_url` and `moderate_benevalo` are Bénévalibre's names; `website` and `moderate_benevalos` were guessed first.
        website: optStr(a.website_url) ?? optStr(a.website), moderateDeclarations: a.moderate_benevalo === true || a.moderate_benevalos === true,
        isHidden: a.is_hidden === true, country: /^[A-Z]{2}$/.test(str(a.country) ?? '') ? str(a.country)! : 'FR',
        hasEmployees: a.has_employees === true ? 'yes' : a.has_employees === false ? 'no' : 'unknown',
        incomeEuros: typeof a.income === 'number' && Number.isInteger(a.income) && a.income >= 0 ? a.income : null,
        activityField: a.activity_field == null ? null : (naturalKey(a.activity_field)?.[0] ?? null),
      },
      categories: [...categories.values()], levels: [...levels.values()], projects: [...projects.values()], roles: [...roles.values()],
      memberships, anonymousMembers: [...anonymous.values()], actions,
    },
  };
}

const FIELD_NAMES: Record<string, string> = { endDate: 'end_date', durationMinutes: 'duration', distanceKm: 'distance' };

export const KNOWN_MODELS = new Set([
  'accounts.user', 'associations.association', 'associations.associationbenevalocategory', 'associations.associationbenevalolevel',
  'associations.associationproject', 'associations.associationrole', 'associations.associationmembership',
  'associations.associationanonymousmember', 'benevalibre.benevalo',
]);
