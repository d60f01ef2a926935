/** Helpers for the associations tests (only imported by *.test.ts files). */
import { expect } from 'vitest';
import { newId } from '../lib/ids.ts';
import { Browser, PASSWORD, accountRow, loggedIn, registerActive, type TestApp } from '../testing/test-app.ts';
import type { AssociationView } from './association.view.ts';

export type { AssociationView };

export const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
export const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
export const WEBP = Uint8Array.from([...new TextEncoder().encode('RIFF'), 0x24, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 '), 0, 0]);
export const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

/** Creates an association through the API and returns it (fails the test otherwise). */
export async function createAssociation(b: Browser, body: Record<string, unknown>): Promise<AssociationView> {
  const res = await b.request('POST', '/api/v1/associations', body);
  if (res.status !== 201) throw new Error(`creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as AssociationView;
}

/** An account made instance admin, logged in. */
export async function adminBrowser(t: TestApp, email = 'admin@exemple.fr', extra: Record<string, unknown> = {}): Promise<Browser> {
  await registerActive(t, email, extra);
  await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', email).execute();
  const b = new Browser(t);
  expect((await b.login(email, PASSWORD)).status).toBe(200);
  return b;
}

/** Puts an account into an association directly (the memberships API is another part's). */
export async function addMember(t: TestApp, associationId: string, email: string, status: 'active' | 'pending', roleName = 'Bénévole'): Promise<string> {
  const account = await accountRow(t, email);
  const role = await t.db.selectFrom('roles').select('id').where('association_id', '=', associationId).where('name', '=', roleName).executeTakeFirstOrThrow();
  const id = newId();
  await t.db
    .insertInto('memberships')
    .values({ id, association_id: associationId, account_id: account.id, role_id: role.id, status, function: 'none', created_at: '2026-11-27T10:00:00.000Z', approved_at: null, approved_by: null })
    .execute();
  return id;
}

/** A logged-in account that is a member (active or pending) of the association. */
export async function memberBrowser(t: TestApp, associationId: string, email: string, status: 'active' | 'pending', roleName?: string): Promise<Browser> {
  const b = await loggedIn(t, email);
  await addMember(t, associationId, email, status, roleName);
  return b;
}

type Table = 'associations' | 'categories' | 'levels' | 'roles' | 'memberships' | 'association_logos' | 'audit_log' | 'handles' | 'anonymous_members';

/** Number of rows of a table, optionally of one association. */
export async function count(t: TestApp, table: Table, associationId?: string): Promise<number> {
  let q = t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (associationId) {
    if (table === 'associations') q = q.where('id', '=', associationId);
    else if (table === 'handles') q = q.where('owner_id', '=', associationId);
    else q = q.where('association_id', '=', associationId);
  }
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** The names of a list answer, in order. */
export async function namesIn(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { name: string }[] }).items.map((a) => a.name);
}
