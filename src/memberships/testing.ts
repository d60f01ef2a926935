/**
 * Helpers for the membership, role and anonymous-member tests (only imported by
 * *.test.ts files). Associations are inserted straight into the database, copying the
 * default roles as creation does, so these tests do not depend on the creation flow;
 * accounts get a session without going through login (argon2 per login is slow).
 */
import { hashPassword } from '../accounts/password.ts';
import { handleService } from '../handles/handle.service.ts';
import { sessionCookieName } from '../http/auth.middleware.ts';
import { newId } from '../lib/ids.ts';
import { Browser, PASSWORD, type TestApp } from '../testing/test-app.ts';
import type { MembershipStatus } from './membership.table.ts';

let passwordHash: Promise<string> | undefined;

export interface TestAccount {
  id: string;
  email: string;
  browser: Browser;
}

/** An active account with a logged-in browser (password PASSWORD). */
export async function account(
  t: TestApp,
  email: string,
  extra: { firstName?: string; lastName?: string; pseudo?: string; language?: 'fr' | 'en'; isAdmin?: boolean } = {},
): Promise<TestAccount> {
  passwordHash ??= hashPassword(PASSWORD);
  const id = newId();
  const now = t.clock.now().toISOString();
  const firstName = extra.firstName ?? (extra.pseudo ? null : email.split('@')[0]!);
  await t.db
    .insertInto('accounts')
    .values({
      id,
      email,
      password_hash: await passwordHash,
      first_name: firstName,
      last_name: extra.lastName ?? null,
      pseudo: extra.pseudo ?? null,
      theme: 'auto',
      language: extra.language ?? 'fr',
      is_admin: extra.isAdmin ? 1 : 0,
      status: 'active',
      terms_accepted_at: now,
      age_confirmed_at: now,
      former_member_number: null,
      created_at: now,
      updated_at: now,
      activated_at: now,
      deleted_at: null,
      handle: null,
    })
    .execute();
  const handle = await handleService(t.db, t.clock).claimFrom(firstName ?? extra.pseudo ?? 'membre', 'account', id, 'membre');
  await t.db.updateTable('accounts').set({ handle }).where('id', '=', id).execute();
  const { token, session } = await t.services.sessions.open(id, null);
  const browser = new Browser(t);
  browser.cookie = `${sessionCookieName(t.config.secure)}=${token}`;
  browser.csrfToken = t.services.sessions.csrfTokenFor(session.id);
  return { id, email, browser };
}

export interface TestAssociation {
  id: string;
  handle: string;
  name: string;
  /** Role ids by name: Responsable (manages), Coordination, Bénévole (default). */
  roles: Record<string, string>;
}

/** An association with copies of the default roles, and its creator as active manager. */
export async function association(
  t: TestApp,
  name: string,
  options: { creatorId?: string; moderateMembership?: boolean; isActive?: boolean; isHidden?: boolean; timeZone?: string } = {},
): Promise<TestAssociation> {
  const id = newId();
  const now = t.clock.now().toISOString();
  const handle = await handleService(t.db, t.clock).claimFrom(name, 'association', id, 'association');
  await t.db
    .insertInto('associations')
    .values({
      id,
      handle,
      name,
      name_key: name.trim().toLocaleLowerCase('fr'),
      description: `À propos de ${name}`,
      website: null,
      activity_field_code: '2.1',
      country: 'FR',
      postal_code: '21000',
      has_employees: 'unknown',
      yearly_income_cents: null,
      time_zone: options.timeZone ?? 'Europe/Paris',
      is_hidden: options.isHidden ? 1 : 0,
      moderate_membership: options.moderateMembership ? 1 : 0,
      moderate_declarations: 0,
      is_active: options.isActive === false ? 0 : 1,
      created_by: options.creatorId ?? null,
      created_at: now,
      updated_at: now,
      approved_at: null,
    })
    .execute();
  const defaults = await t.db.selectFrom('default_roles').selectAll().orderBy('position').execute();
  const roles: Record<string, string> = {};
  for (const { id: _defaultId, ...d } of defaults) {
    const roleId = newId();
    roles[d.name] = roleId;
    await t.db.insertInto('roles').values({ ...d, id: roleId, association_id: id, created_at: now }).execute();
  }
  const created = { id, handle, name, roles };
  if (options.creatorId) await join(t, created, options.creatorId, 'Responsable');
  return created;
}

/** Puts an account into an association directly, with a role (by name) and a status. */
export async function join(t: TestApp, a: TestAssociation, accountId: string, roleName = 'Bénévole', status: MembershipStatus = 'active'): Promise<string> {
  const id = newId();
  const roleId = a.roles[roleName];
  if (!roleId) throw new Error(`no role ${roleName}`);
  const now = t.clock.now().toISOString();
  await t.db
    .insertInto('memberships')
    .values({ id, association_id: a.id, account_id: accountId, role_id: roleId, status, function: 'none', created_at: now, approved_at: status === 'active' ? now : null, approved_by: null })
    .execute();
  return id;
}

/** A role with exactly the given permission columns set (others 0). */
export async function roleWith(t: TestApp, a: TestAssociation, name: string, permissions: string[]): Promise<string> {
  const id = newId();
  await t.db
    .insertInto('roles')
    .values({
      id,
      association_id: a.id,
      name,
      name_key: name.toLocaleLowerCase('fr'),
      description: null,
      is_default: 0,
      position: 10 + Object.keys(a.roles).length,
      created_at: t.clock.now().toISOString(),
      list_members: permissions.includes('list_members') ? 1 : 0,
      manage_members: permissions.includes('manage_members') ? 1 : 0,
      manage_declarations: permissions.includes('manage_declarations') ? 1 : 0,
      manage_categories: permissions.includes('manage_categories') ? 1 : 0,
      manage_levels: permissions.includes('manage_levels') ? 1 : 0,
      manage_projects: permissions.includes('manage_projects') ? 1 : 0,
      manage_roles: permissions.includes('manage_roles') ? 1 : 0,
      manage_association: permissions.includes('manage_association') ? 1 : 0,
    })
    .execute();
  a.roles[name] = id;
  return id;
}

/** Opens an anonymous link in a fresh browser; returns it holding the `bv_anon` cookie and CSRF token. */
export async function anonymousBrowser(t: TestApp, link: string): Promise<{ browser: Browser; res: Response }> {
  const browser = new Browser(t);
  const key = new URL(link).searchParams.get('cle');
  const res = await browser.request('POST', '/api/v1/anonymous-session', { key });
  if (res.status === 200) browser.csrfToken = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
  return { browser, res };
}

/** Snapshot of an association's membership, role and anonymous-member rows (to check nothing changed). */
export async function snapshot(t: TestApp, associationId: string) {
  const [memberships, roles, anonymous, audit] = await Promise.all([
    t.db.selectFrom('memberships').selectAll().where('association_id', '=', associationId).orderBy('id').execute(),
    t.db.selectFrom('roles').selectAll().where('association_id', '=', associationId).orderBy('id').execute(),
    t.db.selectFrom('anonymous_members').selectAll().where('association_id', '=', associationId).orderBy('id').execute(),
    t.db.selectFrom('audit_log').select('id').where('association_id', '=', associationId).execute(),
  ]);
  return { memberships, roles, anonymous, auditEntries: audit.length };
}
