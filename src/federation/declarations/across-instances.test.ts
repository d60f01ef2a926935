/**
 * The groundwork of flows 3–4 end to end over real HTTP, without the activities (not
 * wired yet): instance A (the volunteer's) reads association B's catalog, builds and
 * signs a Declaration with the account's stored key; B reads it, fetching A's actor for
 * the key and checking it against its own catalog; B signs a partial Validation with
 * the association's key; A reads it, fetching B's actor for the key.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.ts';
import { accountRow, registerActive } from '../../testing/test-app.ts';
import { publicAssociation } from '../federation.fixtures.ts';
import { actorKeyPairs } from '../keys.ts';
import { addProof, type JsonObject } from '../proof.ts';
import { readDeclarationDocument, toDeclarationDocument, type DeclarationExpectations } from './declaration-document.ts';
import { ownCatalogIris } from './own-catalog.ts';
import { multikeyResolver } from './proof-keys.ts';
import { catalogLoader, remoteCatalog } from './remote-catalog.ts';
import { serveTestApp, type ServedApp } from './served-app.fixtures.ts';
import { readValidationDocument, toValidationDocument, validationIri } from './validation-document.ts';

let a: ServedApp;
let b: ServedApp;
let accountId: string;
let associationId: string;
let groupIri: string;

beforeEach(async () => {
  // Each instance fetches the other on 127.0.0.1: private addresses allowed (tests only).
  [a, b] = await Promise.all([serveTestApp({ BV_ALLOW_PRIVATE_ADDRESSES: 'true' }), serveTestApp({ BV_ALLOW_PRIVATE_ADDRESSES: 'true' })]);
  accountId = (await accountRow(a.t, await registerActive(a.t, 'paul@exemple.fr'))).id;
  associationId = (await publicAssociation(b.t)).association.id;
  await b.t.db.insertInto('projects').values({ id: newId(), association_id: associationId, name: 'Fête de quartier', name_key: 'fête de quartier', description: null, position: 1, created_at: b.t.clock.now().toISOString() }).execute();
  groupIri = `${b.origin}/ap/actors/${associationId}`;
});
afterEach(async () => {
  await a.close();
  await b.close();
});

const loaderOf = (s: ServedApp) => catalogLoader(s.t.services.federationContext());
/** As over the wire. */
const wire = (doc: JsonObject): unknown => JSON.parse(JSON.stringify(doc));

/** A's declaration for B's association, in B's first category, project and level, signed by the account's key. */
async function declarationFromA(extra: { durationMinutes?: number } = {}) {
  const catalog = await remoteCatalog({ db: a.t.db, clock: a.t.clock, loader: await loaderOf(a) }, groupIri);
  const [, ed25519] = await actorKeyPairs(a.t.db, a.t.clock, accountId);
  const category = catalog.categories[0]!;
  const doc = await toDeclarationDocument({
    origin: a.origin, declarationId: newId(), authorAccountId: accountId, association: { id: groupIri, records: `${groupIri}/records` },
    title: 'Tenue de la buvette', description: '', date: '2026-11-26', endDate: null, durationMinutes: extra.durationMinutes ?? 150,
    distanceHundredths: 5, categoryIri: category.iri, projectIri: catalog.projects[0]!.iri, levelIri: catalog.levels[0]!.iri,
    defaultCategory: category.defaultCategory, published: a.t.clock.now(), updated: null,
  }, ed25519!.privateKey, a.t.clock.now());
  return { doc, category };
}

async function expectationsOnB(): Promise<DeclarationExpectations & { localId: Awaited<ReturnType<typeof ownCatalogIris>>['localId'] }> {
  const own = await ownCatalogIris(b.t.db, b.origin, associationId);
  return {
    association: groupIri, records: `${groupIri}/records`, ...own.sets, localId: own.localId,
    today: '2026-11-27', resolveKey: multikeyResolver(await loaderOf(b)),
  };
}

describe('a declaration from A to B and its validation back, over HTTP', () => {
  it('B reads what A signed (key fetched from A), in its own catalog; A reads what B validated (key fetched from B)', async () => {
    const { doc, category } = await declarationFromA();
    const expectB = await expectationsOnB();
    const received = await readDeclarationDocument(wire(doc), expectB);
    expect(received.ok ? received.value : received.problems).toMatchObject({
      authorIri: `${a.origin}/ap/actors/${accountId}`, association: groupIri, durationMinutes: 150, distanceHundredths: 5,
      signedBy: [`${a.origin}/ap/actors/${accountId}#multikey-2`],
    });
    if (!received.ok) return;
    // B stores it against its own rows.
    const categoryRow = await b.t.db.selectFrom('categories').select(['id', 'reference_code']).where('association_id', '=', associationId).orderBy('position').orderBy('name_key').executeTakeFirstOrThrow();
    expect(expectB.localId('categories', received.value.categoryIri)).toBe(categoryRow.id);
    expect(received.value.defaultCategory).toBe(categoryRow.reference_code);
    expect(category.iri).toBe(received.value.categoryIri);

    const [, groupKey] = await actorKeyPairs(b.t.db, b.t.clock, associationId);
    const validation = await toValidationDocument({
      id: validationIri(b.origin, newId()), declaration: received.value.document, association: groupIri,
      validatedMinutes: 90, reason: 'Buvette fermée à 16 h', published: b.t.clock.now(),
    }, groupKey!.privateKey, b.t.clock.now());
    const back = await readValidationDocument(wire(validation), { declaration: doc, association: groupIri, resolveKey: multikeyResolver(await loaderOf(a)) });
    expect(back.ok ? back.value : back.problems).toMatchObject({
      validates: doc['id'], validatedMinutes: 90, reason: 'Buvette fermée à 16 h', validatedBy: groupIri, signedBy: [`${groupIri}#multikey-2`],
    });
  });

  it('B refuses a declaration signed by another account of A than its author, and a key A does not publish', async () => {
    const { doc } = await declarationFromA();
    const other = (await accountRow(a.t, await registerActive(a.t, 'zoe@exemple.fr'))).id;
    const [, otherKey] = await actorKeyPairs(a.t.db, a.t.clock, other);
    const { proof: _proof, ...bare } = doc;
    const byOther = await addProof(bare, otherKey!.privateKey, { verificationMethod: `${a.origin}/ap/actors/${other}#multikey-2`, created: a.t.clock.now() });
    const expectB = await expectationsOnB();
    const refused = await readDeclarationDocument(wire(byOther), expectB);
    expect(refused.ok ? [] : refused.problems).toEqual([{ field: 'proof', code: 'not_signed_by_author' }]);

    const unknownKey = await addProof(bare, otherKey!.privateKey, { verificationMethod: `${a.origin}/ap/actors/${accountId}#multikey-9`, created: a.t.clock.now() });
    const unknown = await readDeclarationDocument(wire(unknownKey), expectB);
    expect(unknown.ok ? [] : unknown.problems).toEqual([{ field: 'proof', code: 'invalid_proof' }]);
  });

  it("B refuses a category of another association, even one of its own site", async () => {
    const elsewhere = (await publicAssociation(b.t, 'Les Voisins', 'voisins@exemple.fr')).association.id;
    const foreign = await b.t.db.selectFrom('categories').select('id').where('association_id', '=', elsewhere).executeTakeFirstOrThrow();
    const { doc } = await declarationFromA();
    const { proof: _proof, ...bare } = doc;
    const [, ed25519] = await actorKeyPairs(a.t.db, a.t.clock, accountId);
    const tampered = await addProof({ ...bare, category: `${b.origin}/ap/categories/${foreign.id}` }, ed25519!.privateKey, {
      verificationMethod: `${a.origin}/ap/actors/${accountId}#multikey-2`, created: a.t.clock.now(),
    });
    const refused = await readDeclarationDocument(wire(tampered), await expectationsOnB());
    expect(refused.ok ? [] : refused.problems).toEqual([{ field: 'category', code: 'not_this_association_catalog' }]);
  });
});
