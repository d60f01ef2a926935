/**
 * Proofs: the FEP-8b32 known-answer vector (key, document, created and proofValue as in
 * FEP-8b32 and Fedify's own test of it), a round trip with tampering, and Fedify's
 * verifyObject() accepting what addProof() produces (and refusing it tampered) with an
 * actor document that publishes the Multikey.
 */
import { generateCryptoKeyPair, verifyObject } from '@fedify/fedify';
import { Create, Multikey, Person } from '@fedify/vocab';
import { importMultibaseKey, preloadedContexts, type DocumentLoader } from '@fedify/vocab-runtime';
import { describe, expect, it } from 'vitest';
import { addProof, proofCreated, proofVerificationMethod, verifyProofs, type JsonObject } from './proof.ts';

// FEP-8b32 test vector (https://codeberg.org/fediverse/fep/src/branch/main/fep/8b32/fep-8b32.md).
const VECTOR_PRIVATE_JWK = {
  kty: 'OKP', crv: 'Ed25519', d: 'yW756hDF5BTEcXI6_53nLDX6W3D66X6IMuysfS4rjtY', x: 'sA2Nk45_dz1RVlqtNqYj9TRPf10ZYPnPPo4SYg6igQ8',
};
const VECTOR_PUBLIC_MULTIBASE = 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2';
const VECTOR_KEY_ID = 'https://server.example/users/alice#ed25519-key';
const VECTOR_DOCUMENT = {
  '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/data-integrity/v1'],
  id: 'https://server.example/activities/1',
  type: 'Create',
  actor: 'https://server.example/users/alice',
  object: {
    id: 'https://server.example/objects/1',
    type: 'Note',
    attributedTo: 'https://server.example/users/alice',
    content: 'Hello world',
    location: { type: 'Place', longitude: -71.184902, latitude: 25.273962 },
  },
};
const VECTOR_PROOF_VALUE = 'zLaewdp4H9kqtwyrLatK4cjY5oRHwVcw4gibPSUDYDMhi4M49v8pcYk3ZB6D69dNpAPbUmY8ocuJ3m9KhKJEEg7z';

const vectorPrivateKey = () => crypto.subtle.importKey('jwk', VECTOR_PRIVATE_JWK, 'Ed25519', false, ['sign']);

describe('eddsa-jcs-2022 proofs', () => {
  it('reproduces the FEP-8b32 test vector byte for byte', async () => {
    const signed = await addProof(VECTOR_DOCUMENT, await vectorPrivateKey(), { verificationMethod: VECTOR_KEY_ID, created: new Date('2023-02-24T23:36:38Z') });
    expect(signed['proof']).toEqual({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      verificationMethod: VECTOR_KEY_ID,
      proofPurpose: 'assertionMethod',
      created: '2023-02-24T23:36:38Z',
      proofValue: VECTOR_PROOF_VALUE,
    });
    const publicKey = await importMultibaseKey(VECTOR_PUBLIC_MULTIBASE);
    expect(await verifyProofs(signed, async (id) => (id === VECTOR_KEY_ID ? publicKey : null))).toEqual([VECTOR_KEY_ID]);
    // Fedify writes the proof with its own @context: the same proof still verifies.
    const fedifyStyle = { ...signed, proof: { '@context': VECTOR_DOCUMENT['@context'], ...(signed['proof'] as JsonObject) } };
    expect(await verifyProofs(fedifyStyle, async () => publicKey)).toEqual([VECTOR_KEY_ID]);
  });

  it('refuses a tampered document, a tampered proof and an unknown key', async () => {
    const publicKey = await importMultibaseKey(VECTOR_PUBLIC_MULTIBASE);
    const resolve = async (id: string) => (id === VECTOR_KEY_ID ? publicKey : null);
    const signed = await addProof(VECTOR_DOCUMENT, await vectorPrivateKey(), { verificationMethod: VECTOR_KEY_ID, created: new Date('2023-02-24T23:36:38Z') });
    const proof = signed['proof'] as JsonObject;
    expect(await verifyProofs({ ...signed, object: { ...VECTOR_DOCUMENT.object, content: 'Bye' } }, resolve)).toBeNull();
    expect(await verifyProofs({ ...signed, proof: { ...proof, created: '2023-02-24T23:36:39Z' } }, resolve)).toBeNull();
    expect(await verifyProofs({ ...signed, proof: { ...proof, proofValue: 'z' + 'A'.repeat(40) } }, resolve)).toBeNull();
    expect(await verifyProofs(VECTOR_DOCUMENT, resolve)).toBeNull(); // no proof at all
    expect(await verifyProofs(signed, async () => null)).toBeNull();
  });

  it('adds the data integrity context and keeps `created` to the second (Temporal form)', async () => {
    const { privateKey, publicKey } = await generateCryptoKeyPair('Ed25519');
    const doc = { '@context': 'https://www.w3.org/ns/activitystreams', type: 'Note', content: 'Bonjour' };
    const signed = await addProof(doc, privateKey, { verificationMethod: 'https://a.example/ap/actors/x#multikey-2', created: new Date('2026-11-27T12:00:00.789Z') });
    expect(signed['@context']).toEqual(['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/data-integrity/v1']);
    expect((signed['proof'] as JsonObject)['created']).toBe('2026-11-27T12:00:00Z');
    expect(proofCreated(new Date('2026-11-27T12:00:00.000Z'))).toBe('2026-11-27T12:00:00Z');
    expect(await verifyProofs(signed, async () => publicKey)).toEqual(['https://a.example/ap/actors/x#multikey-2']);
    await expect(addProof(doc, (await generateCryptoKeyPair('RSASSA-PKCS1-v1_5')).privateKey, { verificationMethod: 'x', created: new Date() })).rejects.toThrow(TypeError);
  });
});

describe("Fedify's verifyObject()", () => {
  const actorId = 'https://asso.example/ap/actors/0193a000-0000-7000-8000-000000000001';

  async function fixture() {
    const { privateKey, publicKey } = await generateCryptoKeyPair('Ed25519');
    const actor = new Person({
      id: new URL(actorId),
      preferredUsername: 'asso',
      assertionMethods: [new Multikey({ id: new URL(proofVerificationMethod(actorId)), controller: new URL(actorId), publicKey })],
    });
    const actorDocument = await actor.toJsonLd();
    // Serves the actor (the Multikey is found inside it by its fragment) and the
    // preloaded contexts; anything else is a network fetch the test must not make.
    const documentLoader: DocumentLoader = async (url) => {
      if (url.startsWith(actorId)) return { contextUrl: null, documentUrl: url, document: actorDocument };
      const context = preloadedContexts[url];
      if (context) return { contextUrl: null, documentUrl: url, document: context };
      throw new Error(`unexpected fetch of ${url}`);
    };
    return { privateKey, documentLoader };
  }

  const activity = (): JsonObject => ({
    '@context': [
      'https://www.w3.org/ns/activitystreams',
      { bv: 'https://benevalibre.org/ns#', Declaration: 'bv:Declaration', date: { '@id': 'bv:date', '@type': 'http://www.w3.org/2001/XMLSchema#date' } },
    ],
    id: 'https://asso.example/ap/activities/0193a000-0000-7000-8000-0000000000aa',
    type: 'Create',
    actor: actorId,
    object: {
      id: 'https://asso.example/ap/declarations/1',
      type: ['Object', 'Declaration'],
      attributedTo: actorId,
      name: 'Accueil du public',
      date: '2026-11-20',
    },
  });

  it('accepts an object signed by addProof() with the Multikey #multikey-2, and refuses it tampered', async () => {
    const { privateKey, documentLoader } = await fixture();
    const signed = await addProof(activity(), privateKey, { verificationMethod: proofVerificationMethod(actorId), created: new Date() });
    const options = { documentLoader, contextLoader: documentLoader };
    const verified = await verifyObject(Create, signed, options);
    expect(verified?.id?.href).toBe(activity()['id']);

    const tampered = { ...signed, object: { ...(signed['object'] as JsonObject), name: 'Autre chose' } };
    expect(await verifyObject(Create, tampered, options)).toBeNull();
    // A proof by another key than the actor's is refused too.
    const other = await generateCryptoKeyPair('Ed25519');
    const forged = await addProof(activity(), other.privateKey, { verificationMethod: proofVerificationMethod(actorId), created: new Date() });
    expect(await verifyObject(Create, forged, options)).toBeNull();
  });
});
