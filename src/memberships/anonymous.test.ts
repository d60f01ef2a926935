/**
 * Anonymous members and their link (spec §A3): the link opens a session that ends with
 * the browser and sees only its association; expired, inactive, replaced or unknown links
 * are refused; a logged-in person must log out first; CSRF applies as for accounts.
 */
import { describe, expect, it } from 'vitest';
import { DAY } from '../lib/clock.ts';
import { hashToken } from '../lib/secrets.ts';
import { Browser, ORIGIN, createTestApp, problemOf, type TestApp } from '../testing/test-app.ts';
import { auditService } from '../audit/audit.service.ts';
import { account, anonymousBrowser, association, type TestAccount, type TestAssociation } from './testing.ts';

interface Created {
  anonymousMember: { id: string; name: string; expiresOn: string | null; isActive: boolean; lastVisitAt: string | null };
  link: string;
}

async function world(options: { timeZone?: string } = {}, env?: Record<string, string>): Promise<{ t: TestApp; manager: TestAccount; a: TestAssociation; created: Created }> {
  const t = await createTestApp(env ? { env } : {});
  const manager = await account(t, 'responsable@exemple.fr');
  const a = await association(t, 'Club de voile', { creatorId: manager.id, ...options });
  const res = await manager.browser.request('POST', `/api/v1/associations/${a.id}/anonymous-members`, { name: '  Léo ', expiresOn: '2026-12-31' });
  expect(res.status).toBe(201);
  return { t, manager, a, created: (await res.json()) as Created };
}

const sessionCount = async (t: TestApp) =>
  Number((await t.db.selectFrom('anonymous_sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function refusedLink(t: TestApp, link: string): Promise<void> {
  const before = await sessionCount(t);
  const { res, browser } = await anonymousBrowser(t, link);
  expect(res.status).toBe(403);
  expect((await problemOf(res)).code).toBe('anonymous_link_invalid');
  expect(browser.cookie).toBe('');
  expect(await sessionCount(t)).toBe(before);
}

describe('anonymous members', () => {
  it('are created with a link shown once; only its hash is stored, never audited', async () => {
    const { t, a, created } = await world();
    expect(created.anonymousMember).toMatchObject({ name: 'Léo', expiresOn: '2026-12-31', isActive: true, lastVisitAt: null });
    expect(created.link).toMatch(new RegExp(`^${ORIGIN}/acces\\?cle=[A-Za-z0-9_-]{43}$`));
    const key = new URL(created.link).searchParams.get('cle')!;
    const row = await t.db.selectFrom('anonymous_members').selectAll().where('id', '=', created.anonymousMember.id).executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(hashToken(key));
    const audit = await t.db.selectFrom('audit_log').selectAll().where('association_id', '=', a.id).execute();
    expect(audit.map((e) => e.action)).toEqual(['anonymous_member.create']);
    expect(JSON.stringify(audit)).not.toContain(key);
  });

  it('the link opens a browser-session cookie, records the visit, and sees only its association', async () => {
    const { t, a, created } = await world();
    t.clock.advance(60_000);
    const { browser, res } = await anonymousBrowser(t, created.link);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^bv_anon=bva_[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
    const body = (await res.json()) as { anonymousMember: unknown; association: Record<string, unknown>; csrfToken: string };
    expect(body.anonymousMember).toEqual({ id: created.anonymousMember.id, name: 'Léo' });
    expect(body.association).toMatchObject({ id: a.id, handle: a.handle, name: 'Club de voile', isActive: true, memberCount: 1, activityField: { code: '2.1' } });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const row = await t.db.selectFrom('anonymous_members').select('last_visit_at').where('id', '=', created.anonymousMember.id).executeTakeFirstOrThrow();
    expect(row.last_visit_at).toBe(t.clock.now().toISOString());

    const again = await browser.request('GET', '/api/v1/anonymous-session');
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(body);

    // Nothing else: not the member list of its own association, nor anything of another, nor an account's pages.
    const other = await association(t, 'Chorale');
    expect((await browser.request('GET', `/api/v1/associations/${other.id}/members`)).status).toBe(403);
    expect((await browser.request('GET', `/api/v1/associations/${a.id}/members`)).status).toBe(403);
    expect((await browser.request('POST', `/api/v1/associations/${other.id}/membership`)).status).toBe(403);
    expect((await browser.request('GET', '/api/v1/me')).status).toBe(401);
    expect((await new Browser(t).request('GET', '/api/v1/anonymous-session')).status).toBe(401);
  });

  it('over https the cookie is __Host- bound and Secure, still without expiry', async () => {
    const { t, created } = await world({}, { BV_ORIGIN: 'https://benevalibre.example' });
    const { browser, res } = await anonymousBrowser(t, created.link);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('Set-Cookie')!;
    expect(cookie).toMatch(/^__Host-bv_anon=bva_[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect((await browser.request('GET', '/api/v1/anonymous-session')).status).toBe(200);
    const plain = browser.cookie.replace('__Host-', '');
    expect((await t.app.request('/api/v1/anonymous-session', { headers: { Cookie: plain } })).status).toBe(401);
    const out = await browser.request('DELETE', '/api/v1/anonymous-session');
    expect(out.headers.get('Set-Cookie')).toMatch(/^__Host-bv_anon=;.*Max-Age=0.*Secure/);
  });

  it('needs the CSRF token to change anything, and logging out ends the session', async () => {
    const { t, created } = await world();
    const { browser } = await anonymousBrowser(t, created.link);
    const token = browser.csrfToken;
    browser.csrfToken = 'faux';
    const forged = await browser.request('DELETE', '/api/v1/anonymous-session');
    expect(forged.status).toBe(403);
    expect((await problemOf(forged)).code).toBe('csrf_failed');
    expect(await sessionCount(t)).toBe(1);
    browser.csrfToken = token;
    const out = await browser.request('DELETE', '/api/v1/anonymous-session');
    expect(out.status).toBe(204);
    expect(out.headers.get('Set-Cookie')).toMatch(/^bv_anon=;.*Max-Age=0/);
    expect(await sessionCount(t)).toBe(0);
  });

  it('a logged-in person is asked to log out first (409), and no session opens', async () => {
    const { t, manager, created } = await world();
    const key = new URL(created.link).searchParams.get('cle');
    const res = await manager.browser.request('POST', '/api/v1/anonymous-session', { key });
    expect(res.status).toBe(409);
    expect((await problemOf(res)).code).toBe('logout_first');
    expect(res.headers.get('Set-Cookie')).toBeNull();
    expect(await sessionCount(t)).toBe(0);
  });

  it('an expired link is refused — « today » being the association’s', async () => {
    // 2026-11-27T10:00Z is already the 28th in Kiritimati (UTC+14).
    const { t, manager, a, created } = await world({ timeZone: 'Pacific/Kiritimati' });
    const { browser } = await anonymousBrowser(t, created.link);
    await t.db.updateTable('anonymous_members').set({ expires_on: '2026-11-27' }).execute();
    await refusedLink(t, created.link);
    expect((await browser.request('GET', '/api/v1/anonymous-session')).status).toBe(401);

    const paris = await association(t, 'Chorale', { creatorId: manager.id });
    const made = await manager.browser.request('POST', `/api/v1/associations/${paris.id}/anonymous-members`, { name: 'Lou', expiresOn: '2026-11-27' });
    expect(made.status).toBe(201);
    expect((await anonymousBrowser(t, ((await made.json()) as Created).link)).res.status).toBe(200);
    // A past expiry date is refused at creation, in the association's own calendar.
    const past = await manager.browser.request('POST', `/api/v1/associations/${a.id}/anonymous-members`, { name: 'Lou', expiresOn: '2026-11-27' });
    expect(past.status).toBe(422);
    expect((await problemOf(past)).errors).toEqual([expect.objectContaining({ field: 'expiresOn', code: 'anonymous_expiry_past' })]);
  });

  it('deactivating the member ends its sessions and refuses its link', async () => {
    const { t, manager, a, created } = await world();
    const { browser } = await anonymousBrowser(t, created.link);
    const res = await manager.browser.request('PATCH', `/api/v1/associations/${a.id}/anonymous-members/${created.anonymousMember.id}`, { isActive: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ isActive: false });
    expect((await browser.request('GET', '/api/v1/anonymous-session')).status).toBe(401);
    await refusedLink(t, created.link);
    const [entry] = await auditService(t.db, t.clock).list({ associationId: a.id });
    expect(entry).toMatchObject({ action: 'anonymous_member.update', changes: { is_active: [1, 0] } });
  });

  it('a new link replaces the old one, which stops working along with its sessions', async () => {
    const { t, manager, a, created } = await world();
    const { browser } = await anonymousBrowser(t, created.link);
    const res = await manager.browser.request('POST', `/api/v1/associations/${a.id}/anonymous-members/${created.anonymousMember.id}/link`);
    expect(res.status).toBe(200);
    const { link } = (await res.json()) as { link: string };
    expect(link).not.toBe(created.link);
    expect((await browser.request('GET', '/api/v1/anonymous-session')).status).toBe(401);
    await refusedLink(t, created.link);
    expect((await anonymousBrowser(t, link)).res.status).toBe(200);
  });

  it('unknown keys, inactive associations and deleted members are refused; sessions end after a day', async () => {
    const { t, manager, a, created } = await world();
    await refusedLink(t, `${ORIGIN}/acces?cle=inconnue`);
    const { browser } = await anonymousBrowser(t, created.link);
    t.clock.advance(DAY + 1000);
    expect((await browser.request('GET', '/api/v1/anonymous-session')).status).toBe(401);

    await t.db.updateTable('associations').set({ is_active: 0 }).where('id', '=', a.id).execute();
    await refusedLink(t, created.link);
    await t.db.updateTable('associations').set({ is_active: 1 }).where('id', '=', a.id).execute();

    const second = await anonymousBrowser(t, created.link);
    expect(second.res.status).toBe(200);
    expect((await manager.browser.request('DELETE', `/api/v1/associations/${a.id}/anonymous-members/${created.anonymousMember.id}`)).status).toBe(204);
    expect((await second.browser.request('GET', '/api/v1/anonymous-session')).status).toBe(401);
    await refusedLink(t, created.link);
  });

  it('lists them by name for member managers; edits name and expiry', async () => {
    const { manager, a, created } = await world();
    await manager.browser.request('POST', `/api/v1/associations/${a.id}/anonymous-members`, { name: 'Anaïs', isActive: false });
    const list = await manager.browser.request('GET', `/api/v1/associations/${a.id}/anonymous-members`);
    expect(((await list.json()) as { items: { name: string; isActive: boolean }[] }).items).toEqual([
      expect.objectContaining({ name: 'Anaïs', isActive: false }),
      expect.objectContaining({ name: 'Léo', isActive: true }),
    ]);
    const res = await manager.browser.request('PATCH', `/api/v1/associations/${a.id}/anonymous-members/${created.anonymousMember.id}`, { name: 'Léonie', expiresOn: null });
    expect(await res.json()).toMatchObject({ name: 'Léonie', expiresOn: null });
  });
});
