/**
 * Attestations for an association of another site: this site checks the signed
 * Validations it received (proof by the association's key, pinned to the declaration it
 * sent), signs a bundle with its own instance key carrying them as evidence, and the
 * verification checks the bundle's signature and every proof again.
 */
import { generateCryptoKeyPair } from '@fedify/fedify';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { describe, expect, it } from 'vitest';
import { toDeclarationDocument } from '../federation/declarations/declaration-document.ts';
import { declarationInput, keysOf } from '../federation/declarations/documents.fixtures.ts';
import { toValidationDocument, validationIri } from '../federation/declarations/validation-document.ts';
import { actorKeyPairs } from '../federation/keys.ts';
import type { JsonObject } from '../federation/proof.ts';
import { newId } from '../lib/ids.ts';
import { account } from '../memberships/testing.ts';
import { pdfText, renderPage } from '../testing/pdf-render.ts';
import { createTestApp, errorOn, ORIGIN, problemOf, type TestApp } from '../testing/test-app.ts';
import { decodeClaims, attestationService, type AttestationDeps } from './attestation.service.ts';
import { signAttestation } from './attestation.jws.ts';
import { verificationService } from './attestation.verify.ts';

const B = 'https://jardin.example';
const GROUP = `${B}/ap/actors/019ac1d2-7f00-7a3c-9e51-2b8f0c4d6e71`;

async function setup() {
  const t = await createTestApp();
  const volunteer = await account(t, 'paul@exemple.fr', { firstName: 'Paul', lastName: 'Verlaine' });
  const group = await generateCryptoKeyPair('Ed25519');
  const volunteerKey = (await actorKeyPairs(t.db, t.clock, volunteer.id))[1]!.privateKey;
  const now = t.clock.now().toISOString();
  await t.db.insertInto('remote_actors').values({ iri: GROUP, type: 'Group', host: 'jardin.example', handle: 'jardin', name: 'Jardin partagé', url: `${B}/associations/jardin`, inbox: null, shared_inbox: null, document: '{}', fetched_at: now }).execute();

  /** A declaration sent from here and validated there (signed by `signer`, the association's key unless said). */
  async function validated(date: string, minutes: number, validatedMinutes: number, signer: CryptoKey = group.privateKey) {
    const id = newId();
    const declaration = await toDeclarationDocument(
      declarationInput({ origin: ORIGIN, declarationId: id, authorAccountId: volunteer.id, association: { id: GROUP, records: `${GROUP}/records` }, date, endDate: null, durationMinutes: minutes }),
      volunteerKey, t.clock.now(),
    );
    const validation = await toValidationDocument(
      { id: validationIri(B, newId()), declaration, association: GROUP, validatedMinutes, reason: validatedMinutes < minutes ? 'Fin plus tôt' : null, published: now },
      signer, t.clock.now(),
    );
    await t.db.insertInto('remote_declarations').values({
      id, account_id: volunteer.id, group_iri: GROUP, title: 'Atelier vélo', description: '', date, end_date: null, duration_minutes: minutes, distance_hundredths: 0,
      category_iri: `${B}/ap/categories/c1`, category_name: 'Entretien', project_iri: null, project_name: null, level_iri: null, level_name: null, default_category: null,
      status: 'validated', validated_minutes: validatedMinutes, reason: null, document: JSON.stringify(declaration), activity_iri: null, validation: JSON.stringify(validation),
      sent_at: now, resent_at: null, association_deleted_at: null, created_at: now, updated_at: now,
    }).execute();
    return { declaration, validation };
  }

  const resolveKey = keysOf({ [`${GROUP}#multikey-2`]: group.publicKey });
  const deps: AttestationDeps = { db: t.db, clock: t.clock, origin: ORIGIN, resolveKey: async () => resolveKey };
  const asker = { viewer: { kind: 'account' as const, accountId: volunteer.id, isAdmin: false }, actor: { accountId: volunteer.id, label: 'Paul Verlaine' } };
  const verifier = (keys = resolveKey) => verificationService({ db: t.db, origin: ORIGIN, remoteJwks: async () => null, resolveKey: async () => keys });
  return { t, volunteer, group, validated, deps, asker, verifier, resolveKey };
}

const jwsOf = (t: TestApp, id: string) => t.db.selectFrom('attestations').select('jws').where('id', '=', id).executeTakeFirstOrThrow().then((r) => r.jws);

describe('attestation bundle (association of another site)', () => {
  it('carries the verified Validations, signed by this site’s instance key; the verification checks both', async () => {
    const s = await setup();
    await s.validated('2026-02-03', 150, 120);
    await s.validated('2026-02-10', 60, 60);
    await s.validated('2025-06-01', 60, 60); // outside the period
    const a = await attestationService(s.deps).request(s.asker, { groupIri: GROUP, from: '2026-01-01', to: '2026-12-31' });
    expect(a).toMatchObject({ kind: 'bundle', association: { id: null, iri: GROUP, name: 'Jardin partagé' }, volunteer: { name: 'Paul Verlaine' }, totalMinutes: 180 });

    const jws = await jwsOf(s.t, a.id);
    const header = decodeProtectedHeader(jws);
    expect(header).toMatchObject({ kid: `${ORIGIN}/ap/actors/instance#multikey-2`, jku: `${ORIGIN}/ap/actors/instance/jwks.json` });
    const jwks = (await (await s.t.app.request('/ap/actors/instance/jwks.json')).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(jws, createLocalJWKSet(jwks), { issuer: `${ORIGIN}/ap/actors/instance` });
    expect(payload).toMatchObject({ type: 'BenevalibreAttestationBundle', association: { id: GROUP, name: 'Jardin partagé' }, totalMinutes: 180, hours: [{ month: '2026-02', category: 'Entretien', minutes: 180, actions: 2 }] });
    expect((payload as { evidence: unknown[] }).evidence).toHaveLength(2);

    expect(await s.verifier().byJws(jws)).toMatchObject({ result: 'valid', evidence: { count: 2, verified: 2 }, attestation: { kind: 'bundle', issuer: `${ORIGIN}/ap/actors/instance`, totalMinutes: 180 } });
    // The association's key out of reach (its site down, or never its key): not confirmed.
    expect(await s.verifier(keysOf({})).byJws(jws)).toMatchObject({ result: 'invalid', reason: 'evidence', evidence: { count: 2, verified: 0 } });

    const pdf = await attestationService(s.deps).pdf(s.asker, a.id);
    expect((await renderPage(pdf.bytes)).inkRatio).toBeGreaterThan(0.01);
    const text = (await pdfText(pdf.bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('Jardin partagé est une association d’un autre site Bénévalibre (jardin.example)');
    expect(text).toContain('3 h');
  });

  it('leaves out a Validation that does not verify, and refuses when none does', async () => {
    const s = await setup();
    const stranger = await generateCryptoKeyPair('Ed25519');
    await s.validated('2026-03-01', 60, 60);
    await s.validated('2026-03-02', 600, 600, stranger.privateKey); // not the association's key
    const a = await attestationService(s.deps).request(s.asker, { groupIri: GROUP, from: '2026-01-01', to: '2026-12-31' });
    expect(a.totalMinutes).toBe(60);

    const none = await attestationService({ ...s.deps, resolveKey: async () => keysOf({}) })
      .request(s.asker, { groupIri: GROUP, from: '2026-01-01', to: '2026-12-31' })
      .catch((e: unknown) => e);
    expect(none).toMatchObject({ kind: 'conflict', code: 'attestation_evidence_unavailable' });
    const empty = await attestationService(s.deps).request(s.asker, { groupIri: GROUP, from: '2020-01-01', to: '2020-12-31' }).catch((e: unknown) => e);
    expect(empty).toMatchObject({ kind: 'validation', fields: [{ field: 'from', code: 'attestation_no_hours' }] });
  });

  it('a bundle whose evidence was changed, or does not add up, fails even though this site signed it', async () => {
    const s = await setup();
    await s.validated('2026-04-01', 120, 120);
    const a = await attestationService(s.deps).request(s.asker, { groupIri: GROUP, from: '2026-01-01', to: '2026-12-31' });
    const claims = decodeClaims(await jwsOf(s.t, a.id));
    const instanceKey = (await actorKeyPairs(s.t.db, s.t.clock, 'instance'))[1]!.privateKey;
    const { iat: _iat, ...unsigned } = claims;

    // More hours claimed than the Validations give.
    const inflated = await signAttestation({ ...unsigned, totalMinutes: 600, hours: [{ ...claims.hours[0]!, minutes: 600 }] }, instanceKey, s.t.clock.now());
    expect(await s.verifier().byJws(inflated)).toMatchObject({ result: 'invalid', reason: 'evidence' });
    // A Validation edited (its proof no longer matches).
    const evidence = claims.evidence!.map((e) => ({ ...e, validation: { ...e.validation, validatedDuration: 'PT1H' } as JsonObject }));
    const edited = await signAttestation({ ...unsigned, evidence }, instanceKey, s.t.clock.now());
    expect(await s.verifier().byJws(edited)).toMatchObject({ result: 'invalid', reason: 'evidence', evidence: { count: 1, verified: 0 } });
  });

  it('over HTTP, an association of another site that cannot be reached gives a 409, nothing issued', async () => {
    const s = await setup();
    await s.validated('2026-05-01', 60, 60);
    const res = await s.volunteer.browser.request('POST', '/api/v1/me/attestations', { groupIri: GROUP, from: '2026-01-01', to: '2026-12-31' });
    expect(res.status).toBe(409);
    expect((await problemOf(res)).code).toBe('attestation_evidence_unavailable');
    const both = await s.volunteer.browser.request('POST', '/api/v1/me/attestations', { groupIri: GROUP, associationId: 'x', from: '2026-01-01', to: '2026-12-31' });
    expect(errorOn(await problemOf(both), 'associationId').code).toBe('attestation_one_association');
    expect(await s.t.db.selectFrom('attestations').select('id').execute()).toEqual([]);
    const available = (await (await s.volunteer.browser.request('GET', '/api/v1/me/attestations/available')).json()) as { items: unknown[] };
    expect(available.items).toEqual([{ associationId: null, groupIri: GROUP, name: 'Jardin partagé', firstDate: '2026-05-01', lastDate: '2026-05-01', totalMinutes: 60 }]);
  });
});
