/** Profile editing (names, theme, language) and the avatar (checked by its bytes, ≤ 512 KB). */
import { beforeAll, describe, expect, it } from 'vitest';
import { AVATAR_MAX_BYTES } from './account.service.ts';
import { accountRow, countRows, createTestApp, errorOn, fieldsOf, loggedIn, problemOf, type Browser, type TestApp } from '../testing/test-app.ts';

interface AccountJson {
  id: string;
  firstName: string | null;
  lastName: string | null;
  pseudo: string | null;
  displayName: string;
  initials: string;
  avatarColor: number;
  avatarUrl: string | null;
  theme: string;
  language: string;
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const WEBP = Uint8Array.from([...new TextEncoder().encode('RIFF'), 0x24, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 '), 0, 0]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const GIF = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000');

function padded(head: Uint8Array, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(head);
  return bytes;
}

describe('profile', () => {
  it('shows the account with display name, initials and a colour from the creation time', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const res = await b.request('GET', '/api/v1/me');
    expect(res.status).toBe(200);
    const me = (await res.json()) as AccountJson;
    expect(me).toMatchObject({ firstName: 'Marie', lastName: 'Curie', pseudo: null, displayName: 'Marie Curie', initials: 'MC', avatarUrl: null, theme: 'auto', language: 'fr' });
    expect(me.avatarColor).toBeGreaterThanOrEqual(0);
    expect(me.avatarColor).toBeLessThan(8);
    expect(JSON.stringify(me)).not.toMatch(/password|argon2/i);
  });

  it('edits names, theme and language; null clears a name; omitted fields stay', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const res = await b.request('PATCH', '/api/v1/me', { pseudo: '  Mimi ', theme: 'dark', language: 'en' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ pseudo: 'Mimi', displayName: 'Marie Curie (Mimi)', theme: 'dark', language: 'en' });

    const cleared = await b.request('PATCH', '/api/v1/me', { firstName: null, lastName: '' });
    expect(await cleared.json()).toMatchObject({ firstName: null, lastName: null, pseudo: 'Mimi', displayName: 'Mimi', initials: 'M', theme: 'dark' });
    expect(await accountRow(t, 'marie@exemple.fr')).toMatchObject({ first_name: null, last_name: null, pseudo: 'Mimi', theme: 'dark', language: 'en' });
  });

  it('answers in the account language when the browser states none', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    await b.request('PATCH', '/api/v1/me', { language: 'en' });
    b.lang = '';
    const res = await b.request('PATCH', '/api/v1/me', { theme: 'blue' });
    expect(res.headers.get('Content-Language')).toBe('en');
    expect(errorOn(await problemOf(res), 'theme').message).toBe('Choose one of the offered values.');
  });

  it('refuses to leave no name at all, naming the three fields', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const res = await b.request('PATCH', '/api/v1/me', { firstName: ' ', lastName: null });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p)).toEqual(['firstName', 'lastName', 'pseudo']);
    expect(p.errors?.map((e) => e.code)).toEqual(['name_required', 'name_required', 'name_required']);
    expect(await accountRow(t, 'marie@exemple.fr')).toMatchObject({ first_name: 'Marie', last_name: 'Curie' });
  });

  const bad: [Record<string, unknown>, string, string][] = [
    [{ firstName: 'x'.repeat(31) }, 'firstName', 'too_long'],
    [{ lastName: 'x'.repeat(51) }, 'lastName', 'too_long'],
    [{ pseudo: 'x'.repeat(31) }, 'pseudo', 'too_long'],
    [{ pseudo: 7 }, 'pseudo', 'invalid'],
    [{ theme: 'blue' }, 'theme', 'invalid_choice'],
    [{ theme: null }, 'theme', 'invalid_choice'],
    [{ language: 'es' }, 'language', 'invalid_choice'],
  ];
  describe('bad input', () => {
    let t: TestApp;
    let b: Browser;
    beforeAll(async () => {
      t = await createTestApp();
      b = await loggedIn(t);
    });
    it.each(bad)('refuses %j naming the field and changes nothing', async (body, field, code) => {
    const res = await b.request('PATCH', '/api/v1/me', { firstName: 'Changé', ...body });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(fieldsOf(p)).toEqual([field]);
    expect(errorOn(p, field).code).toBe(code);
    expect(await accountRow(t, 'marie@exemple.fr')).toMatchObject({ first_name: 'Marie', theme: 'auto', language: 'fr' });
    });
  });

  it('needs to be logged in', async () => {
    const t = await createTestApp();
    const res = await t.app.request('/api/v1/me');
    expect(res.status).toBe(401);
    expect((await problemOf(res)).title).toBe('Veuillez vous connecter.');
  });
});

describe('avatar', () => {
  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['WebP', WEBP, 'image/webp'],
  ] as const)('accepts a %s recognised by its bytes and serves it back', async (_name, bytes, mime) => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    // The declared type does not matter: the bytes decide.
    const res = await b.request('PUT', '/api/v1/me/avatar', bytes, { 'Content-Type': 'application/octet-stream' });
    expect(res.status).toBe(200);
    const me = (await res.json()) as AccountJson;
    expect(me.avatarUrl).toMatch(new RegExp(`^/api/v1/accounts/${me.id}/avatar\\?v=`));

    const img = await t.app.request(me.avatarUrl!);
    expect(img.status).toBe(200);
    expect(img.headers.get('Content-Type')).toBe(mime);
    expect(img.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(bytes);
  });

  it('accepts an image of exactly 512 KB and replaces the previous one', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    await b.request('PUT', '/api/v1/me/avatar', PNG, { 'Content-Type': 'image/png' });
    const res = await b.request('PUT', '/api/v1/me/avatar', padded(JPEG, AVATAR_MAX_BYTES), { 'Content-Type': 'image/jpeg' });
    expect(res.status).toBe(200);
    expect(await countRows(t, 'avatars')).toBe(1);
    const row = await t.db.selectFrom('avatars').select(['mime', 'data']).executeTakeFirstOrThrow();
    expect(row.mime).toBe('image/jpeg');
    expect(row.data.byteLength).toBe(AVATAR_MAX_BYTES);
  });

  it.each([
    ['SVG (scripts)', SVG, 'image/svg+xml'],
    ['GIF', GIF, 'image/png'],
    ['text disguised as PNG', new TextEncoder().encode('bonjour tout le monde'), 'image/png'],
    ['empty body', new Uint8Array(0), 'image/webp'],
  ] as const)('refuses %s with 422 on the avatar field', async (_name, bytes, type) => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const res = await b.request('PUT', '/api/v1/me/avatar', bytes, { 'Content-Type': type });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(errorOn(p, 'avatar')).toMatchObject({ code: 'avatar_type', message: 'Image PNG, JPEG ou WebP uniquement.' });
    expect(await countRows(t, 'avatars')).toBe(0);
  });

  it('refuses an image over 512 KB and keeps the previous one', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    await b.request('PUT', '/api/v1/me/avatar', PNG, { 'Content-Type': 'image/png' });
    const res = await b.request('PUT', '/api/v1/me/avatar', padded(PNG, AVATAR_MAX_BYTES + 1), { 'Content-Type': 'image/png' });
    expect([413, 422]).toContain(res.status);
    const p = await problemOf(res);
    expect(errorOn(p, 'avatar')).toMatchObject({ code: 'avatar_size', message: 'Image trop lourde (512 Ko au maximum).' });
    const row = await t.db.selectFrom('avatars').select('data').executeTakeFirstOrThrow();
    expect(row.data.byteLength).toBe(PNG.byteLength);
  });

  it('refuses a body over the 1 MB limit with 413', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const res = await b.request('PUT', '/api/v1/me/avatar', padded(PNG, 1024 * 1024 + 1), { 'Content-Type': 'image/png' });
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe('payload_too_large');
    expect(await countRows(t, 'avatars')).toBe(0);
  });

  it('removes the avatar: initials again, and the image is gone', async () => {
    const t = await createTestApp();
    const b = await loggedIn(t);
    const set = (await (await b.request('PUT', '/api/v1/me/avatar', WEBP, { 'Content-Type': 'image/webp' })).json()) as AccountJson;
    const res = await b.request('DELETE', '/api/v1/me/avatar');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ avatarUrl: null, initials: 'MC' });
    const img = await t.app.request(set.avatarUrl!);
    expect(img.status).toBe(404);
    expect((await problemOf(img)).code).toBe('not_found');
  });

  it('needs a session and its CSRF token to change', async () => {
    const t = await createTestApp();
    const anonymous = await t.app.request('/api/v1/me/avatar', { method: 'PUT', body: PNG, headers: { 'Content-Type': 'image/png' } });
    expect(anonymous.status).toBe(401);
    const b = await loggedIn(t);
    b.csrfToken = '';
    const forged = await b.request('PUT', '/api/v1/me/avatar', PNG, { 'Content-Type': 'image/png' });
    expect(forged.status).toBe(403);
    expect(await countRows(t, 'avatars')).toBe(0);
  });
});
