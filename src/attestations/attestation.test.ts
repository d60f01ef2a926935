/**
 * Attestations end to end over HTTP: a volunteer asks for theirs; the PDF renders and
 * carries the JWS; the JWS verifies with jose alone against the association's JWKS as
 * served; a tampered one fails; managers issue and revoke (with a reason) and the public
 * verification reports it; codes and files are checked without an account.
 */
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { describe, expect, it } from 'vitest';
import { declare, world, type World } from '../declarations/testing.ts';
import { account } from '../memberships/testing.ts';
import { readPdfInfo } from '../pdf/pdf-kit.ts';
import { pdfText, renderPage } from '../testing/pdf-render.ts';
import { Browser, errorOn, problemOf } from '../testing/test-app.ts';
import { ATTESTATION_TYP, PDF_INFO_KEY } from './attestation.jws.ts';
import type { AttestationView } from './attestation.service.ts';
import type { VerificationView } from './attestation.verify.ts';

type Verification = VerificationView & { message: string };

async function withHours(): Promise<World> {
  const w = await world();
  await declare(w.volunteer.browser, w, { date: '2026-01-10', durationMinutes: 120, categoryId: w.categories[0] });
  await declare(w.volunteer.browser, w, { date: '2026-01-20', durationMinutes: 30, categoryId: w.categories[1] });
  await declare(w.volunteer.browser, w, { date: '2026-03-05', durationMinutes: 750, categoryId: w.categories[0] });
  await declare(w.volunteer.browser, w, { date: '2025-12-31', durationMinutes: 60 }); // before the period
  return w;
}

async function requestOne(w: World, body: Record<string, unknown> = {}): Promise<AttestationView> {
  const res = await w.volunteer.browser.request('POST', '/api/v1/me/attestations', { associationId: w.a.id, from: '2026-01-01', to: '2026-12-31', ...body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as AttestationView;
}

const visitor = (w: World) => new Browser(w.t);
const verifyJson = async (w: World, body: unknown) => (await (await visitor(w).request('POST', '/api/v1/attestations/verification', body)).json()) as Verification;
const verifyFile = (w: World, bytes: Uint8Array, type: string) =>
  visitor(w).request('POST', '/api/v1/attestations/verification/file', bytes, { 'Content-Type': type });

describe('attestations', () => {
  it('a volunteer gets a signed attestation of their validated hours by month and category, as a PDF that renders', async () => {
    const w = await withHours();
    const a = await requestOne(w);
    expect(a).toMatchObject({
      kind: 'local', association: { id: w.a.id, name: 'Club de voile' }, volunteer: { accountId: w.volunteer.id, name: 'Bob Bénévole' },
      period: { from: '2026-01-01', to: '2026-12-31' }, totalMinutes: 900, revocation: null,
    });
    expect(a.code).toMatch(/^BV-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(a.verifyUrl).toBe(`http://localhost:3000/verifier?code=${a.code}`);
    expect(((await (await w.volunteer.browser.request('GET', '/api/v1/me/attestations')).json()) as { items: AttestationView[] }).items.map((x) => x.id)).toEqual([a.id]);

    const pdf = await w.volunteer.browser.request('GET', a.pdfPath!);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    expect(pdf.headers.get('Content-Disposition')).toBe(`attachment; filename="attestation-${a.code}.pdf"`);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const page = await renderPage(bytes, { png: 'test-artifacts/attestation-page1.png' });
    expect(page.inkRatio).toBeGreaterThan(0.01);
    const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
    for (const expected of ['Attestation de bénévolat', 'Bob Bénévole', 'Club de voile', 'du 1er janvier 2026 au 31 décembre 2026', '15 h', 'janvier 2026', 'mars 2026', '12 h 30', a.code, 'http://localhost:3000/verifier']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('décembre 2025');

    const jws = await (await w.volunteer.browser.request('GET', a.jwsPath!)).text();
    expect((await readPdfInfo(bytes))?.custom[PDF_INFO_KEY]).toBe(jws);

    // In English for an English reader: the printed words change, the signed JWS does not.
    w.volunteer.browser.lang = 'en';
    const english = new Uint8Array(await (await w.volunteer.browser.request('GET', a.pdfPath!)).arrayBuffer());
    const words = (await pdfText(english)).replace(/\s+/g, ' ');
    for (const expected of ['Volunteering certificate', 'Bob Bénévole', 'Club de voile', 'from 1 January 2026 to 31 December 2026', 'Approved hours', 'January 2026', 'March 2026', '12 h 30', 'Verification code', a.code, 'Checking this certificate']) {
      expect(words).toContain(expected);
    }
    expect(words).not.toContain('Attestation de bénévolat');
    expect(words).not.toContain('janvier');
    expect((await readPdfInfo(english))?.custom[PDF_INFO_KEY]).toBe(jws);
    w.volunteer.browser.lang = 'fr';
  });

  it('its JWS verifies with jose alone against the association’s JWKS as served, and a tampered one does not', async () => {
    const w = await withHours();
    const a = await requestOne(w);
    const jws = await (await w.volunteer.browser.request('GET', a.jwsPath!)).text();
    const header = decodeProtectedHeader(jws);
    const actor = `http://localhost:3000/ap/actors/${w.a.id}`;
    expect(header).toEqual({ alg: 'EdDSA', typ: ATTESTATION_TYP, kid: `${actor}#multikey-2`, jku: `${actor}/jwks.json` });
    // Anyone: fetch the JWKS named by jku, verify.
    const jwksRes = await w.t.app.request(new URL(header.jku!).pathname);
    expect(jwksRes.status).toBe(200);
    const jwks = (await jwksRes.json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(jws, createLocalJWKSet(jwks), { algorithms: ['EdDSA'], issuer: actor });
    expect(payload).toMatchObject({
      iss: actor, sub: `http://localhost:3000/ap/actors/${w.volunteer.id}`, code: a.code, type: 'BenevalibreAttestation', version: 1,
      association: { id: actor, name: 'Club de voile' }, volunteer: { name: 'Bob Bénévole' }, period: { from: '2026-01-01', to: '2026-12-31' },
      totalMinutes: 900,
    });
    expect((payload as { hours: unknown[] }).hours).toHaveLength(3);
    expect((payload as { hours: { month: string; minutes: number }[] }).hours.map((l) => [l.month, l.minutes]).sort()).toEqual([['2026-01', 120], ['2026-01', 30], ['2026-03', 750]]);

    // One more hour written into the payload, signature kept: refused by jose and by the page.
    const [h, p, s] = jws.split('.');
    const forged = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    forged['totalMinutes'] = 960;
    const tampered = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${s}`;
    await expect(jwtVerify(tampered, createLocalJWKSet(jwks))).rejects.toThrow();
    expect(await verifyJson(w, { jws: tampered })).toMatchObject({ result: 'invalid', reason: 'bad_signature', attestation: null });
    // Signed by another association's key: its kid is not under the issuer named.
    const other = await world();
    const otherJwks = (await (await other.t.app.request(`/ap/actors/${other.a.id}/jwks.json`)).json()) as JSONWebKeySet;
    await expect(jwtVerify(jws, createLocalJWKSet(otherJwks))).rejects.toThrow();
  });

  it('the public verification answers by code, by PDF and by .jws file, in French or English', async () => {
    const w = await withHours();
    const a = await requestOne(w);
    const byCode = await visitor(w).request('GET', `/api/v1/attestations/verification?code=${encodeURIComponent(a.code.toLowerCase().replaceAll('-', ' '))}`);
    expect(byCode.status).toBe(200);
    const v = (await byCode.json()) as Verification;
    expect(v).toMatchObject({
      result: 'valid', reason: null, issuedHere: true, revocation: null, evidence: null,
      message: 'Attestation valable : elle est signée par son émetteur et n’a pas été modifiée.',
      attestation: { code: a.code, kind: 'local', volunteer: { name: 'Bob Bénévole' }, association: { name: 'Club de voile' }, totalMinutes: 900 },
    });
    expect(v.attestation?.hours.map((l) => l.month)).toEqual(['2026-01', '2026-01', '2026-03']);

    const pdf = new Uint8Array(await (await w.volunteer.browser.request('GET', a.pdfPath!)).arrayBuffer());
    const byPdf = await verifyFile(w, pdf, 'application/pdf');
    expect(((await byPdf.json()) as Verification).result).toBe('valid');
    const jws = await (await w.volunteer.browser.request('GET', a.jwsPath!)).text();
    const byJws = await verifyFile(w, new TextEncoder().encode(`${jws}\n`), 'application/octet-stream');
    expect(((await byJws.json()) as Verification).attestation?.code).toBe(a.code);

    const english = new Browser(w.t, 'en');
    const en = (await (await english.request('GET', '/api/v1/attestations/verification?code=BV-0000-0000-0000')).json()) as Verification;
    expect(en).toMatchObject({ result: 'invalid', reason: 'unknown_code', message: 'No certificate has this code on this site. Check what you typed, or drop the certificate file.' });
    const badCode = await visitor(w).request('GET', '/api/v1/attestations/verification?code=hello');
    expect(errorOn(await problemOf(badCode), 'code').code).toBe('attestation_code_invalid');
    const garbage = await verifyFile(w, new TextEncoder().encode('pas une attestation'), 'application/octet-stream');
    expect(errorOn(await problemOf(garbage), 'file').code).toBe('attestation_file_unreadable');
    // A bundle's file may pass the API's 1 MiB: read (and refused for what it is), not 413.
    const big = await verifyFile(w, new Uint8Array(2 * 1024 * 1024).fill(65), 'application/octet-stream');
    expect(errorOn(await problemOf(big), 'file').code).toBe('attestation_file_unreadable');
    const otherPdf = await verifyFile(w, new TextEncoder().encode('%PDF-1.7 cassé'), 'application/pdf');
    expect((await otherPdf.json()) as Verification).toMatchObject({ result: 'invalid', reason: 'not_an_attestation', attestation: null });
  });

  it('managers issue one for a volunteer and revoke it with a reason; the verification then says revoked and why', async () => {
    const w = await withHours();
    const issueUrl = `/api/v1/associations/${w.a.id}/attestations`;
    const nobody = await account(w.t, 'personne@exemple.fr', { firstName: 'Nina' });
    const noHours = await w.manager.browser.request('POST', issueUrl, { accountId: nobody.id, from: '2026-01-01', to: '2026-12-31' });
    expect(errorOn(await problemOf(noHours), 'accountId').code).toBe('attestation_person_unknown');
    expect((await w.volunteer.browser.request('POST', issueUrl, { accountId: w.volunteer.id, from: '2026-01-01', to: '2026-12-31' })).status).toBe(403);
    expect((await w.volunteer.browser.request('GET', issueUrl)).status).toBe(403);

    const people = (await (await w.manager.browser.request('GET', `${issueUrl}/people`)).json()) as { items: unknown[] };
    expect(people.items).toEqual([{ accountId: w.volunteer.id, name: 'Bob Bénévole', firstDate: '2025-12-31', lastDate: '2026-03-05', totalMinutes: 960 }]);
    expect((await w.volunteer.browser.request('GET', `${issueUrl}/people`)).status).toBe(403);
    const res = await w.manager.browser.request('POST', issueUrl, { accountId: w.volunteer.id, from: '2026-01-01', to: '2026-01-31' });
    expect(res.status).toBe(201);
    const a = (await res.json()) as AttestationView;
    expect(a).toMatchObject({ totalMinutes: 150, issuedBy: 'Rose Responsable', volunteer: { accountId: w.volunteer.id } });
    // The volunteer finds it among theirs and downloads it.
    expect((await w.volunteer.browser.request('GET', a.pdfPath!)).status).toBe(200);
    expect(((await (await w.manager.browser.request('GET', issueUrl)).json()) as { items: AttestationView[] }).items.map((x) => x.code)).toEqual([a.code]);

    const revokeUrl = `/api/v1/attestations/${a.id}/revocation`;
    expect((await w.volunteer.browser.request('POST', revokeUrl, { reason: 'non' })).status).toBe(403);
    const blank = await w.manager.browser.request('POST', revokeUrl, { reason: '   ' });
    expect(errorOn(await problemOf(blank), 'reason').code).toBe('attestation_reason_required');
    expect(((await (await visitor(w).request('GET', `/api/v1/attestations/verification?code=${a.code}`)).json()) as Verification).result).toBe('valid');

    const revoked = await w.manager.browser.request('POST', revokeUrl, { reason: ' Mauvaise période ' });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as AttestationView).revocation).toMatchObject({ revokedBy: 'Rose Responsable', reason: 'Mauvaise période' });
    expect((await w.manager.browser.request('POST', revokeUrl, { reason: 'encore' })).status).toBe(409);

    const v = (await (await visitor(w).request('GET', `/api/v1/attestations/verification?code=${a.code}`)).json()) as Verification;
    expect(v).toMatchObject({ result: 'revoked', revocation: { reason: 'Mauvaise période' }, attestation: { code: a.code } });
    // The file says so too: the signature holds, the site knows it was revoked.
    const pdf = new Uint8Array(await (await w.volunteer.browser.request('GET', a.pdfPath!)).arrayBuffer());
    expect(((await (await verifyFile(w, pdf, 'application/pdf')).json()) as Verification).result).toBe('revoked');
    const actions = await w.t.db.selectFrom('audit_log').select('action').where('association_id', '=', w.a.id).execute();
    expect(actions.map((r) => r.action)).toEqual(expect.arrayContaining(['attestation.issue', 'attestation.revoke']));
  });

  it('refuses a period without validated hours or upside down, naming the field; others cannot read one', async () => {
    const w = await withHours();
    const url = '/api/v1/me/attestations';
    const empty = await w.volunteer.browser.request('POST', url, { associationId: w.a.id, from: '2024-01-01', to: '2024-12-31' });
    expect(errorOn(await problemOf(empty), 'from')).toMatchObject({ code: 'attestation_no_hours' });
    const reversed = await w.volunteer.browser.request('POST', url, { associationId: w.a.id, from: '2026-12-31', to: '2026-01-01' });
    expect(errorOn(await problemOf(reversed), 'to').code).toBe('attestation_period_order');
    const none = await w.volunteer.browser.request('POST', url, { from: '2026-01-01', to: '2026-12-31' });
    expect(errorOn(await problemOf(none), 'associationId').code).toBe('attestation_association_required');
    const badDate = await w.volunteer.browser.request('POST', url, { associationId: w.a.id, from: '2026-02-30', to: '2026-12-31' });
    expect(errorOn(await problemOf(badDate), 'from').code).toBe('declaration_date_invalid');
    expect((await visitor(w).request('POST', url, { associationId: w.a.id, from: '2026-01-01', to: '2026-12-31' })).status).toBe(401);

    const a = await requestOne(w);
    const stranger = await account(w.t, 'curieux@exemple.fr', { firstName: 'Curieux' });
    expect((await stranger.browser.request('GET', a.pdfPath!)).status).toBe(404);
    expect((await stranger.browser.request('GET', `/api/v1/attestations/${a.id}`)).status).toBe(404);
    expect((await w.manager.browser.request('GET', `/api/v1/attestations/${a.id}`)).status).toBe(200);

    const available = (await (await w.volunteer.browser.request('GET', '/api/v1/me/attestations/available')).json()) as { items: unknown[] };
    expect(available.items).toEqual([{ associationId: w.a.id, groupIri: null, name: 'Club de voile', firstDate: '2025-12-31', lastDate: '2026-03-05', totalMinutes: 960 }]);
  });

  it('bounds public verifications per address (they may fetch another site’s keys)', async () => {
    const w = await world();
    const v = visitor(w);
    for (let i = 0; i < 60; i++) expect((await v.request('GET', '/api/v1/attestations/verification?code=BV-0000-0000-0000')).status).toBe(200);
    const limited = await v.request('POST', '/api/v1/attestations/verification', { code: 'BV-0000-0000-0000' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBeTruthy();
  });

  it('is described in the OpenAPI document', async () => {
    const w = await world();
    const doc = (await (await w.t.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    const methods = (path: string) => Object.keys(doc.paths[path] ?? {}).sort();
    expect(methods('/me/attestations')).toEqual(['get', 'post']);
    expect(methods('/me/attestations/available')).toEqual(['get']);
    expect(methods('/associations/{id}/attestations')).toEqual(['get', 'post']);
    expect(methods('/associations/{id}/attestations/people')).toEqual(['get']);
    expect(methods('/attestations/{id}')).toEqual(['get']);
    expect(methods('/attestations/{id}/pdf')).toEqual(['get']);
    expect(methods('/attestations/{id}/jws')).toEqual(['get']);
    expect(methods('/attestations/{id}/revocation')).toEqual(['post']);
    expect(methods('/attestations/verification')).toEqual(['get', 'post']);
    expect(methods('/attestations/verification/file')).toEqual(['post']);
  });
});
