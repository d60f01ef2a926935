/**
 * Flow 2 between real instances: a volunteer on A joins associations of B from A's own
 * API. Open membership: Join → Accept with the Membership, active on both sides at once.
 * Moderated: TentativeAccept (pending on both sides), B's manager refuses with a reason
 * (A shows it), the volunteer asks again and B accepts. Then the volunteer leaves (both
 * sides agree), and B removes a member (A shows it). B's members-only news reach the
 * member on A. After each step both APIs and both databases say the same thing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeAccount, createAssociation, pollUntil, startBed, type Account, type Association, type Bed } from './harness.ts';

interface RemoteMembership { id: string; actor: string; name: string; handle: string | null; status: string; reason: string | null; function: string | null }
interface Member { id: string; status: string; function: string; account: { displayName: string; handle: string | null; remote: { actor: string; handle: string | null } | null } }

let bed: Bed;
let marie: Account;
let paul: Account;
let open: Association;
let moderated: Association;
beforeAll(async () => {
  bed = await startBed({ instances: 2 });
  [marie, paul] = await Promise.all([activeAccount(bed, bed.b, 'marie@b.test', 'Marie'), activeAccount(bed, bed.a, 'paul@a.test', 'Paul')]);
  open = await createAssociation(marie, 'Les Amis du Lavoir');
  moderated = await createAssociation(marie, 'Le Jardin Partagé', { moderateMembership: true });
}, 180_000);
afterAll(async () => {
  await bed?.stop();
});

const groupOf = (a: Association) => `${bed.b.origin}/ap/actors/${a.id}`;
const paulOnA = () => `${bed.a.origin}/ap/actors/${paul.id}`;
const mine = async () => (await paul.client.json<{ items: RemoteMembership[] }>('GET', '/api/v1/federation/memberships', undefined, 200)).items;
const mineIn = async (a: Association) => (await mine()).find((m) => m.actor === groupOf(a));
const membersOf = async (a: Association) => (await marie.client.json<{ items: Member[] }>('GET', `/api/v1/associations/${a.id}/members`, undefined, 200)).items;
const remoteMemberOf = async (a: Association) => (await membersOf(a)).find((m) => m.account.remote?.actor === paulOnA());
/** A's row for that association, straight from A's database. */
const rowOnA = (a: Association) => bed.a.query(`select status, reason, function from remote_memberships where group_iri = '${groupOf(a)}'`)[0] as { status: string; reason: string | null; function: string | null } | undefined;
/** B's membership of A's Person, straight from B's database. */
const rowOnB = (a: Association) =>
  bed.b.query(`select m.status, m.function, ac.status as account_status, ac.email from memberships m join accounts ac on ac.id = m.account_id where m.association_id = '${a.id}' and ac.remote_iri = '${paulOnA()}'`)[0] as
    { status: string; function: string; account_status: string; email: string | null } | undefined;

async function join(a: Association): Promise<RemoteMembership> {
  const found = await paul.client.json<{ id: string }>('GET', `/api/v1/federation/lookup?q=${encodeURIComponent(`@${a.handle}@${bed.b.host}`)}`, undefined, 200);
  expect(found.id).toBe(groupOf(a));
  const row = await paul.client.json<RemoteMembership>('POST', '/api/v1/federation/memberships', { actor: found.id }, 201);
  expect(row).toMatchObject({ actor: groupOf(a), status: 'pending', name: a.name });
  return row;
}

describe('a volunteer on A joins associations of B', () => {
  it('joins an open association: active on both sides, a remote account on B that has no email', async () => {
    await join(open);
    await pollUntil(async () => (await mineIn(open))?.status === 'active', { what: 'the Accept on A', timeoutMs: 60_000 });
    const onB = await remoteMemberOf(open);
    expect(onB).toMatchObject({ status: 'active', account: { displayName: expect.stringContaining('Paul'), handle: expect.stringContaining(`@${bed.a.host}`) } });
    expect(rowOnA(open)).toMatchObject({ status: 'active', reason: null });
    expect(rowOnB(open)).toMatchObject({ status: 'active', account_status: 'remote', email: null });
  }, 120_000);

  it('B changes the function: Update{Membership} reaches A', async () => {
    const member = (await remoteMemberOf(open))!;
    await marie.client.json('PATCH', `/api/v1/associations/${open.id}/members/${member.id}`, { function: 'governance' }, 200);
    await pollUntil(async () => (await mineIn(open))?.function === 'governance', { what: 'the function on A', timeoutMs: 60_000 });
    expect(rowOnA(open)?.function).toBe('governance');
    expect(rowOnB(open)?.function).toBe('governance');
  }, 90_000);

  it('joins a moderated one: pending on both sides; refused with a reason; asks again and is accepted', async () => {
    await join(moderated);
    await pollUntil(async () => (await remoteMemberOf(moderated))?.status === 'pending', { what: 'the pending request on B', timeoutMs: 60_000 });
    expect((await mineIn(moderated))?.status).toBe('pending');
    expect(rowOnA(moderated)?.status).toBe('pending');

    const pending = (await remoteMemberOf(moderated))!;
    const refused = await marie.client.request('DELETE', `/api/v1/associations/${moderated.id}/members/${pending.id}?reason=${encodeURIComponent('Réservé aux habitants du quartier')}`);
    expect(refused.status).toBe(204);
    const rejected = await pollUntil(async () => ((await mineIn(moderated))?.status === 'rejected' ? mineIn(moderated) : undefined), { what: 'the Reject on A', timeoutMs: 60_000 });
    expect(rejected?.reason).toBe('Réservé aux habitants du quartier');
    expect(rowOnB(moderated)).toBeUndefined();

    await join(moderated);
    const again = await pollUntil(async () => remoteMemberOf(moderated), { what: 'the new request on B', timeoutMs: 60_000 });
    expect(again.status).toBe('pending');
    await marie.client.json('POST', `/api/v1/associations/${moderated.id}/members/${again.id}/approval`, undefined, 200);
    await pollUntil(async () => (await mineIn(moderated))?.status === 'active', { what: 'the Accept on A', timeoutMs: 60_000 });
    expect(rowOnA(moderated)).toMatchObject({ status: 'active', reason: null });
    expect(rowOnB(moderated)?.status).toBe('active');
  }, 180_000);

  it('members-only news of B reach the member on A, and only them', async () => {
    const base = `/api/v1/associations/${moderated.id}/news`;
    const item = await marie.client.json<{ id: string }>('POST', base, { title: 'Code du local', text: 'Le code du cadenas est 4321.', visibility: 'members' }, 201);
    const noteId = `${bed.b.origin}/ap/news/${item.id}`;
    const newsOnA = async () => (await paul.client.json<{ items: { id: string; title: string; text: string }[] }>('GET', '/api/v1/federation/following/news', undefined, 200)).items;
    const received = await pollUntil(async () => (await newsOnA()).find((n) => n.id === noteId), { what: 'the members-only news on A', timeoutMs: 60_000 });
    expect(received).toMatchObject({ title: 'Code du local', text: 'Le code du cadenas est 4321.' });
    expect(bed.a.query(`select audience from remote_news where iri = '${noteId}'`)).toEqual([{ audience: 'members' }]);
    expect((await marie.client.request('DELETE', `${base}/${item.id}`)).status).toBe(204);
    await pollUntil(async () => !(await newsOnA()).some((n) => n.id === noteId), { what: 'the deletion on A', timeoutMs: 60_000 });
  }, 120_000);

  it('leaves the open association: Leave, and both sides agree', async () => {
    const row = (await mineIn(open))!;
    expect((await paul.client.request('DELETE', `/api/v1/federation/memberships/${row.id}`)).status).toBe(204);
    expect(await mineIn(open)).toBeUndefined();
    await pollUntil(async () => (await remoteMemberOf(open)) === undefined, { what: 'the Leave on B', timeoutMs: 60_000 });
    expect(rowOnA(open)).toBeUndefined();
    expect(rowOnB(open)).toBeUndefined();
  }, 90_000);

  it('B removes the member of the moderated association: A shows it removed', async () => {
    const member = (await remoteMemberOf(moderated))!;
    expect((await marie.client.request('DELETE', `/api/v1/associations/${moderated.id}/members/${member.id}`)).status).toBe(204);
    await pollUntil(async () => (await mineIn(moderated))?.status === 'removed', { what: 'the Remove on A', timeoutMs: 60_000 });
    expect(rowOnA(moderated)?.status).toBe('removed');
    expect(rowOnB(moderated)).toBeUndefined();
  }, 90_000);
});
