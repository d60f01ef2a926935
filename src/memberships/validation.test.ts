/** Bad input on every field of the membership, role and anonymous-member API: a 422 naming that field, and nothing saved. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, fieldsOf, problemOf, type TestApp } from '../testing/test-app.ts';
import { account, association, join, snapshot, type TestAccount, type TestAssociation } from './testing.ts';

let t: TestApp;
let manager: TestAccount;
let a: TestAssociation;
let membershipId: string;
let anonymousId: string;

beforeAll(async () => {
  t = await createTestApp();
  manager = await account(t, 'responsable@exemple.fr');
  a = await association(t, 'Club de voile', { creatorId: manager.id });
  membershipId = await join(t, a, (await account(t, 'marie@exemple.fr')).id);
  const res = await manager.browser.request('POST', `/api/v1/associations/${a.id}/anonymous-members`, { name: 'Léo' });
  anonymousId = ((await res.json()) as { anonymousMember: { id: string } }).anonymousMember.id;
});

type Case = [what: string, method: string, path: () => string, body: unknown, field: string, code: string];

const long = (n: number) => 'x'.repeat(n);
const roles = () => `/api/v1/associations/${a.id}/roles`;
const role = () => `${roles()}/${a.roles.Coordination}`;
const member = () => `/api/v1/associations/${a.id}/members/${membershipId}`;
const anonymous = () => `/api/v1/associations/${a.id}/anonymous-members`;
const anonymousOne = () => `${anonymous()}/${anonymousId}`;

const CASES: Case[] = [
  ['role without name', 'POST', roles, { permissions: {} }, 'name', 'required'],
  ['role with a blank name', 'POST', roles, { name: '   ' }, 'name', 'required'],
  ['role with a long name', 'POST', roles, { name: long(61) }, 'name', 'too_long'],
  ['role with a numeric name', 'POST', roles, { name: 12 }, 'name', 'invalid'],
  ['role with a long description', 'POST', roles, { name: 'Aide', description: long(501) }, 'description', 'too_long'],
  ['role with a numeric description', 'POST', roles, { name: 'Aide', description: 3 }, 'description', 'invalid'],
  ['role with a text isDefault', 'POST', roles, { name: 'Aide', isDefault: 'oui' }, 'isDefault', 'invalid'],
  ['role with permissions as a list', 'POST', roles, { name: 'Aide', permissions: ['listMembers'] }, 'permissions', 'invalid'],
  ['role with a text permission', 'POST', roles, { name: 'Aide', permissions: { listMembers: 'yes' } }, 'permissions.listMembers', 'invalid'],
  ['role edit with a blank name', 'PATCH', role, { name: '' }, 'name', 'required'],
  ['role edit with a long name', 'PATCH', role, { name: long(61) }, 'name', 'too_long'],
  ['role edit with a numeric isDefault', 'PATCH', role, { isDefault: 1 }, 'isDefault', 'invalid'],
  ['role edit with a numeric permission', 'PATCH', role, { permissions: { manageRoles: 1 } }, 'permissions.manageRoles', 'invalid'],
  ['role edit with a taken name', 'PATCH', role, { name: 'responsable' }, 'name', 'role_name_taken'],
  ['member with an unknown role', 'PATCH', member, { roleId: 'inconnu' }, 'roleId', 'role_unknown'],
  ['member with a numeric role', 'PATCH', member, { roleId: 3 }, 'roleId', 'invalid'],
  ['member with an unknown function', 'PATCH', member, { function: 'chef' }, 'function', 'invalid_choice'],
  ['anonymous member without name', 'POST', anonymous, {}, 'name', 'required'],
  ['anonymous member with a blank name', 'POST', anonymous, { name: ' ' }, 'name', 'required'],
  ['anonymous member with a long name', 'POST', anonymous, { name: long(61) }, 'name', 'too_long'],
  ['anonymous member with an impossible date', 'POST', anonymous, { name: 'Lou', expiresOn: '2027-02-30' }, 'expiresOn', 'anonymous_date_invalid'],
  ['anonymous member with a French date', 'POST', anonymous, { name: 'Lou', expiresOn: '31/12/2027' }, 'expiresOn', 'anonymous_date_invalid'],
  ['anonymous member with a numeric date', 'POST', anonymous, { name: 'Lou', expiresOn: 20271231 }, 'expiresOn', 'invalid'],
  ['anonymous member with a past date', 'POST', anonymous, { name: 'Lou', expiresOn: '2026-01-01' }, 'expiresOn', 'anonymous_expiry_past'],
  ['anonymous member with a text isActive', 'POST', anonymous, { name: 'Lou', isActive: 'oui' }, 'isActive', 'invalid'],
  ['anonymous member edit with a blank name', 'PATCH', anonymousOne, { name: '' }, 'name', 'required'],
  ['anonymous member edit with a bad date', 'PATCH', anonymousOne, { expiresOn: '2027-13-01' }, 'expiresOn', 'anonymous_date_invalid'],
  ['anonymous member edit with a past date', 'PATCH', anonymousOne, { expiresOn: '2026-11-26' }, 'expiresOn', 'anonymous_expiry_past'],
  ['anonymous member edit with a numeric isActive', 'PATCH', anonymousOne, { isActive: 0 }, 'isActive', 'invalid'],
];

describe('bad input', () => {
  it.each(CASES)('%s → 422 on the field, nothing saved', async (_what, method, path, body, field, code) => {
    const before = await snapshot(t, a.id);
    const res = await manager.browser.request(method, path(), body);
    expect(res.status).toBe(422);
    const problem = await problemOf(res);
    expect(fieldsOf(problem)).toEqual([field]);
    expect(problem.errors![0]!.code).toBe(code);
    expect(problem.errors![0]!.message.length).toBeGreaterThan(0);
    expect(await snapshot(t, a.id)).toEqual(before);
  });

  it.each([
    ['?status=partis', 'status', 'invalid_choice'],
    ['?page=0', 'page', 'too_small'],
    ['?page=deux', 'page', 'invalid'],
    ['?role=inconnu', 'role', 'role_unknown'],
  ])('member list %s → 422 on %s', async (query, field, code) => {
    const res = await manager.browser.request('GET', `/api/v1/associations/${a.id}/members${query}`);
    expect(res.status).toBe(422);
    const problem = await problemOf(res);
    expect(fieldsOf(problem)).toEqual([field]);
    expect(problem.errors![0]!.code).toBe(code);
  });

  it.each([
    [{}, 'required'],
    [{ key: '' }, 'required'],
    [{ key: 42 }, 'invalid'],
    [{ key: long(201) }, 'too_long'],
  ])('anonymous link %j → 422 on key, no session', async (body, code) => {
    const opened = await new Browser(t).request('POST', '/api/v1/anonymous-session', body);
    expect(opened.status).toBe(422);
    const problem = await problemOf(opened);
    expect(fieldsOf(problem)).toEqual(['key']);
    expect(problem.errors![0]!.code).toBe(code);
    expect(await t.db.selectFrom('anonymous_sessions').select('id').execute()).toEqual([]);
  });

  it('a malformed JSON body is named, and saves nothing', async () => {
    const before = await snapshot(t, a.id);
    const res = await manager.browser.request('POST', roles(), new TextEncoder().encode('{"name": '), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect(fieldsOf(await problemOf(res))).toEqual(['body']);
    expect(await snapshot(t, a.id)).toEqual(before);
  });
});
