/**
 * Who sees which association (§A2): visitors and accounts see active, non-hidden ones in
 * lists; members (active or pending) also see theirs; the admin sees all. Hidden ones are
 * reachable by address when active; one awaiting approval only by its members and admins.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { Browser, createTestApp, loggedIn, type TestApp } from '../testing/test-app.ts';
import { addMember, adminBrowser, createAssociation, memberBrowser, namesIn, type AssociationView } from './association.fixtures.ts';
import { associationService } from './association.service.ts';
import { catalogService } from '../catalog/catalog.service.ts';

type Who = 'visitor' | 'account' | 'member' | 'pending' | 'coordinator' | 'admin' | 'manager';

let t: TestApp;
let open: AssociationView;
let hidden: AssociationView;
let inactive: AssociationView;
const as = {} as Record<Who, Browser>;

beforeAll(async () => {
  t = await createTestApp();
  as.manager = await loggedIn(t, 'manager@exemple.fr');
  open = await createAssociation(as.manager, { name: 'Publique' });
  hidden = await createAssociation(as.manager, { name: 'Cachée', isHidden: true });
  await t.services.settings.update(SYSTEM_ACTOR, { associationCreationModerated: true });
  inactive = await createAssociation(as.manager, { name: 'En attente' });
  as.visitor = new Browser(t);
  as.account = await loggedIn(t, 'account@exemple.fr');
  as.member = await memberBrowser(t, open.id, 'member@exemple.fr', 'active');
  as.pending = await memberBrowser(t, open.id, 'pending@exemple.fr', 'pending');
  as.coordinator = await memberBrowser(t, open.id, 'coordinator@exemple.fr', 'active', 'Coordination');
  for (const a of [hidden, inactive]) {
    await addMember(t, a.id, 'member@exemple.fr', 'active');
    await addMember(t, a.id, 'pending@exemple.fr', 'pending');
  }
  as.admin = await adminBrowser(t);
});

describe('visibility', () => {
  it('starts from an open, a hidden and an inactive association', () => {
    expect([open.isActive, hidden.isHidden, inactive.isActive]).toEqual([true, true, false]);
  });

  it('lists by name what each viewer may see', async () => {
    const expected: Record<Who, string[]> = {
      visitor: ['Publique'],
      account: ['Publique'],
      coordinator: ['Publique'],
      member: ['Cachée', 'En attente', 'Publique'],
      pending: ['Cachée', 'En attente', 'Publique'],
      manager: ['Cachée', 'En attente', 'Publique'],
      admin: ['Cachée', 'En attente', 'Publique'],
    };
    for (const who of Object.keys(expected) as Who[]) {
      expect([who, await namesIn(await as[who].request('GET', '/api/v1/associations'))]).toEqual([who, expected[who]]);
    }
    const page = (await (await as.visitor.request('GET', '/api/v1/associations')).json()) as Record<string, unknown>;
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 1 });
  });

  it('searches the name, any case, within what the viewer may see', async () => {
    const search = async (who: Who, q: string) => namesIn(await as[who].request('GET', `/api/v1/associations?q=${encodeURIComponent(q)}`));
    expect(await search('visitor', 'CACH')).toEqual([]);
    expect(await search('account', 'attente')).toEqual([]);
    expect(await search('member', 'CACH')).toEqual(['Cachée']);
    expect(await search('pending', 'ATTENTE')).toEqual(['En attente']);
    expect(await search('admin', 'e')).toEqual(['Cachée', 'En attente', 'Publique']);
    expect(await search('visitor', 'publ')).toEqual(['Publique']);
    // LIKE wildcards typed by a person are plain characters.
    expect(await search('admin', '%')).toEqual([]);
    expect(await search('admin', '_')).toEqual([]);
  });

  it('samples only active, public associations, for everyone', async () => {
    for (const who of ['visitor', 'account', 'member', 'pending', 'admin', 'manager'] as Who[]) {
      expect([who, await namesIn(await as[who].request('GET', '/api/v1/associations/sample'))]).toEqual([who, ['Publique']]);
    }
  });

  it('shows an open or hidden association at its address to anyone, one awaiting approval only to its members and admins', async () => {
    const status = async (who: Who, ref: string) => (await as[who].request('GET', `/api/v1/associations/${ref}`)).status;
    for (const who of ['visitor', 'account', 'member', 'pending', 'coordinator', 'admin', 'manager'] as Who[]) {
      expect([who, await status(who, open.handle), await status(who, hidden.handle), await status(who, hidden.id)]).toEqual([who, 200, 200, 200]);
    }
    const inactiveStatus: Record<Who, number> = { visitor: 404, account: 404, coordinator: 404, member: 200, pending: 200, admin: 200, manager: 200 };
    for (const who of Object.keys(inactiveStatus) as Who[]) {
      expect([who, await status(who, inactive.handle), await status(who, inactive.id)]).toEqual([who, inactiveStatus[who], inactiveStatus[who]]);
    }
    expect(await status('visitor', 'personne_ici')).toBe(404);
    expect(await status('visitor', '01900000-0000-7000-8000-000000000000')).toBe(404);
  });

  it('tells each viewer what they may do there', async () => {
    const viewer = async (who: Who) => ((await (await as[who].request('GET', `/api/v1/associations/${open.handle}`)).json()) as AssociationView).viewer;
    const none = { listMembers: false, manageMembers: false, manageDeclarations: false, manageCategories: false, manageLevels: false, manageProjects: false, manageRoles: false, manageAssociation: false };
    const all = Object.fromEntries(Object.keys(none).map((k) => [k, true]));
    expect(await viewer('visitor')).toEqual({ membership: null, permissions: none, canJoin: false, canLeave: false, isAdmin: false, isAnonymousMember: false });
    expect(await viewer('account')).toEqual({ membership: null, permissions: none, canJoin: true, canLeave: false, isAdmin: false, isAnonymousMember: false });
    expect(await viewer('member')).toMatchObject({ membership: { status: 'active', role: { name: 'Bénévole' }, function: 'none' }, permissions: none, canJoin: false, canLeave: true });
    expect(await viewer('pending')).toMatchObject({ membership: { status: 'pending', role: { name: 'Bénévole' } }, permissions: none, canJoin: false, canLeave: true });
    expect((await viewer('coordinator')).permissions).toEqual({ ...none, listMembers: true, manageMembers: true, manageDeclarations: true });
    expect(await viewer('admin')).toEqual({ membership: null, permissions: all, canJoin: true, canLeave: false, isAdmin: true, isAnonymousMember: false });
    // The only manager may not leave (safeguard of §A3).
    expect(await viewer('manager')).toMatchObject({ permissions: all, canJoin: false, canLeave: false, isAdmin: false });
    const awaiting = (await (await as.pending.request('GET', `/api/v1/associations/${inactive.handle}`)).json()) as AssociationView;
    expect(awaiting.viewer.canJoin).toBe(false);
  });

  it('shows categories and levels to active members and admins only', async () => {
    const expected: Record<Who, number> = { visitor: 403, account: 403, pending: 403, member: 200, coordinator: 200, admin: 200, manager: 200 };
    for (const who of Object.keys(expected) as Who[]) {
      const categories = await as[who].request('GET', `/api/v1/associations/${open.id}/categories`);
      const levels = await as[who].request('GET', `/api/v1/associations/${open.id}/levels`);
      expect([who, categories.status, levels.status]).toEqual([who, expected[who], expected[who]]);
    }
    expect((await as.account.request('GET', `/api/v1/associations/${inactive.id}/levels`)).status).toBe(404);
  });

  it('lets an anonymous member see their own association only', async () => {
    const service = associationService({ db: t.db, clock: t.clock, mailer: t.mailer, origin: t.config.origin, settings: t.services.settings });
    const anonymous = { kind: 'anonymous' as const, anonymousMemberId: 'x', associationId: hidden.id };
    const seen = await service.detail(anonymous, hidden.id);
    expect(seen.viewer).toMatchObject({ isAnonymousMember: true, canJoin: false, canLeave: false, membership: null });
    expect((await service.list(anonymous, {})).items.map((a) => a.name)).toEqual(['Cachée', 'Publique']);
    const catalog = catalogService({ db: t.db, clock: t.clock });
    expect(await catalog.listItems(anonymous, 'level', hidden.id)).toHaveLength(3);
    await expect(catalog.listItems(anonymous, 'level', open.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(service.detail(anonymous, inactive.id)).rejects.toMatchObject({ kind: 'not_found' });
  });
});
