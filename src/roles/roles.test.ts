/** Roles of an association through the API: list by position with member counts, create, edit, delete — audited. */
import { describe, expect, it } from 'vitest';
import { auditService } from '../audit/audit.service.ts';
import { createTestApp } from '../testing/test-app.ts';
import { account, association, join } from '../memberships/testing.ts';

interface RoleBody {
  id: string;
  name: string;
  description: string | null;
  isDefault: boolean;
  permissions: Record<string, boolean>;
  memberCount: number;
}

describe('roles', () => {
  it('are listed by position with their permissions and member counts (pending included)', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr');
    const a = await association(t, 'Club', { creatorId: manager.id });
    await join(t, a, (await account(t, 'marie@exemple.fr')).id);
    await join(t, a, (await account(t, 'paul@exemple.fr')).id, 'Bénévole', 'pending');
    const res = await manager.browser.request('GET', `/api/v1/associations/${a.handle}/roles`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: RoleBody[] };
    expect(items.map((r) => [r.name, r.isDefault, r.memberCount])).toEqual([
      ['Responsable', false, 1],
      ['Coordination', false, 0],
      ['Bénévole', true, 2],
    ]);
    expect(items[1]!.permissions).toEqual({
      listMembers: true,
      manageMembers: true,
      manageDeclarations: true,
      manageCategories: false,
      manageLevels: false,
      manageProjects: false,
      manageRoles: false,
      manageAssociation: false,
    });
  });

  it('are created last, edited and deleted, each change in the audit trail', async () => {
    const t = await createTestApp();
    const manager = await account(t, 'responsable@exemple.fr', { firstName: 'Zoé' });
    const a = await association(t, 'Club', { creatorId: manager.id });
    const created = await manager.browser.request('POST', `/api/v1/associations/${a.id}/roles`, {
      name: ' Trésorerie ',
      description: 'Tient les comptes',
      permissions: { listMembers: true, manageProjects: true },
    });
    expect(created.status).toBe(201);
    const role = (await created.json()) as RoleBody;
    expect(role).toMatchObject({ name: 'Trésorerie', description: 'Tient les comptes', isDefault: false, memberCount: 0 });
    expect(role.permissions).toMatchObject({ listMembers: true, manageProjects: true, manageMembers: false });
    const list = (await (await manager.browser.request('GET', `/api/v1/associations/${a.id}/roles`)).json()) as { items: RoleBody[] };
    expect(list.items.at(-1)!.id).toBe(role.id);

    const edited = await manager.browser.request('PATCH', `/api/v1/associations/${a.id}/roles/${role.id}`, {
      name: 'Trésorier·e',
      description: null,
      permissions: { manageProjects: false },
    });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ name: 'Trésorier·e', description: null, permissions: { listMembers: true, manageProjects: false } });
    expect((await manager.browser.request('DELETE', `/api/v1/associations/${a.id}/roles/${role.id}`)).status).toBe(204);
    expect((await manager.browser.request('PATCH', `/api/v1/associations/${a.id}/roles/${role.id}`, { name: 'X' })).status).toBe(404);

    const trail = await auditService(t.db, t.clock).list({ associationId: a.id });
    expect(trail.map((e) => e.action)).toEqual(['role.delete', 'role.update', 'role.create']);
    expect(trail[1]).toMatchObject({
      actor: { accountId: manager.id, label: 'Zoé' },
      targetId: role.id,
      changes: { name: ['Trésorerie', 'Trésorier·e'], description: ['Tient les comptes', null], manage_projects: [1, 0] },
    });
    expect(trail[2]!.changes).toMatchObject({ name: [null, 'Trésorerie'], list_members: [null, 1] });
  });
});
