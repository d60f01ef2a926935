/**
 * Closing the migration at the origin (spec §A11), against a small stub Bénévalibre over
 * https: a self-signed certificate made with openssl in a temporary directory, trusted by
 * passing its CA to a node:https-based fetch (no global trust change).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loggedIn, type TestApp } from '../testing/test-app.ts';
import { benevalibreFile, FILE_TOKEN, UNKNOWN_DEFAULTS } from './archive.fixtures.ts';
import { closeOrigin, type OriginFetch } from './origin.ts';
import { importService } from './import.service.ts';

const MAPPINGS = { [UNKNOWN_DEFAULTS[0]!]: 'animation', [UNKNOWN_DEFAULTS[1]!]: 'gouvernance' };

describe('closing the migration at the origin', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bv-origin-'));
  let server: Server;
  let endpoint = '';
  let ca: Buffer;
  let done = false;
  const posted: Record<string, string>[] = [];

  /** fetch over node:https trusting only the test's certificate. */
  const trustingFetch: OriginFetch = (url, init) =>
    new Promise((resolve, reject) => {
      const body = init.body instanceof URLSearchParams ? init.body.toString() : undefined;
      const req = request(url, { method: init.method ?? 'GET', ca, headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 500 })));
      });
      req.on('error', reject);
      init.signal?.addEventListener('abort', () => req.destroy(new Error('timeout')));
      req.end(body);
    });

  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    ca = readFileSync(path.join(dir, 'cert.pem'));
    server = createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: ca }, (req, res) => {
      if (req.url !== '/api/v1/associations/42/migrate') return void res.writeHead(404).end();
      if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ is_done: done, destination_url: null }));
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(text));
        if (form.token !== FILE_TOKEN) return void res.writeHead(404).end();
        if (done) return void res.writeHead(410).end();
        done = true;
        posted.push(form);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/associations/42/migrate`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks the migration is open, imports, then tells the origin the new address', async () => {
    const t: TestApp = await createTestApp();
    try {
      await loggedIn(t, 'marie@exemple.fr');
      const marie = await t.db.selectFrom('accounts').select('id').where('email', '=', 'marie@exemple.fr').executeTakeFirstOrThrow();
      // The app's worker would use the global fetch: this test runs the job itself with the trusting one.
      await t.services.jobs.stop();
      const imports = importService({ db: t.db, clock: t.clock, origin: t.config.origin, settings: t.services.settings, fetch: trustingFetch });
      const started = await imports.start({ accountId: marie.id, label: 'Marie Curie' }, benevalibreFile({ actions: 20, endpoint }), { mappings: MAPPINGS });
      await imports.runJob(started.importId);
      const result = (await imports.view(started.importId, { accountId: marie.id, isAdmin: false }))!;
      expect(result).toMatchObject({ status: 'done', progress: 1, report: { origin: 'closed' } });
      expect(posted).toEqual([{ token: FILE_TOKEN, destination_url: `${t.config.origin}/associations/${result.associationId}` }]);
      expect(await closeOrigin.check(endpoint, trustingFetch)).toBe('already_done');
      await imports.runJob(started.importId); // a second run tells the origin nothing more
      expect(posted).toHaveLength(1);
      // A worker that died after the write but before telling the origin: the next run only tells it.
      const stored = await t.db.selectFrom('imports').select('report').where('id', '=', started.importId).executeTakeFirstOrThrow();
      await t.db.updateTable('imports').set({ progress_done: 3, report: JSON.stringify({ ...JSON.parse(stored.report), origin: 'open' }) }).where('id', '=', started.importId).execute();
      expect((await imports.view(started.importId, { accountId: marie.id, isAdmin: false }))!.status).toBe('running');
      await imports.runJob(started.importId);
      expect(await imports.view(started.importId, { accountId: marie.id, isAdmin: false })).toMatchObject({ status: 'done', progress: 1, report: { origin: 'already_done' } });
      expect(await t.db.selectFrom('associations').select('id').execute()).toHaveLength(1);
    } finally {
      await t.services.jobs.stop();
    }
  });

  it('never trusts an unknown certificate, refuses plain http, and says when the origin is unreachable', async () => {
    expect(await closeOrigin.check(endpoint)).toBe('unreachable'); // the global fetch does not trust the self-signed certificate
    expect(await closeOrigin.check(endpoint.replace('https:', 'http:'), trustingFetch)).toBe('not_https');
    expect(await closeOrigin.check('https://127.0.0.1:1/migrate', trustingFetch)).toBe('unreachable');
    expect(await closeOrigin.close('https://127.0.0.1:1/migrate', FILE_TOKEN, 'https://x', trustingFetch)).toBe('unreachable');
    expect(await closeOrigin.check(endpoint.replace('/42/', '/43/'), trustingFetch)).toBe('refused');
  });
});
