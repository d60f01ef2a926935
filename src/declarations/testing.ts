/**
 * Helpers for the declaration and catalog tests (only imported by *.test.ts files): an
 * association with the default categories and levels, a project, a manager, a volunteer
 * and an anonymous member, built straight in the database like the membership tests do.
 */
import { expect } from 'vitest';
import { newId } from '../lib/ids.ts';
import { hashToken, randomToken } from '../lib/secrets.ts';
import { account, anonymousBrowser, association, join, type TestAccount, type TestAssociation } from '../memberships/testing.ts';
import { createTestApp, type Browser, type TestApp } from '../testing/test-app.ts';
import type { DeclarationView } from './declaration.view.ts';

export type { DeclarationView };

export interface World {
  t: TestApp;
  a: TestAssociation;
  manager: TestAccount;
  volunteer: TestAccount;
  /** Category ids by name (copies of the defaults: « Gouvernance », …). */
  categories: string[];
  levels: string[];
  project: string;
}

/** Copies the default categories and levels into the association, and adds one project. */
export async function withCatalog(t: TestApp, associationId: string): Promise<{ categories: string[]; levels: string[]; project: string }> {
  const now = t.clock.now().toISOString();
  const categories: string[] = [];
  for (const d of await t.db.selectFrom('default_categories').selectAll().orderBy('position').execute()) {
    const id = newId();
    categories.push(id);
    await t.db
      .insertInto('categories')
      .values({ id, association_id: associationId, name: d.name, name_key: d.name_key, description: null, default_category_id: d.id, reference_code: d.reference_code, position: d.position, created_at: now })
      .execute();
  }
  const levels: string[] = [];
  for (const d of await t.db.selectFrom('default_levels').selectAll().orderBy('position').execute()) {
    const id = newId();
    levels.push(id);
    await t.db.insertInto('levels').values({ id, association_id: associationId, name: d.name, name_key: d.name_key, description: null, position: d.position, created_at: now }).execute();
  }
  const project = newId();
  await t.db.insertInto('projects').values({ id: project, association_id: associationId, name: 'Fête de quartier', name_key: 'fête de quartier', description: null, position: 1, created_at: now }).execute();
  return { categories, levels, project };
}

/** Turns the association's moderation of declarations on or off. */
export async function moderate(t: TestApp, associationId: string, on: boolean): Promise<void> {
  await t.db.updateTable('associations').set({ moderate_declarations: on ? 1 : 0 }).where('id', '=', associationId).execute();
}

/** A fresh instance with « Club de voile »: a manager (Responsable), a volunteer (Bénévole), categories, levels, a project. */
export async function world(options: { moderated?: boolean; timeZone?: string; app?: Parameters<typeof createTestApp>[0] } = {}): Promise<World> {
  const t = await createTestApp(options.app ?? {});
  const manager = await account(t, 'responsable@exemple.fr', { firstName: 'Rose', lastName: 'Responsable' });
  const volunteer = await account(t, 'benevole@exemple.fr', { firstName: 'Bob', lastName: 'Bénévole' });
  const a = await association(t, 'Club de voile', { creatorId: manager.id, ...(options.timeZone ? { timeZone: options.timeZone } : {}) });
  await join(t, a, volunteer.id);
  if (options.moderated) await moderate(t, a.id, true);
  return { t, a, manager, volunteer, ...(await withCatalog(t, a.id)) };
}

/** A minimal valid body for the world's association (2 h today-ish, in its first category). */
export const body = (w: World, extra: Record<string, unknown> = {}) => ({
  categoryId: w.categories[0],
  title: 'Entretien des bateaux',
  date: '2026-11-20',
  durationMinutes: 120,
  ...extra,
});

/** Records a declaration through the API, expecting 201; returns its JSON. */
export async function declare(b: Browser, w: World, extra: Record<string, unknown> = {}): Promise<DeclarationView> {
  const res = await b.request('POST', `/api/v1/associations/${w.a.id}/declarations`, body(w, extra));
  if (res.status !== 201) throw new Error(`declaration failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as DeclarationView;
}

/** An anonymous member of the association with an open link session. */
export async function anonymousMember(w: World, name = 'Léo'): Promise<{ id: string; browser: Browser }> {
  const res = await w.manager.browser.request('POST', `/api/v1/associations/${w.a.id}/anonymous-members`, { name });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { anonymousMember: { id: string }; link: string };
  const { browser, res: opened } = await anonymousBrowser(w.t, created.link);
  expect(opened.status).toBe(200);
  return { id: created.anonymousMember.id, browser };
}

/** An anonymous member row without a session (to be chosen as an author). */
export async function anonymousRow(t: TestApp, associationId: string, name = 'Enfant'): Promise<string> {
  const id = newId();
  const now = t.clock.now().toISOString();
  await t.db
    .insertInto('anonymous_members')
    .values({ id, association_id: associationId, name, expires_on: null, is_active: 1, secret_hash: hashToken(randomToken()), last_visit_at: null, created_at: now, updated_at: now })
    .execute();
  return id;
}

/** The stored declarations of an association (to check what was saved, or that nothing was). */
export function storedDeclarations(t: TestApp, associationId: string) {
  return t.db.selectFrom('declarations').selectAll().where('association_id', '=', associationId).orderBy('created_at').execute();
}

/** The association's audit actions, oldest first. */
export async function auditActions(t: TestApp, associationId: string): Promise<string[]> {
  const rows = await t.db.selectFrom('audit_log').select('action').where('association_id', '=', associationId).orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => r.action);
}

export { account, join, type TestAccount };
