/**
 * An attestation whose holder erases their account: the name and the signed copy leave
 * this site, the code no longer tells what it attested (only that it exists and must be
 * checked with the file), the file handed out still verifies, and a revocation still shows.
 */
import { describe, expect, it } from 'vitest';
import { declare, world } from '../declarations/testing.ts';
import { Browser, PASSWORD } from '../testing/test-app.ts';
import type { AttestationView } from './attestation.service.ts';
import type { VerificationView } from './attestation.verify.ts';

type Verification = VerificationView & { message: string };

describe('attestations after their holder erased the account', () => {
  it('keep code, period and revocation only; the file still verifies; nobody downloads them again', async () => {
    const w = await world();
    await declare(w.volunteer.browser, w, { date: '2026-02-10', durationMinutes: 90 });
    const ask = async () => {
      const res = await w.volunteer.browser.request('POST', '/api/v1/me/attestations', { associationId: w.a.id, from: '2026-01-01', to: '2026-12-31' });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as AttestationView;
    };
    const kept = await ask();
    const revoked = await ask();
    const jws = await (await w.volunteer.browser.request('GET', kept.jwsPath!)).text();
    expect((await w.manager.browser.request('POST', `/api/v1/attestations/${revoked.id}/revocation`, { reason: 'Émise en double' })).status).toBe(200);

    expect((await w.volunteer.browser.request('POST', '/api/v1/me/deletion', { currentPassword: PASSWORD })).status).toBe(204);

    const rows = await w.t.db.selectFrom('attestations').select(['code', 'volunteer_name', 'jws', 'period_start', 'revoked_at']).orderBy('code').execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.volunteer_name).toMatch(/^Ancien membre n° \d+$/);
      expect(row.jws).toBe('');
      expect(row.period_start).toBe('2026-01-01');
    }

    const visitor = new Browser(w.t);
    const byCode = async (code: string, lang = 'fr') =>
      (await (await visitor.request('POST', '/api/v1/attestations/verification', { code }, { 'Accept-Language': lang })).json()) as Verification;
    const unconfirmed = await byCode(kept.code);
    expect(unconfirmed).toMatchObject({ result: 'unconfirmed', reason: 'holder_erased', attestation: null, revocation: null });
    expect(unconfirmed.message).toContain('supprimé son compte');
    expect((await byCode(kept.code, 'en')).message).toContain('deleted their account');
    expect(await byCode(revoked.code)).toMatchObject({ result: 'revoked', attestation: null, revocation: { reason: 'Émise en double' } });

    // The file its holder handed out still proves what it says.
    const file = await visitor.request('POST', '/api/v1/attestations/verification/file', new TextEncoder().encode(jws), { 'Content-Type': 'application/octet-stream' });
    expect(await file.json()).toMatchObject({ result: 'valid', attestation: { volunteer: { name: 'Bob Bénévole' }, totalMinutes: 90 } });

    // The managers still see it listed, under the pseudonym, but cannot download it again.
    const listed = (await (await w.manager.browser.request('GET', `/api/v1/associations/${w.a.id}/attestations`)).json()) as { items: AttestationView[] };
    expect(listed.items.map((a) => a.volunteer.name)).toEqual([expect.stringMatching(/^Ancien membre n° \d+$/), expect.stringMatching(/^Ancien membre n° \d+$/)]);
    expect(listed.items.map((a) => [a.pdfPath, a.jwsPath])).toEqual([[null, null], [null, null]]);
    const pdf = await w.manager.browser.request('GET', kept.pdfPath!);
    expect(pdf.status).toBe(409);
    expect(JSON.stringify(await pdf.json())).toContain('attestation_content_erased');
  });
});
