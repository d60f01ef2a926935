/**
 * The declaration permission matrix (spec §A3, §A4): every kind of viewer × every
 * declaration action. Active members and the association's anonymous member declare
 * for themselves; manageDeclarations (or manageAssociation, or the instance admin)
 * declares for anyone, reads, edits, deletes, validates and refuses any declaration;
 * others get 401 (visitor), 403, or 404 for a declaration they may not even see — and a
 * refused action changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymousBrowser, association, roleWith } from '../memberships/testing.ts';
import { PERMISSIONS } from '../roles/role.table.ts';
import { Browser, problemOf } from '../testing/test-app.ts';
import { account, anonymousRow, body, declare, join, world, type World } from './testing.ts';

interface Viewer {
  browser: Browser;
  visitor?: boolean;
  /** May declare for themselves (active member, or this association's anonymous member). */
  self: boolean;
  /** manageDeclarations, directly or implied. */
  manages: boolean;
}

let w: World;
let anonymousAuthor: string;
const viewers = new Map<string, Viewer>();

/** A pending declaration of the volunteer (the association moderates). */
const fresh = async () => (await declare(w.volunteer.browser, w)).id;
const base = () => `/api/v1/associations/${w.a.id}`;

interface Action {
  /** Creates the target (a pending declaration of the volunteer) before the action is measured. */
  prepare?: () => Promise<string>;
  run(b: Browser, target: string): Promise<Response>;
  /** Status when allowed, and when refused to a non-visitor. */
  allowed: number;
  refused: number;
  needs: 'self' | 'manages' | 'account';
  changes: boolean;
}

const ACTIONS: Record<string, Action> = {
  'declare for oneself': { needs: 'self', allowed: 201, refused: 403, changes: true, run: (b) => b.request('POST', `${base()}/declarations`, body(w)) },
  'declare for a member': {
    needs: 'manages', allowed: 201, refused: 403, changes: true,
    run: (b) => b.request('POST', `${base()}/declarations`, body(w, { author: { type: 'account', id: w.volunteer.id } })),
  },
  'declare for an anonymous member': {
    needs: 'manages', allowed: 201, refused: 403, changes: true,
    run: (b) => b.request('POST', `${base()}/declarations`, body(w, { author: { type: 'anonymous', id: anonymousAuthor } })),
  },
  'declare for no one': {
    needs: 'manages', allowed: 201, refused: 403, changes: true,
    run: (b) => b.request('POST', `${base()}/declarations`, body(w, { author: { type: 'none' } })),
  },
  "read a member's declaration": { needs: 'manages', allowed: 200, refused: 404, changes: false, prepare: fresh, run: (b, id) => b.request('GET', `/api/v1/declarations/${id}`) },
  "edit a member's declaration": {
    needs: 'manages', allowed: 200, refused: 404, changes: true,
    prepare: fresh, run: (b, id) => b.request('PATCH', `/api/v1/declarations/${id}`, { title: 'Corrigé' }),
  },
  "delete a member's declaration": { needs: 'manages', allowed: 204, refused: 404, changes: true, prepare: fresh, run: (b, id) => b.request('DELETE', `/api/v1/declarations/${id}`) },
  "validate a member's declaration": {
    needs: 'manages', allowed: 200, refused: 404, changes: true,
    prepare: fresh, run: (b, id) => b.request('POST', `/api/v1/declarations/${id}/validation`, {}),
  },
  "refuse a member's declaration": {
    needs: 'manages', allowed: 200, refused: 404, changes: true,
    prepare: fresh, run: (b, id) => b.request('POST', `/api/v1/declarations/${id}/rejection`, { reason: 'Hors association' }),
  },
  'validate several': {
    needs: 'manages', allowed: 200, refused: 403, changes: true,
    prepare: fresh, run: (b, id) => b.request('POST', `${base()}/declarations/validation`, { ids: [id] }),
  },
  "list the association's declarations": { needs: 'manages', allowed: 200, refused: 403, changes: false, run: (b) => b.request('GET', `${base()}/declarations`) },
  'list my declarations': { needs: 'account', allowed: 200, refused: 401, changes: false, run: (b) => b.request('GET', '/api/v1/me/declarations') },
};

beforeAll(async () => {
  w = await world({ moderated: true });
  const { t, a } = w;
  anonymousAuthor = await anonymousRow(t, a.id);
  viewers.set('visitor', { browser: new Browser(t), visitor: true, self: false, manages: false });
  viewers.set('account not member', { browser: (await account(t, 'passant@exemple.fr')).browser, self: false, manages: false });
  const pending = await account(t, 'attente@exemple.fr');
  await join(t, a, pending.id, 'Bénévole', 'pending');
  viewers.set('pending member', { browser: pending.browser, self: false, manages: false });
  for (const p of PERMISSIONS) {
    const member = await account(t, `seul-${p}@exemple.fr`);
    await roleWith(t, a, `Seulement ${p}`, [p]);
    await join(t, a, member.id, `Seulement ${p}`);
    viewers.set(`active member with only ${p}`, { browser: member.browser, self: true, manages: p === 'manage_declarations' || p === 'manage_association' });
  }
  viewers.set('manager', { browser: w.manager.browser, self: true, manages: true });
  const otherManager = await account(t, 'autre@exemple.fr');
  const other = await association(t, 'Chorale', { creatorId: otherManager.id });
  for (const [name, target, by] of [
    ['anonymous member of this association', a, w.manager],
    ['anonymous member of another association', other, otherManager],
  ] as const) {
    const created = await by.browser.request('POST', `/api/v1/associations/${target.id}/anonymous-members`, { name: 'Léo' });
    const { link } = (await created.json()) as { link: string };
    const { browser, res } = await anonymousBrowser(t, link);
    expect(res.status).toBe(200);
    viewers.set(name, { browser, self: target === a, manages: false });
  }
  viewers.set('instance admin', { browser: (await account(t, 'admin@exemple.fr', { isAdmin: true })).browser, self: false, manages: true });
});

const count = async (table: 'audit_log' | 'declarations' | 'validations') =>
  Number((await w.t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('declaration permission matrix', () => {
  const cases = [...viewerNames()].flatMap((viewer) => Object.keys(ACTIONS).map((action) => ({ viewer, action })));

  it.each(cases)('$viewer → $action', async ({ viewer, action }) => {
    const v = viewers.get(viewer)!;
    const act = ACTIONS[action]!;
    const allowed = act.needs === 'self' ? v.self : act.needs === 'manages' ? v.manages : !v.visitor;
    // The target is made first, so the audit measures the action alone.
    const target = act.prepare ? await act.prepare() : '';
    const before = await count('audit_log');
    const res = await act.run(v.browser, target);
    if (allowed) {
      expect(res.status, await res.clone().text()).toBe(act.allowed);
      expect(await count('audit_log')).toBe(before + (act.changes ? 1 : 0));
    } else {
      expect(res.status, await res.clone().text()).toBe(v.visitor ? 401 : act.refused);
      expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
      expect(await count('audit_log')).toBe(before);
    }
  });

  it('a refused action changes nothing', async () => {
    const target = await fresh();
    const before = await w.t.db.selectFrom('declarations').selectAll().where('id', '=', target).executeTakeFirstOrThrow();
    const counts = [await count('audit_log'), await count('declarations'), await count('validations')];
    for (const name of ['account not member', 'pending member', 'active member with only manage_members', 'anonymous member of this association']) {
      const b = viewers.get(name)!.browser;
      expect((await b.request('PATCH', `/api/v1/declarations/${target}`, { title: 'Piraté' })).status).toBe(404);
      expect((await b.request('DELETE', `/api/v1/declarations/${target}`)).status).toBe(404);
      expect((await b.request('POST', `/api/v1/declarations/${target}/validation`, {})).status).toBe(404);
      expect((await b.request('POST', `${base()}/declarations`, body(w, { author: { type: 'none' } }))).status).toBe(403);
    }
    expect([await count('audit_log'), await count('declarations'), await count('validations')]).toEqual(counts);
    expect(await w.t.db.selectFrom('declarations').selectAll().where('id', '=', target).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('tells non-members why they may not declare', async () => {
    for (const name of ['account not member', 'pending member', 'instance admin']) {
      const res = await viewers.get(name)!.browser.request('POST', `${base()}/declarations`, body(w));
      expect([name, (await problemOf(res)).code]).toEqual([name, 'declaration_not_member']);
    }
  });

  it('lets an author read, edit and delete their own, but not validate or refuse it', async () => {
    const id = await fresh();
    const b = w.volunteer.browser;
    const read = (await (await b.request('GET', `/api/v1/declarations/${id}`)).json()) as { can: unknown };
    expect(read.can).toEqual({ edit: true, delete: true, validate: false });
    expect((await b.request('PATCH', `/api/v1/declarations/${id}`, { title: 'Mieux' })).status).toBe(200);
    expect((await b.request('POST', `/api/v1/declarations/${id}/validation`, {})).status).toBe(403);
    expect((await b.request('POST', `/api/v1/declarations/${id}/rejection`, { reason: 'Non' })).status).toBe(403);
    expect((await b.request('POST', `${base()}/declarations`, body(w, { author: { type: 'account', id: w.manager.id } }))).status).toBe(403);
    // Naming oneself as author is declaring for oneself.
    expect((await b.request('POST', `${base()}/declarations`, body(w, { author: { type: 'account', id: w.volunteer.id } }))).status).toBe(201);
    expect((await b.request('DELETE', `/api/v1/declarations/${id}`)).status).toBe(204);
  });

  it('records authors as chosen: a member, an anonymous member, no one', async () => {
    const made = async (author: unknown) =>
      (await (await w.manager.browser.request('POST', `${base()}/declarations`, body(w, { author }))).json()) as { author: unknown; status: string };
    expect((await made({ type: 'account', id: w.volunteer.id })).author).toEqual({ type: 'account', id: w.volunteer.id, displayName: 'Bob Bénévole' });
    expect((await made({ type: 'anonymous', id: anonymousAuthor })).author).toEqual({ type: 'anonymous', id: anonymousAuthor, displayName: 'Enfant' });
    expect(await made({ type: 'none' })).toMatchObject({ author: { type: 'none', id: null, displayName: null }, status: 'pending' });
    const bad = async (author: unknown) => (await problemOf(await w.manager.browser.request('POST', `${base()}/declarations`, body(w, { author })))).errors;
    const pending = (await w.t.db.selectFrom('accounts').select('id').where('email', '=', 'attente@exemple.fr').executeTakeFirstOrThrow()).id;
    expect(await bad({ type: 'account', id: pending })).toMatchObject([{ field: 'author.id', code: 'declaration_author_unknown' }]);
    expect(await bad({ type: 'account' })).toMatchObject([{ field: 'author.id', code: 'declaration_author_id_required' }]);
    expect(await bad({ type: 'anonymous', id: 'inconnu' })).toMatchObject([{ field: 'author.id', code: 'declaration_author_unknown' }]);
  });
});

function viewerNames(): string[] {
  return [
    'visitor', 'account not member', 'pending member', ...PERMISSIONS.map((p) => `active member with only ${p}`), 'manager',
    'anonymous member of this association', 'anonymous member of another association', 'instance admin',
  ];
}
