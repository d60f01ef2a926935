/** Error answers (problem+json in French or English), size limits, health, and the API documents. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, PASSWORD, countRows, createTestApp, errorOn, fieldsOf, problemOf, type TestApp } from '../testing/test-app.ts';

const registration = { email: 'marie@exemple.fr', password: PASSWORD, pseudo: 'mc', acceptTerms: true, ageConfirmation: true };

function post(t: TestApp, path: string, body: string, headers: Record<string, string> = {}) {
  return t.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
}

describe('not found and wrong method', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('answers 404 problem+json for an unknown API path, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const res = await t.app.request('/api/v1/nowhere', { method, headers: { Accept: 'text/html' } });
      expect(res.status, method).toBe(404);
      const p = await problemOf(res);
      expect(p).toMatchObject({ status: 404, code: 'not_found', title: 'Page ou ressource introuvable.' });
      expect(p.instance).toMatch(/^urn:request:/);
    }
    const en = await t.app.request('/api/v2/accounts', { headers: { 'Accept-Language': 'en-GB,en;q=0.8' } });
    expect((await problemOf(en)).title).toBe('Page or resource not found.');
  });

  it('a ?lang= of the site’s own choice wins over the browser’s Accept-Language (download links)', async () => {
    const fr = { 'Accept-Language': 'fr-FR,fr;q=0.9' };
    expect((await problemOf(await t.app.request('/api/v1/nowhere?lang=en', { headers: fr }))).title).toBe('Page or resource not found.');
    expect((await problemOf(await t.app.request('/api/v1/nowhere?lang=fr', { headers: { 'Accept-Language': 'en' } }))).title).toBe('Page ou ressource introuvable.');
    // Anything else is ignored.
    expect((await problemOf(await t.app.request('/api/v1/nowhere?lang=de', { headers: fr }))).title).toBe('Page ou ressource introuvable.');
  });

  it('answers 404 for a non-HTML request outside the API, and the page shell for HTML', async () => {
    expect((await problemOf(await t.app.request('/nulle-part', { headers: { Accept: 'application/json' } }))).status).toBe(404);
    expect((await t.app.request('/.well-known/nothing', { headers: { Accept: 'text/html' } })).status).toBe(404);
    const page = await t.app.request('/mon-compte', { headers: { Accept: 'text/html', 'Accept-Language': 'en' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html lang="en">');
  });

  it.each([
    ['PUT', '/api/v1/accounts', 'POST'],
    ['GET', '/api/v1/me/password', 'POST'],
    ['DELETE', '/api/v1/me/deletion', 'POST'],
    ['POST', '/api/v1/me', 'GET, PATCH'],
    ['PATCH', '/api/v1/session', 'POST, GET, DELETE'],
    ['POST', '/api/v1/accounts/0190a/avatar', 'GET'],
    ['POST', '/api/v1/instance', 'GET'],
    ['DELETE', '/health', 'GET'],
  ])('answers 405 with Allow for %s %s', async (method, path, allow) => {
    const res = await t.app.request(path, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('Allow')?.split(', ').sort()).toEqual(allow.split(', ').sort());
    expect((await problemOf(res)).code).toBe('method_not_allowed');
  });
});

describe('request bodies', () => {
  it('refuses a body over 1 MB with 413 and saves nothing', async () => {
    const t = await createTestApp();
    const big = JSON.stringify({ ...registration, firstName: 'x'.repeat(1024 * 1024) });
    const res = await post(t, '/api/v1/accounts', big);
    expect(res.status).toBe(413);
    expect((await problemOf(res)).code).toBe('payload_too_large');
    expect(await countRows(t, 'accounts')).toBe(0);
  });

  it('refuses malformed JSON with a 4xx problem naming the body, never a 500', async () => {
    const t = await createTestApp();
    for (const body of ['{"email": "marie@exemple.fr",', 'not json', '']) {
      const res = await post(t, '/api/v1/accounts', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(await problemOf(res))).toEqual(['body']);
    }
    const broken = await problemOf(await post(t, '/api/v1/session', '{"email":'));
    expect(fieldsOf(broken)).toEqual(['body']);
    expect(await countRows(t, 'accounts')).toBe(0);
  });

  it('refuses JSON that is not an object, naming the body', async () => {
    const t = await createTestApp();
    for (const body of ['[]', '"marie@exemple.fr"', '42', 'null']) {
      const res = await post(t, '/api/v1/password-reset', body);
      expect(res.status, body).toBe(422);
      expect(fieldsOf(await problemOf(res))).toEqual(['body']);
    }
  });

  it('does not read a body sent as a form or as plain text', async () => {
    const t = await createTestApp();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await post(t, '/api/v1/accounts', JSON.stringify(registration), { 'Content-Type': type });
      expect(res.status, type).toBe(415);
      expect((await problemOf(res)).code).toBe('unsupported_media_type');
    }
    expect(await countRows(t, 'accounts')).toBe(0);
  });

  it('names every bad field at once, in French by default and in English on request', async () => {
    const t = await createTestApp();
    const body = { email: 'x', password: 'court', firstName: 'y'.repeat(31), language: 'it', acceptTerms: true, ageConfirmation: true };
    const fr = await problemOf(await new Browser(t).request('POST', '/api/v1/accounts', body));
    expect(fieldsOf(fr).sort()).toEqual(['email', 'firstName', 'language', 'password']);
    expect(errorOn(fr, 'email').message).toBe('Adresse e-mail non valable.');
    expect(errorOn(fr, 'password').message).toBe('Au moins 8 caractères.');
    expect(errorOn(fr, 'firstName').message).toBe('30 caractères au maximum.');
    const en = await problemOf(await new Browser(t, 'en').request('POST', '/api/v1/accounts', body));
    expect(errorOn(en, 'email').message).toBe('Invalid email address.');
    expect(errorOn(en, 'password').message).toBe('At least 8 characters.');
    expect(errorOn(en, 'firstName').message).toBe('30 characters at most.');
    expect(errorOn(en, 'language').message).toBe('Choose one of the offered values.');
    expect(en.type).toBe('/api/problems/validation-failed');
    expect(await countRows(t, 'accounts')).toBe(0);
  });
});

describe('health and documentation', () => {
  it('/health says the database answers', async () => {
    const t = await createTestApp();
    const res = await t.app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('/health says 503 when the database is gone', async () => {
    const t = await createTestApp();
    t.database.sqlite.close();
    const res = await t.app.request('/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'degraded', database: 'unreachable' });
  });

  it('publishes an OpenAPI 3.1 document with every account path', async () => {
    const t = await createTestApp();
    const res = await t.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]?.url).toBe('http://localhost:3000/api/v1');
    const expected: Record<string, string[]> = {
      '/accounts': ['post'],
      '/accounts/activation': ['post'],
      '/accounts/activation/resend': ['post'],
      '/session': ['post', 'get', 'delete'],
      '/password-reset': ['post'],
      '/password-reset/confirm': ['post'],
      '/me': ['get', 'patch'],
      '/me/avatar': ['put', 'delete'],
      '/accounts/{id}/avatar': ['get'],
      '/me/password': ['post'],
      '/me/email': ['post'],
      '/me/email/confirm': ['post'],
      '/me/deletion': ['post'],
      '/sessions': ['get'],
      '/sessions/{id}': ['delete'],
      '/sessions/revoke-others': ['post'],
      '/me/tokens': ['get', 'post'],
      '/me/tokens/{id}': ['delete'],
      '/instance': ['get'],
    };
    for (const [path, methods] of Object.entries(expected)) {
      expect(Object.keys(doc.paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
    }
  });

  it('/api/docs is a readable HTML page without inline script', async () => {
    const t = await createTestApp();
    const res = await t.app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<code class="api-method">POST</code> <code>/accounts</code>');
    expect(html).toContain('/api/openapi.json');
    expect(html).not.toMatch(/<script/);
  });
});
