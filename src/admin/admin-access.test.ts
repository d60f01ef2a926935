/** Every /admin route: 401 for visitors, 403 for accounts that are not administrators. */
import { describe, expect, it } from 'vitest';
import { Browser, createTestApp, loggedIn, problemOf, type TestApp } from '../testing/test-app.ts';

async function adminRoutesOf(t: TestApp): Promise<[method: string, path: string][]> {
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/admin/'))
    .flatMap(([path, ops]) => Object.keys(ops).map((m): [string, string] => [m.toUpperCase(), `/api/v1${path.replace(/\{\w+\}/g, '0190abcd-0000-7000-8000-000000000001')}`]));
}

describe('admin access', () => {
  it('answers 401 to visitors and 403 to other accounts on every admin route, before reading the body', async () => {
    const t = await createTestApp();
    const routes = await adminRoutesOf(t);
    expect(routes.length).toBeGreaterThanOrEqual(24);
    const visitor = new Browser(t);
    const member = await loggedIn(t, 'membre@exemple.fr');
    for (const [method, path] of routes) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const anonymous = await visitor.request(method, path, body);
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
      expect((await problemOf(anonymous)).code).toBe('unauthenticated');
      const refused = await member.request(method, path, body);
      expect([method, path, refused.status]).toEqual([method, path, 403]);
      expect((await problemOf(refused)).code).toBe('forbidden');
    }
  });

  it('lets an administrator in, and not once the right is removed', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t, 'admin@exemple.fr');
    expect((await b.request('GET', '/api/v1/admin/stats')).status).toBe(403);
    await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', 'admin@exemple.fr').execute();
    expect((await b.request('GET', '/api/v1/admin/stats')).status).toBe(200);
    await t.db.updateTable('accounts').set({ is_admin: 0 }).where('email', '=', 'admin@exemple.fr').execute();
    expect((await b.request('GET', '/api/v1/admin/stats')).status).toBe(403);
  });

  it('keeps unknown admin paths behind the guard too', async () => {
    const t = await createTestApp();
    expect((await new Browser(t).request('GET', '/api/v1/admin/nothing-here')).status).toBe(401);
  });

  it('lets a read-only API token of an administrator read, not change', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t, 'admin@exemple.fr');
    await t.db.updateTable('accounts').set({ is_admin: 1 }).where('email', '=', 'admin@exemple.fr').execute();
    const { secret } = (await (await b.request('POST', '/api/v1/me/tokens', { name: 'suivi', scope: 'read' })).json()) as { secret: string };
    const headers = { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' };
    expect((await t.app.request('/api/v1/admin/settings', { headers })).status).toBe(200);
    const patch = await t.app.request('/api/v1/admin/settings', { method: 'PATCH', headers, body: JSON.stringify({ name: 'Autre' }) });
    expect(patch.status).toBe(403);
    expect((await problemOf(patch)).code).toBe('token_scope_read');
  });
});
