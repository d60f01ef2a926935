/**
 * Attestations between two sites over real HTTP: site B (a test app behind a node http
 * server on 127.0.0.1) hosts the association; site A reads B's published keys with its
 * instance actor's document loader. A verifies an attestation B issued (B's JWKS fetched
 * over HTTP; not « issued here »); A's volunteer gets a bundle for B's association, its
 * Validation checked against the key B publishes on the association's actor.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toDeclarationDocument } from '../federation/declarations/declaration-document.ts';
import { declarationInput } from '../federation/declarations/documents.fixtures.ts';
import { serveTestApp, type ServedApp } from '../federation/declarations/served-app.fixtures.ts';
import { toValidationDocument, validationIri } from '../federation/declarations/validation-document.ts';
import { federationTestApp, publicAssociation } from '../federation/federation.fixtures.ts';
import { actorKeyPairs } from '../federation/keys.ts';
import { newId } from '../lib/ids.ts';
import { account } from '../memberships/testing.ts';
import { Browser, type TestApp } from '../testing/test-app.ts';
import type { AttestationView } from './attestation.service.ts';
import type { VerificationView } from './attestation.verify.ts';

let remote: ServedApp;
let b: TestApp;
let a: TestApp;

beforeEach(async () => {
  remote = await serveTestApp();
  b = remote.t;
  a = await federationTestApp();
});
afterEach(async () => {
  await a.services.jobs.stop();
  await a.database.close();
  await remote.close();
});

const verifyOnA = async (body: unknown) => (await (await new Browser(a).request('POST', '/api/v1/attestations/verification', body)).json()) as VerificationView;

describe('attestations across sites', () => {
  it('an attestation issued by an association of B verifies on A against B’s JWKS, fetched over HTTP', async () => {
    const { manager, association } = await publicAssociation(b);
    const categories = (await (await manager.request('GET', `/api/v1/associations/${association.id}/categories`)).json()) as { items: { id: string }[] };
    const declared = await manager.request('POST', `/api/v1/associations/${association.id}/declarations`, { categoryId: categories.items[0]!.id, title: 'Arrosage', date: '2026-11-02', durationMinutes: 90 });
    expect(declared.status).toBe(201);
    const issued = await manager.request('POST', '/api/v1/me/attestations', { associationId: association.id, from: '2026-11-01', to: '2026-11-30' });
    expect(issued.status).toBe(201);
    const attestation = (await issued.json()) as AttestationView;
    const jws = await (await manager.request('GET', attestation.jwsPath!)).text();

    const v = await verifyOnA({ jws });
    expect(v).toMatchObject({
      result: 'valid', issuedHere: false, revocation: null,
      attestation: { code: attestation.code, totalMinutes: 90, association: { name: 'Les Amis du Jardin' }, verifyUrl: `${remote.origin}/verifier?code=${attestation.code}` },
    });
    expect(remote.requests).toContain(`/ap/actors/${association.id}/jwks.json`);
    // A code is only known where it was issued.
    expect(await verifyOnA({ code: attestation.code })).toMatchObject({ result: 'invalid', reason: 'unknown_code' });

    // B does not answer: the key cannot be had, nothing is confirmed.
    remote.override = (path) => (path.endsWith('/jwks.json') ? { status: 503, body: 'down' } : null);
    expect(await verifyOnA({ jws })).toMatchObject({ result: 'invalid', reason: 'key_not_found' });
    // B answers with another key under the same kid: the signature does not match.
    const other = await publicAssociation(b, 'Autre association', 'autre@exemple.fr');
    const otherJwks = await (await b.app.request(`/ap/actors/${other.association.id}/jwks.json`)).text();
    remote.override = (path) =>
      path.endsWith(`/ap/actors/${association.id}/jwks.json`)
        ? { status: 200, type: 'application/jwk-set+json', body: otherJwks.replaceAll(other.association.id, association.id) }
        : null;
    expect(await verifyOnA({ jws })).toMatchObject({ result: 'invalid', reason: 'bad_signature' });
  });

  it('A’s volunteer gets a bundle for B’s association: its Validation checked against the key B publishes', async () => {
    const { association } = await publicAssociation(b);
    const groupIri = `${remote.origin}/ap/actors/${association.id}`;
    const groupKey = (await actorKeyPairs(b.db, b.clock, association.id))[1]!.privateKey;
    const volunteer = await account(a, 'paul@exemple.fr', { firstName: 'Paul', lastName: 'Verlaine' });
    const volunteerKey = (await actorKeyPairs(a.db, a.clock, volunteer.id))[1]!.privateKey;
    const now = a.clock.now().toISOString();
    await a.db.insertInto('remote_actors').values({ iri: groupIri, type: 'Group', host: new URL(remote.origin).host, handle: association.handle, name: association.name, url: null, inbox: null, shared_inbox: null, document: '{}', fetched_at: now }).execute();

    const id = newId();
    const declaration = await toDeclarationDocument(
      declarationInput({ origin: a.config.origin, declarationId: id, authorAccountId: volunteer.id, association: { id: groupIri, records: `${groupIri}/records` }, date: '2026-10-15', endDate: null, durationMinutes: 120 }),
      volunteerKey, a.clock.now(),
    );
    const validation = await toValidationDocument({ id: validationIri(remote.origin, newId()), declaration, association: groupIri, validatedMinutes: 120, reason: null, published: now }, groupKey, b.clock.now());
    await a.db.insertInto('remote_declarations').values({
      id, account_id: volunteer.id, group_iri: groupIri, title: 'Atelier', description: '', date: '2026-10-15', end_date: null, duration_minutes: 120, distance_hundredths: 0,
      category_iri: `${groupIri}/categories/x`, category_name: 'Animation', project_iri: null, project_name: null, level_iri: null, level_name: null, default_category: null,
      status: 'validated', validated_minutes: 120, reason: null, document: JSON.stringify(declaration), activity_iri: null, validation: JSON.stringify(validation),
      sent_at: now, resent_at: null, association_deleted_at: null, created_at: now, updated_at: now,
    }).execute();

    const res = await volunteer.browser.request('POST', '/api/v1/me/attestations', { groupIri, from: '2026-01-01', to: '2026-12-31' });
    expect(res.status, await res.clone().text()).toBe(201);
    const bundle = (await res.json()) as AttestationView;
    expect(bundle).toMatchObject({ kind: 'bundle', totalMinutes: 120, association: { iri: groupIri, name: 'Les Amis du Jardin' } });
    expect(remote.requests).toContain(`/ap/actors/${association.id}`);

    const v = (await (await new Browser(a).request('GET', `/api/v1/attestations/verification?code=${bundle.code}`)).json()) as VerificationView;
    expect(v).toMatchObject({ result: 'valid', issuedHere: true, evidence: { count: 1, verified: 1 }, attestation: { kind: 'bundle', totalMinutes: 120 } });
  });
});
