/**
 * The permission matrix (spec §A3): every kind of viewer × every membership, role and
 * anonymous-member action, 2xx when the policy allows it, else 401 (visitor) or 403 —
 * and a refused action changes nothing (no audit entry, target untouched).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../lib/ids.ts';
import { hashToken, randomToken } from '../lib/secrets.ts';
import { Browser, createTestApp, type TestApp } from '../testing/test-app.ts';
import { PERMISSIONS, type Permission } from '../roles/role.table.ts';
import { account, anonymousBrowser, association, join, roleWith, type TestAssociation } from './testing.ts';

type Viewer = { browser: Browser; permissions: Permission[]; kind: 'visitor' | 'other' };

const VIEWERS = [
  'visitor',
  'account not member',
  'pending member',
  ...PERMISSIONS.map((p) => `active member with only ${p}`),
  'manager',
  'anonymous member of this association',
  'anonymous member of another association',
  'instance admin',
] as const;

interface Action {
  /** Any of these permissions allows the action. */
  needs: Permission[];
  expected: number;
  run(b: Browser): Promise<Response>;
}

let t: TestApp;
let a: TestAssociation;
const viewers = new Map<string, Viewer>();
let n = 0;
const unique = (prefix: string) => `${prefix} ${++n}`;

async function freshMember(status: 'active' | 'pending'): Promise<string> {
  const { id } = await account(t, `${unique('cible').replace(' ', '')}@exemple.fr`);
  return join(t, a, id, 'Bénévole', status);
}

async function freshAnonymous(): Promise<string> {
  const id = newId();
  const now = t.clock.now().toISOString();
  await t.db
    .insertInto('anonymous_members')
    .values({ id, association_id: a.id, name: unique('Enfant'), expires_on: null, is_active: 1, secret_hash: hashToken(randomToken()), last_visit_at: null, created_at: now, updated_at: now })
    .execute();
  return id;
}

const base = () => `/api/v1/associations/${a.id}`;

const ACTIONS: Record<string, Action> = {
  'list members': { needs: ['list_members', 'manage_members'], expected: 200, run: (b) => b.request('GET', `${base()}/members`) },
  'approve a member': {
    needs: ['manage_members'], expected: 200,
    run: async (b) => b.request('POST', `${base()}/members/${await freshMember('pending')}/approval`),
  },
  'change a role': {
    needs: ['manage_members'], expected: 200,
    run: async (b) => b.request('PATCH', `${base()}/members/${await freshMember('active')}`, { roleId: a.roles.Coordination }),
  },
  'change a function': {
    needs: ['manage_members'], expected: 200,
    run: async (b) => b.request('PATCH', `${base()}/members/${await freshMember('active')}`, { function: 'governance' }),
  },
  'remove a member': {
    needs: ['manage_members'], expected: 204,
    run: async (b) => b.request('DELETE', `${base()}/members/${await freshMember('active')}`),
  },
  'list roles': { needs: ['list_members', 'manage_members', 'manage_roles'], expected: 200, run: (b) => b.request('GET', `${base()}/roles`) },
  'create a role': {
    needs: ['manage_roles'], expected: 201,
    run: (b) => b.request('POST', `${base()}/roles`, { name: unique('Rôle'), permissions: { listMembers: true } }),
  },
  'edit a role': {
    needs: ['manage_roles'], expected: 200,
    run: async (b) => b.request('PATCH', `${base()}/roles/${await roleWith(t, a, unique('Rôle'), [])}`, { description: 'Nouveau' }),
  },
  'delete a role': {
    needs: ['manage_roles'], expected: 204,
    run: async (b) => b.request('DELETE', `${base()}/roles/${await roleWith(t, a, unique('Rôle'), [])}`),
  },
  'list anonymous members': { needs: ['manage_members'], expected: 200, run: (b) => b.request('GET', `${base()}/anonymous-members`) },
  'create an anonymous member': {
    needs: ['manage_members'], expected: 201,
    run: (b) => b.request('POST', `${base()}/anonymous-members`, { name: unique('Enfant') }),
  },
  'edit an anonymous member': {
    needs: ['manage_members'], expected: 200,
    run: async (b) => b.request('PATCH', `${base()}/anonymous-members/${await freshAnonymous()}`, { isActive: false }),
  },
  'give an anonymous member a new link': {
    needs: ['manage_members'], expected: 200,
    run: async (b) => b.request('POST', `${base()}/anonymous-members/${await freshAnonymous()}/link`),
  },
  'delete an anonymous member': {
    needs: ['manage_members'], expected: 204,
    run: async (b) => b.request('DELETE', `${base()}/anonymous-members/${await freshAnonymous()}`),
  },
};

beforeAll(async () => {
  t = await createTestApp();
  const manager = await account(t, 'responsable@exemple.fr');
  a = await association(t, 'Club de voile', { creatorId: manager.id });
  const otherManager = await account(t, 'autre@exemple.fr');
  const b = await association(t, 'Chorale', { creatorId: otherManager.id });

  viewers.set('visitor', { browser: new Browser(t), permissions: [], kind: 'visitor' });
  viewers.set('account not member', { browser: (await account(t, 'passant@exemple.fr')).browser, permissions: [], kind: 'other' });
  const pending = await account(t, 'attente@exemple.fr');
  await join(t, a, pending.id, 'Bénévole', 'pending');
  viewers.set('pending member', { browser: pending.browser, permissions: [], kind: 'other' });
  for (const p of PERMISSIONS) {
    const member = await account(t, `seul-${p}@exemple.fr`);
    await roleWith(t, a, `Seulement ${p}`, [p]);
    await join(t, a, member.id, `Seulement ${p}`);
    // « Gérer l'association » implies every other permission.
    viewers.set(`active member with only ${p}`, { browser: member.browser, permissions: p === 'manage_association' ? [...PERMISSIONS] : [p], kind: 'other' });
  }
  viewers.set('manager', { browser: manager.browser, permissions: [...PERMISSIONS], kind: 'other' });

  for (const [name, target, by] of [
    ['anonymous member of this association', a, manager],
    ['anonymous member of another association', b, otherManager],
  ] as const) {
    const created = await by.browser.request('POST', `/api/v1/associations/${target.id}/anonymous-members`, { name: 'Léo' });
    const { link } = (await created.json()) as { link: string };
    const { browser, res } = await anonymousBrowser(t, link);
    expect(res.status).toBe(200);
    viewers.set(name, { browser, permissions: [], kind: 'other' });
  }
  viewers.set('instance admin', { browser: (await account(t, 'admin@exemple.fr', { isAdmin: true })).browser, permissions: [...PERMISSIONS], kind: 'other' });
});

const auditCount = async () =>
  Number((await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('permission matrix', () => {
  const cases = VIEWERS.flatMap((viewer) => Object.keys(ACTIONS).map((action) => ({ viewer, action })));

  it.each(cases)('$viewer → $action', async ({ viewer, action }) => {
    const v = viewers.get(viewer)!;
    const act = ACTIONS[action]!;
    const allowed = act.needs.some((p) => v.permissions.includes(p));
    const before = await auditCount();
    const res = await act.run(v.browser);
    if (allowed) {
      expect(res.status, await res.clone().text()).toBe(act.expected);
      if (act.expected !== 200 || !action.startsWith('list')) expect(await auditCount()).toBe(before + 1);
    } else {
      expect(res.status, await res.clone().text()).toBe(v.kind === 'visitor' ? 401 : 403);
      expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
      expect(await auditCount()).toBe(before);
    }
  });

  it('covers every viewer kind and action of the brief', () => {
    expect(cases.length).toBe(VIEWERS.length * Object.keys(ACTIONS).length);
    expect(viewers.size).toBe(VIEWERS.length);
  });
});
