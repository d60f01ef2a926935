/**
 * The Validation document: the digest pins the declaration's exact content (stable under
 * key order, changed by any value), partial validations carry their reason, and the
 * volunteer's instance refuses anything not signed by the association it declared to.
 */
import { generateCryptoKeyPair } from '@fedify/fedify';
import { beforeAll, describe, expect, it } from 'vitest';
import { addProof, type JsonObject } from '../proof.ts';
import { toDeclarationDocument } from './declaration-document.ts';
import { A, B, GROUP, declarationInput, keysOf } from './documents.fixtures.ts';
import {
  buildValidationDocument, declarationDigest, readValidationDocument, toValidationDocument, validationIri, type ValidationDocumentInput,
} from './validation-document.ts';

let author: CryptoKeyPair;
let association: CryptoKeyPair;
let declaration: JsonObject;
const at = new Date('2026-11-27T14:00:00Z');

beforeAll(async () => {
  author = await generateCryptoKeyPair('Ed25519');
  association = await generateCryptoKeyPair('Ed25519');
  declaration = await toDeclarationDocument(declarationInput(), author.privateKey, new Date('2026-11-27T09:00:00Z'));
});

const input = (extra: Partial<ValidationDocumentInput> = {}): ValidationDocumentInput => ({
  id: validationIri(B, 'val-1'), declaration, association: GROUP, validatedMinutes: 150, reason: null, published: at, ...extra,
});
const expectations = () => ({ declaration, association: GROUP, resolveKey: keysOf({ [`${GROUP}#multikey-2`]: association.publicKey }) });
const problemsOf = async (json: unknown, expect_ = expectations()) => {
  const read = await readValidationDocument(json, expect_);
  return read.ok ? [] : read.problems.map((p) => `${p.field}:${p.code}`);
};
async function resigned(change: (doc: JsonObject) => void, extra: Partial<ValidationDocumentInput> = {}): Promise<JsonObject> {
  const doc = await buildValidationDocument(input(extra));
  change(doc);
  return addProof(doc, association.privateKey, { verificationMethod: `${GROUP}#multikey-2`, created: at });
}

describe('the digest of a declaration', () => {
  it('is sha-256= and the base64url of the SHA-256 of its JCS form, proof left out', async () => {
    const digest = await declarationDigest(declaration);
    expect(digest).toMatch(/^sha-256=[A-Za-z0-9_-]{43}$/);
    const { proof: _proof, ...bare } = declaration;
    expect(await declarationDigest(bare)).toBe(digest);
  });

  it('does not depend on the order of keys, at any depth', async () => {
    const reversed = Object.fromEntries(Object.entries(declaration).reverse()) as JsonObject;
    const context = declaration['@context'] as unknown[];
    const innerReversed = Object.fromEntries(Object.entries(context[1] as object).reverse());
    expect(await declarationDigest({ ...reversed, '@context': [context[0], innerReversed, context[2]] })).toBe(await declarationDigest(declaration));
  });

  it('changes with any value', async () => {
    const digest = await declarationDigest(declaration);
    for (const [key, value] of [['duration', 'PT2H31M'], ['distance', '12.31'], ['name', 'Atelier vélo '], ['date', '2026-11-19'], ['category', `${B}/ap/categories/x`]] as const) {
      expect(await declarationDigest({ ...declaration, [key]: value }), key).not.toBe(digest);
    }
    const { content: _content, ...withoutContent } = declaration;
    expect(await declarationDigest(withoutContent)).not.toBe(digest);
  });
});

describe('building a Validation', () => {
  it('writes every property of federation.md, signed by the association', async () => {
    const doc = await toValidationDocument(input(), association.privateKey, at);
    expect(doc).toMatchObject({
      id: `${B}/ap/validations/val-1`, type: ['Object', 'Validation'], validates: `${A}/ap/declarations/decl-1`,
      digest: await declarationDigest(declaration), validatedDuration: 'PT2H30M', validatedBy: GROUP, published: '2026-11-27T14:00:00Z',
      proof: { verificationMethod: `${GROUP}#multikey-2`, cryptosuite: 'eddsa-jcs-2022' },
    });
    expect(doc).not.toHaveProperty('summary');
  });

  it('needs a reason for a partial validation, and never validates more than declared', async () => {
    await expect(buildValidationDocument(input({ validatedMinutes: 120 }))).rejects.toThrow('reason');
    await expect(buildValidationDocument(input({ validatedMinutes: 120, reason: '  ' }))).rejects.toThrow('reason');
    await expect(buildValidationDocument(input({ validatedMinutes: 151 }))).rejects.toThrow(RangeError);
    const partial = await buildValidationDocument(input({ validatedMinutes: 120, reason: 'Atelier fini plus tôt' }));
    expect(partial).toMatchObject({ validatedDuration: 'PT2H', summary: 'Atelier fini plus tôt' });
    expect(await buildValidationDocument(input({ validatedMinutes: 0, reason: 'Rien à valider' }))).toMatchObject({ validatedDuration: 'PT0S' });
  });
});

describe('reading a Validation on the volunteer’s instance', () => {
  it('reads back what the association signed', async () => {
    const doc = await toValidationDocument(input({ validatedMinutes: 120, reason: 'Atelier fini plus tôt' }), association.privateKey, at);
    const read = await readValidationDocument(doc, expectations());
    expect(read).toEqual({
      ok: true,
      value: {
        id: `${B}/ap/validations/val-1`, validates: `${A}/ap/declarations/decl-1`, digest: await declarationDigest(declaration),
        validatedMinutes: 120, reason: 'Atelier fini plus tôt', validatedBy: GROUP, published: '2026-11-27T14:00:00Z',
        signedBy: [`${GROUP}#multikey-2`], document: doc,
      },
    });
  });

  it('refuses a validation of another version of the declaration (digest)', async () => {
    const edited = await toDeclarationDocument(declarationInput({ title: 'Atelier vélo (modifié)' }), author.privateKey, at);
    const doc = await toValidationDocument(input(), association.privateKey, at);
    expect(await problemsOf(doc, { ...expectations(), declaration: edited })).toEqual(['digest:digest_mismatch']);
  });

  it('refuses a validation of another declaration, by someone else, or on another origin', async () => {
    expect(await problemsOf(await resigned((d) => { d['validates'] = `${A}/ap/declarations/decl-2`; }))).toEqual(['validates:not_this_declaration']);
    expect(await problemsOf(await resigned((d) => { d['validatedBy'] = `${B}/ap/actors/group-2`; }))).toEqual(['validatedBy:not_this_association']);
    expect(await problemsOf(await resigned((d) => { d['id'] = 'https://c.example/ap/validations/val-1'; }))).toEqual(['id:origin_mismatch']);
  });

  it('refuses more than declared, or less without a reason', async () => {
    expect(await problemsOf(await resigned((d) => { d['validatedDuration'] = 'PT3H'; }))).toEqual(['validatedDuration:more_than_declared']);
    expect(await problemsOf(await resigned((d) => { d['validatedDuration'] = 'PT1H'; }))).toEqual(['summary:reason_required']);
    expect(await problemsOf(await resigned((d) => { d['validatedDuration'] = 'deux heures'; }))).toEqual(['validatedDuration:invalid_duration']);
  });

  it('refuses a changed value, a proof by another key, or one by the author instead of the association', async () => {
    const doc = await toValidationDocument(input(), association.privateKey, at);
    expect(await problemsOf({ ...doc, published: '2026-11-28T14:00:00Z' })).toEqual(['proof:invalid_proof']);
    const byAuthor = await addProof(await buildValidationDocument(input()), author.privateKey, { verificationMethod: `${A}/ap/actors/acc-1#multikey-2`, created: at });
    expect(await problemsOf(byAuthor)).toEqual(['proof:invalid_proof']); // the author's key is not one the resolver knows
    expect(await problemsOf(byAuthor, { ...expectations(), resolveKey: keysOf({ [`${A}/ap/actors/acc-1#multikey-2`]: author.publicKey }) }))
      .toEqual(['proof:not_signed_by_association']);
    const { proof: _proof, ...bare } = doc;
    expect(await problemsOf(bare)).toEqual(['proof:required']);
  });

  it('refuses what is not a Validation, without throwing', async () => {
    expect(await problemsOf('texte')).toEqual(['(document):invalid_type']);
    expect(await problemsOf(await resigned((d) => { d['type'] = 'Validation'; }))).toEqual(['type:invalid_type']);
    expect(await problemsOf(await resigned((d) => { d['@context'] = ['https://www.w3.org/ns/activitystreams', { bv: 'https://ailleurs.example/ns#' }]; }))).toEqual(['@context:missing_vocabulary']);
  });
});
