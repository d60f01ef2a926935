/**
 * The Declaration document: built and signed by the volunteer's instance, read back by
 * the association's; every refusal names the property at fault.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCryptoKeyPair, verifyObject } from '@fedify/fedify';
import { Create, Object as ApObject } from '@fedify/vocab';
import { exportMultibaseKey, preloadedContexts } from '@fedify/vocab-runtime';
import { BV_DOCUMENT_CONTEXT } from '../vocabulary.ts';
import { addProof, type JsonObject } from '../proof.ts';
import { readDeclarationDocument, toDeclarationDocument, type DeclarationDocumentInput, type DeclarationExpectations } from './declaration-document.ts';
import { A, B, GROUP, RECORDS, CATEGORY, LEVEL, PROJECT, declarationInput, keysOf } from './documents.fixtures.ts';

let author: CryptoKeyPair;
let other: CryptoKeyPair;
let expectations: DeclarationExpectations;

beforeAll(async () => {
  author = await generateCryptoKeyPair('Ed25519');
  other = await generateCryptoKeyPair('Ed25519');
  expectations = {
    association: GROUP, records: RECORDS, today: '2026-11-27',
    categories: new Set([CATEGORY]), projects: new Set([PROJECT]), levels: new Set([LEVEL]),
    resolveKey: keysOf({ [`${A}/ap/actors/acc-1#multikey-2`]: author.publicKey }),
  };
});

const signed = (input: Partial<DeclarationDocumentInput> = {}) => toDeclarationDocument(declarationInput(input), author.privateKey, new Date('2026-11-27T09:00:00.500Z'));
/** A signed document whose JSON was changed by `change` and signed again by the author (values refused on their own merits). */
async function resigned(change: (doc: JsonObject) => void, key = author.privateKey, method = `${A}/ap/actors/acc-1#multikey-2`): Promise<JsonObject> {
  const { proof: _proof, ...doc } = await signed();
  change(doc);
  return addProof(doc, key, { verificationMethod: method, created: new Date('2026-11-27T09:00:00Z') });
}
const fieldsOf = async (json: unknown) => {
  const read = await readDeclarationDocument(json, expectations);
  expect(read.ok).toBe(false);
  return read.ok ? [] : read.problems.map((p) => `${p.field}:${p.code}`);
};

describe('building a Declaration', () => {
  it('writes every property of federation.md, multi-typed, our context inline, signed by #multikey-2', async () => {
    const doc = await signed();
    expect(doc).toMatchObject({
      '@context': ['https://www.w3.org/ns/activitystreams', expect.objectContaining({ bv: 'https://benevalibre.org/ns#' }), 'https://w3id.org/security/data-integrity/v1'],
      id: `${A}/ap/declarations/decl-1`,
      type: ['Object', 'Declaration'],
      attributedTo: `${A}/ap/actors/acc-1`,
      to: GROUP, audience: GROUP, target: RECORDS,
      name: 'Atelier vélo', content: 'Réparé 4 vélos.\n\nMerci !', mediaType: 'text/plain',
      date: '2026-11-20', endDate: '2026-11-21', duration: 'PT2H30M', distance: '12.3',
      category: CATEGORY, level: LEVEL, context: PROJECT, defaultCategory: 'ENV',
      published: '2026-11-25T10:00:00Z', updated: '2026-11-26T08:30:00Z',
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', verificationMethod: `${A}/ap/actors/acc-1#multikey-2`, proofPurpose: 'assertionMethod', created: '2026-11-27T09:00:00Z' },
    });
  });

  it('leaves out what is absent (no end date, project, level, description, update) and writes 0 km as "0"', async () => {
    const doc = await signed({ endDate: null, projectIri: null, levelIri: null, description: '', updated: null, defaultCategory: null, distanceHundredths: 0 });
    for (const key of ['endDate', 'context', 'level', 'content', 'mediaType', 'updated', 'defaultCategory']) expect(doc).not.toHaveProperty(key);
    expect(doc['distance']).toBe('0');
  });

  it('is read back to the same values, with the document kept as received', async () => {
    const doc = await signed();
    const read = await readDeclarationDocument(doc, expectations);
    expect(read).toEqual({
      ok: true,
      value: {
        id: `${A}/ap/declarations/decl-1`, authorIri: `${A}/ap/actors/acc-1`, association: GROUP,
        title: 'Atelier vélo', description: 'Réparé 4 vélos.\n\nMerci !', date: '2026-11-20', endDate: '2026-11-21',
        durationMinutes: 150, distanceHundredths: 1230, categoryIri: CATEGORY, projectIri: PROJECT, levelIri: LEVEL,
        defaultCategory: 'ENV', published: '2026-11-25T10:00:00Z', updated: '2026-11-26T08:30:00Z',
        signedBy: [`${A}/ap/actors/acc-1#multikey-2`], document: doc,
      },
    });
  });

  it("is a proof Fedify's own verifyObject accepts", async () => {
    const doc = await signed();
    const loader = async (url: string) => {
      if (url !== `${A}/ap/actors/acc-1#multikey-2`) throw new Error(`unexpected fetch ${url}`);
      return {
        contextUrl: null, documentUrl: url,
        document: { '@context': 'https://w3id.org/security/multikey/v1', id: url, type: 'Multikey', controller: `${A}/ap/actors/acc-1`, publicKeyMultibase: await exportMultibaseKey(author.publicKey) },
      };
    };
    // Multi-typed with an ActivityStreams base, so Fedify reads it as an Object and checks the proof.
    const object = await verifyObject(ApObject, doc, { documentLoader: loader });
    expect(object?.id?.href).toBe(`${A}/ap/declarations/decl-1`);
    expect(await verifyObject(ApObject, { ...doc, name: 'Autre' }, { documentLoader: loader })).toBeNull();
  });

  it('survives embedding whole in a Create that Fedify parses, as an inbox receives it (own @context and proof kept)', async () => {
    const doc = await signed();
    const create = {
      '@context': [...BV_DOCUMENT_CONTEXT, 'https://w3id.org/security/data-integrity/v1'],
      id: `${A}/ap/activities/1`, type: 'Create', actor: `${A}/ap/actors/acc-1`, to: GROUP, target: RECORDS, object: doc,
    };
    const preloaded = async (url: string) => {
      if (!(url in preloadedContexts)) throw new Error(`unexpected fetch ${url}`);
      return { contextUrl: null, documentUrl: url, document: preloadedContexts[url] };
    };
    const parsed = await Create.fromJsonLd(create, { documentLoader: preloaded, contextLoader: preloaded });
    const fromActivity = ((await parsed.toJsonLd({ contextLoader: preloaded })) as JsonObject)['object'];
    const fromObject = await (await parsed.getObject({ documentLoader: preloaded, contextLoader: preloaded }))!.toJsonLd({ contextLoader: preloaded });
    for (const json of [fromActivity, fromObject]) {
      expect(json).toEqual(doc);
      expect((await readDeclarationDocument(json, expectations)).ok).toBe(true);
    }
  });
});

describe('reading a Declaration: refusals name the property', () => {
  it('refuses a value changed after signing (proof)', async () => {
    const doc = await signed();
    expect(await fieldsOf({ ...doc, duration: 'PT9H' })).toEqual(['proof:invalid_proof']);
    expect(await fieldsOf({ ...doc, name: 'Autre' })).toEqual(['proof:invalid_proof']);
  });

  it('refuses a proof by another key, or by a key of someone else', async () => {
    expect(await fieldsOf(await resigned(() => {}, other.privateKey))).toEqual(['proof:invalid_proof']);
    const read = await readDeclarationDocument(await resigned(() => {}, other.privateKey, `${A}/ap/actors/acc-2#multikey-2`), {
      ...expectations, resolveKey: keysOf({ [`${A}/ap/actors/acc-2#multikey-2`]: other.publicKey }),
    });
    expect(read.ok ? [] : read.problems).toEqual([{ field: 'proof', code: 'not_signed_by_author' }]);
  });

  it('refuses a document without proof or with a garbled one', async () => {
    const { proof, ...bare } = await signed();
    expect(await fieldsOf(bare)).toEqual(['proof:required']);
    expect(await fieldsOf({ ...bare, proof: { ...(proof as object), proofValue: 'zzz' } })).toEqual(['proof:invalid_proof']);
  });

  it('refuses an id on another origin than its author', async () => {
    expect(await fieldsOf(await resigned((d) => { d['id'] = `${B}/ap/declarations/decl-1`; }))).toEqual(['id:origin_mismatch']);
  });

  it('refuses a declaration addressed elsewhere', async () => {
    const elsewhere = `${B}/ap/actors/other-group`;
    expect(await fieldsOf(await resigned((d) => { d['to'] = elsewhere; d['audience'] = elsewhere; d['target'] = `${elsewhere}/records`; })))
      .toEqual(['to:not_this_association', 'audience:not_this_association', 'target:not_this_records']);
    expect(await fieldsOf(await resigned((d) => { d['to'] = [GROUP, 'https://www.w3.org/ns/activitystreams#Public']; }))).toEqual(['to:addressed_beyond_the_association']);
    // One addressee written as an array is the same addressing.
    expect((await readDeclarationDocument(await resigned((d) => { d['audience'] = [GROUP]; }), expectations)).ok).toBe(true);
  });

  it("refuses a category, project or level that is not the association's", async () => {
    const foreign = `${B}/ap/categories/not-ours`;
    expect(await fieldsOf(await resigned((d) => { d['category'] = foreign; d['context'] = foreign; d['level'] = foreign; })))
      .toEqual(['category:not_this_association_catalog', 'context:not_this_association_catalog', 'level:not_this_association_catalog']);
  });

  it('refuses bad dates with the rules of a local declaration', async () => {
    expect(await fieldsOf(await resigned((d) => { d['date'] = '2026-02-30'; }))).toEqual(['date:declaration_date_invalid']);
    expect(await fieldsOf(await resigned((d) => { d['date'] = '2026-11-28'; delete d['endDate']; }))).toEqual(['date:declaration_date_future']);
    expect(await fieldsOf(await resigned((d) => { d['endDate'] = '2026-11-19'; }))).toEqual(['endDate:declaration_end_date_order']);
    expect(await fieldsOf(await resigned((d) => { d['date'] = '1999-12-31'; delete d['endDate']; }))).toEqual(['date:declaration_date_too_early']);
  });

  it('refuses over-long titles and descriptions, empty titles', async () => {
    expect(await fieldsOf(await resigned((d) => { d['name'] = 'x'.repeat(128); }))).toEqual(['name:too_long']);
    expect(await fieldsOf(await resigned((d) => { d['name'] = '   '; }))).toEqual(['name:required']);
    expect(await fieldsOf(await resigned((d) => { d['content'] = 'x'.repeat(5001); }))).toEqual(['content:too_long']);
  });

  it('refuses durations and distances a local declaration could not have', async () => {
    expect(await fieldsOf(await resigned((d) => { d['duration'] = 'PT49H1M'; }))).toEqual(['duration:declaration_duration_too_long']);
    expect(await fieldsOf(await resigned((d) => { d['duration'] = 'PT1.5H'; }))).toEqual(['duration:invalid_duration']);
    expect(await fieldsOf(await resigned((d) => { d['distance'] = '12,3'; }))).toEqual(['distance:declaration_distance_invalid']);
    expect(await fieldsOf(await resigned((d) => { d['distance'] = '100000.01'; }))).toEqual(['distance:declaration_distance_too_big']);
    expect(await fieldsOf(await resigned((d) => { d['duration'] = 'PT0S'; d['distance'] = '0'; }))).toEqual(['distance:declaration_distance_required']);
  });

  it('refuses what is not a Declaration at all, without throwing', async () => {
    expect(await fieldsOf(null)).toEqual(['(document):invalid_type']);
    expect(await fieldsOf(await resigned((d) => { d['type'] = ['Object', 'Note']; }))).toEqual(['type:not_a_declaration']);
    // Our terms mean what federation.md says only under our inline vocabulary.
    expect(await fieldsOf(await resigned((d) => { d['@context'] = 'https://www.w3.org/ns/activitystreams'; }))).toEqual(['@context:missing_vocabulary']);
    expect(await fieldsOf(await resigned((d) => { d['attributedTo'] = 'javascript:alert(1)'; }))).toContain('attributedTo:not_an_iri');
    expect(await fieldsOf(await resigned((d) => { delete d['category']; }))).toEqual(['category:invalid_type']);
  });

  it('reads an HTML description as plain text', async () => {
    const read = await readDeclarationDocument(await resigned((d) => { d['content'] = '<p>Réparé <b>4</b> vélos.</p><p>Merci !</p>'; d['mediaType'] = 'text/html'; }), expectations);
    expect(read.ok && read.value.description).toBe('Réparé 4 vélos.\n\nMerci !');
  });
});
