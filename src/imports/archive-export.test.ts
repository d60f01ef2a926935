import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loggedIn, type TestApp } from '../testing/test-app.ts';
import { nameKeyOf } from '../associations/association.keys.ts';
import { benevalibreFile, UNKNOWN_DEFAULTS } from './archive.fixtures.ts';
import { readArchive, type Archive } from './archive.ts';
import { writeArchiveFromTables } from './archive-export.ts';
import { planImport } from './import.plan.ts';
import { importService } from './import.service.ts';

const MAPPINGS = { [UNKNOWN_DEFAULTS[0]!]: 'animation', [UNKNOWN_DEFAULTS[1]!]: 'gouvernance' };
const METADATA = { appVersion: '2.3.1', date: '2026-11-27T09:00:00Z', endpoint: 'https://ici.exemple.org/api/v1/associations/x/migrate', token: 'a3bb189e-8bf9-4888-9912-ace4e6543002' };

function read(file: unknown, now: Date): Archive {
  const result = readArchive(JSON.parse(JSON.stringify(file)), now);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.archive;
}

describe('writing a migration file from our tables', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.services.jobs.stop();
  });
  afterAll(async () => {
    await t.services.jobs.stop();
  });

  it('imports the fixture, writes it back from the tables, and reads the same association (modulo ids)', async () => {
    await loggedIn(t, 'marie@exemple.fr');
    const marie = await t.db.selectFrom('accounts').select('id').where('email', '=', 'marie@exemple.fr').executeTakeFirstOrThrow();
    const file = benevalibreFile({ actions: 200, endpoint: 'https://127.0.0.1:1/migrate' });
    const imports = importService({ db: t.db, clock: t.clock, origin: t.config.origin, settings: t.services.settings });
    const started = await imports.start({ accountId: marie.id, label: 'Marie Curie' }, file, { mappings: MAPPINGS });
    await imports.runJob(started.importId);
    const { associationId } = (await imports.view(started.importId, { accountId: marie.id, isAdmin: false }))!;

    const written = await writeArchiveFromTables(t.db, associationId!, METADATA);
    const now = t.clock.now();
    const original = read(file, now);
    const back = read(written, now);
    expect(back.metadata).toEqual(METADATA);
    // Categories point to default categories by name: mapped ones now name a default of their reference category.
    // An account that existed before the import keeps its own name (Marie registered without a pseudo).
    const strip = (a: Archive) => ({
      ...a, metadata: null, categories: a.categories.map((c) => ({ ...c, defaultCategory: null })),
      users: a.users.map((u) => (u.email === 'marie@exemple.fr' ? { ...u, pseudo: '' } : u)),
      anonymousMembers: a.anonymousMembers.map((n) => ({ ...n, uuid: null })),
      actions: a.actions.map((x) => (x.author.type === 'anonymous' ? { ...x, author: { ...x.author, uuid: null } } : x)),
    });
    expect(strip(back)).toEqual(strip(original));
    expect(back.actions).toHaveLength(200);
    expect(back.actions.filter((x) => x.isActive)).toHaveLength(original.actions.filter((x) => x.isActive).length);

    // … and importing the written file elsewhere needs no mapping and keeps every reference category.
    await t.db.updateTable('imports').set({ status: 'failed' }).execute(); // as if on another site: the token is new anyway
    const plan = await planImport(t.db, written, { name: 'Le Jardin, ailleurs' }, now);
    expect(plan.report).toMatchObject({ ok: true, unmappedCategories: [] });
    const stored = await t.db.selectFrom('categories').select(['name', 'reference_code']).where('association_id', '=', associationId!).execute();
    for (const c of stored) expect(plan.categories.get(nameKeyOf(c.name))?.referenceCode).toBe(c.reference_code);
  });
});
