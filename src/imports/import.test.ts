import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loggedIn, mailsTo, registerActive, type Browser, type TestApp } from '../testing/test-app.ts';
import { benevalibreFile, FILE_TOKEN, UNKNOWN_DEFAULTS } from './archive.fixtures.ts';
import type { DryRunReport } from './import.plan.ts';
import { importService, type ImportView, type StartResult } from './import.service.ts';

/** Connection refused at once: the origin is unreachable. */
const UNREACHABLE = 'https://127.0.0.1:1/api/v1/associations/42/migrate';
const MAPPINGS = { [UNKNOWN_DEFAULTS[0]!]: 'animation', [UNKNOWN_DEFAULTS[1]!]: 'gouvernance' };

async function counts(t: TestApp) {
  const n = async (table: 'associations' | 'accounts' | 'declarations' | 'validations' | 'memberships' | 'anonymous_members' | 'categories' | 'roles' | 'imports') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { associations: await n('associations'), accounts: await n('accounts'), declarations: await n('declarations'), validations: await n('validations'),
    memberships: await n('memberships'), anonymous: await n('anonymous_members'), categories: await n('categories'), roles: await n('roles'), imports: await n('imports') };
}

describe('importing a Bénévalibre file through the API', () => {
  let t: TestApp;
  let manager: Browser;
  const file = benevalibreFile({ endpoint: UNREACHABLE });
  beforeAll(async () => {
    t = await createTestApp();
    // Jobs run only when a test drains them, so it can see an import before its job.
    await t.services.jobs.stop();
    manager = await loggedIn(t, 'marie@exemple.fr');
  });
  afterAll(async () => {
    await t.services.jobs.stop();
  });

  it('dry run: counts, accounts new and existing, the categories to map; nothing written', async () => {
    const before = await counts(t);
    const res = await manager.request('POST', '/api/v1/imports/dry-run', file);
    expect(res.status).toBe(200);
    const report = (await res.json()) as DryRunReport;
    expect(report.counts).toMatchObject({ users: 5, categories: 4, levels: 2, projects: 2, roles: 4, memberships: 5, anonymousMembers: 2, actions: 1000, validatedActions: 750 });
    expect(report.accounts.existingAccounts).toEqual(['marie@exemple.fr']);
    expect(report.accounts.newAccounts).toEqual(['paul@exemple.fr', 'lea@exemple.fr', 'karim@exemple.fr', 'zoe@exemple.fr']);
    expect(report.unmappedCategories).toEqual(UNKNOWN_DEFAULTS);
    expect((report.problems[0] as { message?: string }).message).toContain('Catégorie par défaut « Jardinage collectif » inconnue ici');
    expect(report.referenceCategories).toContain('animation');
    expect(report.ok).toBe(false);
    const again = (await (await manager.request('POST', '/api/v1/imports/dry-run', { archive: file, mappings: MAPPINGS })).json()) as DryRunReport;
    expect(again).toMatchObject({ ok: true, problems: [], unmappedCategories: [] });
    expect(await counts(t)).toEqual(before);
  });

  it('refuses the import until the categories are mapped, writing nothing', async () => {
    const before = await counts(t);
    const res = await manager.request('POST', '/api/v1/imports', { archive: file });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('import_category_unmapped');
    expect(await counts(t)).toEqual(before);
  });

  it('imports everything with the manager’s choices, every field carried over', async () => {
    const before = await counts(t);
    const res = await manager.request('POST', '/api/v1/imports', { archive: file, mappings: MAPPINGS });
    expect(res.status).toBe(202);
    const started = (await res.json()) as StartResult;
    expect(res.headers.get('location')).toBe(`/api/v1/imports/${started.importId}`);
    const pending = (await (await manager.request('GET', `/api/v1/imports/${started.importId}`)).json()) as ImportView;
    expect(pending).toMatchObject({ status: 'pending', progress: 0, steps: { done: 0, total: 4, phase: 'check' }, associationId: null });
    expect(await counts(t)).toEqual({ ...before, imports: before.imports + 1 }); // nothing of the association before the job
    const start = Date.now();
    await t.services.jobs.drain();
    expect(Date.now() - start).toBeLessThan(10_000);
    const result = (await (await manager.request('GET', `/api/v1/imports/${started.importId}`)).json()) as ImportView & { associationId: string };
    expect(result).toMatchObject({ status: 'done', progress: 1, error: null, report: { origin: 'unreachable' } });
    expect(result.report).not.toHaveProperty('token');
    expect(result.association).toMatchObject({ id: result.associationId, name: 'Les Amis du Jardin partagé' });
    const mine = (await (await manager.request('GET', '/api/v1/imports')).json()) as { items: { id: string; status: string; actions: number }[] };
    expect(mine.items).toEqual([expect.objectContaining({ id: started.importId, status: 'done', actions: 1000 })]);
    expect(result.report.anonymousLinks!.map((l) => l.name)).toEqual(['Enfant Tom', 'Classe de CM2']);
    const stored = await t.db.selectFrom('imports').select(['file', 'status']).where('id', '=', started.importId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ file: null, status: 'done' }); // the personal data of the file is gone

    const association = await t.db.selectFrom('associations').selectAll().where('id', '=', result.associationId).executeTakeFirstOrThrow();
    expect(association).toMatchObject({ name: 'Les Amis du Jardin partagé', postal_code: '69003', moderate_membership: 1, moderate_declarations: 0, is_active: 1 });
    expect(association).toMatchObject({ website: 'https://jardin.exemple.fr', country: 'FR', has_employees: 'no', yearly_income_cents: 420_000, is_hidden: 0 });
    const anonymous = await t.db.selectFrom('anonymous_members').select(['name', 'expires_on']).where('association_id', '=', association.id).orderBy('name').execute();
    expect(anonymous).toEqual([{ name: 'Classe de CM2', expires_on: '2027-06-30' }, { name: 'Enfant Tom', expires_on: null }]);
    const categories = await t.db.selectFrom('categories').select(['name', 'reference_code']).where('association_id', '=', association.id).orderBy('position').execute();
    expect(categories).toEqual([
      { name: 'Potager', reference_code: 'animation' }, { name: 'Réunions', reference_code: 'gouvernance' },
      { name: 'Divers', reference_code: 'autre' }, { name: 'Compost', reference_code: 'autre' },
    ]);
    const roles = await t.db.selectFrom('roles').selectAll().where('association_id', '=', association.id).orderBy('position').execute();
    expect(roles.map((r) => [r.name, r.is_default, r.manage_roles, r.manage_declarations, r.list_members])).toEqual([
      ['Présidence', 0, 1, 1, 1], ['Trésorerie', 0, 0, 1, 1], ['Animation', 0, 0, 0, 0], ['Bénévole', 1, 0, 0, 0],
    ]);
    const members = await t.db.selectFrom('memberships').innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select(['accounts.email', 'accounts.status as accountStatus', 'memberships.status']).where('association_id', '=', association.id).orderBy('accounts.email').execute();
    expect(members).toEqual([
      { email: 'karim@exemple.fr', accountStatus: 'inactive', status: 'active' }, { email: 'lea@exemple.fr', accountStatus: 'inactive', status: 'active' },
      { email: 'marie@exemple.fr', accountStatus: 'active', status: 'active' }, { email: 'paul@exemple.fr', accountStatus: 'inactive', status: 'active' },
      { email: 'zoe@exemple.fr', accountStatus: 'inactive', status: 'pending' },
    ]);

    const rows = await t.db.selectFrom('declarations as d').innerJoin('categories as c', 'c.id', 'd.category_id')
      .leftJoin('projects as p', 'p.id', 'd.project_id').leftJoin('levels as l', 'l.id', 'd.level_id')
      .leftJoin('accounts as a', 'a.id', 'd.author_account_id').leftJoin('anonymous_members as n', 'n.id', 'd.author_anonymous_id')
      .leftJoin('validations as v', 'v.id', 'd.validation_id')
      .select(['d.title', 'd.date', 'd.end_date', 'd.duration_minutes', 'd.distance_hundredths', 'd.status', 'd.description', 'd.author_type', 'c.name as category',
        'p.name as project', 'l.name as level', 'a.email', 'n.name as anonymous', 'v.imported', 'v.validated_at', 'v.validated_minutes', 'v.validated_by'])
      .where('d.association_id', '=', association.id).execute();
    expect(rows).toHaveLength(1000);
    const byTitle = new Map(rows.map((r) => [r.title, r]));
    const marie = (await t.db.selectFrom('accounts').select('id').where('email', '=', 'marie@exemple.fr').executeTakeFirstOrThrow()).id;
    expect(byTitle.get('Action 0')).toMatchObject({ date: '2024-01-01', end_date: null, duration_minutes: 150, distance_hundredths: 0, status: 'validated', description: '', author_type: 'account', category: 'Potager', project: null, level: null, email: 'marie@exemple.fr', imported: 1, validated_at: '2026-11-27T10:00:00.000Z', validated_minutes: 150, validated_by: marie });
    expect(byTitle.get('Action 1')).toMatchObject({ end_date: '2024-01-04', duration_minutes: 1560, project: 'Rénovation de la serre', level: 'Débutant', email: 'paul@exemple.fr' });
    expect(byTitle.get('Action 2')).toMatchObject({ duration_minutes: 0, distance_hundredths: 1250, level: 'Confirmé' });
    expect(byTitle.get('Action 3')).toMatchObject({ duration_minutes: 105, distance_hundredths: 725, status: 'pending', imported: null });
    expect(byTitle.get('Action 5')).toMatchObject({ author_type: 'anonymous', anonymous: 'Classe de CM2', email: null });
    expect(byTitle.get('Action 6')).toMatchObject({ author_type: 'none', duration_minutes: 180 });
    expect(rows.filter((r) => r.status === 'validated')).toHaveLength(750);

    const paulMail = (await mailsTo(t, 'paul@exemple.fr')).pop()!;
    expect(paulMail.subject).toContain('choisissez un mot de passe');
    expect(paulMail.text).toContain('Bonjour Paul Éluard,');
    expect(paulMail.text).toContain(`${t.config.origin}/reinitialisation?token=`);
    expect(paulMail.html).toContain('Choisir mon mot de passe');
    const marieMail = (await mailsTo(t, 'marie@exemple.fr')).pop()!;
    expect(marieMail.subject).toBe('Association migrée : Les Amis du Jardin partagé');
    expect(marieMail.text).toContain(`${t.config.origin}/associations/${association.id}`);

    const other = await loggedIn(t, 'autre@exemple.fr');
    expect((await other.request('GET', `/api/v1/imports/${started.importId}`)).status).toBe(404);
  });

  it('the same job run twice writes nothing more', async () => {
    const before = await counts(t);
    const row = await t.db.selectFrom('imports').select('id').where('file_token', '=', FILE_TOKEN).executeTakeFirstOrThrow();
    const imports = importService({ db: t.db, clock: t.clock, origin: t.config.origin, settings: t.services.settings });
    await imports.runJob(row.id);
    expect(await counts(t)).toEqual(before);
  });

  it('a second import of the same file changes nothing', async () => {
    const before = await counts(t);
    const res = await manager.request('POST', '/api/v1/imports', { archive: file, mappings: MAPPINGS });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ alreadyImported: true, status: 'done' });
    await t.services.jobs.drain();
    expect(await counts(t)).toEqual(before);
    const dry = (await (await manager.request('POST', '/api/v1/imports/dry-run', file)).json()) as DryRunReport;
    expect(dry.alreadyImported).not.toBeNull();
    expect(before.imports).toBe(1);
    expect(FILE_TOKEN).toBe(file.metadata.token);
  });

  it('refuses malformed files with a report and writes nothing', async () => {
    const before = await counts(t);
    const bad = benevalibreFile({ actions: 5, date: '2027-01-01T00:00:00Z' });
    bad.objects.push({ model: 'benevalibre.benevalo', pk: 77, fields: { association: ['Autre'], date: '2024-01-01', title: 'x', duration: '01:00:00', category: ['Potager'] } });
    const dry = (await (await manager.request('POST', '/api/v1/imports/dry-run', bad)).json()) as DryRunReport;
    expect(dry.ok).toBe(false);
    expect(dry.problems.map((p) => p.code)).toEqual(['import_date_future', 'import_other_association']);
    const res = await manager.request('POST', '/api/v1/imports', { archive: bad, mappings: MAPPINGS });
    expect(res.status).toBe(422);
    expect((await manager.request('POST', '/api/v1/imports/dry-run', { objects: [] })).status).toBe(200);
    expect(await counts(t)).toEqual(before);
  });

  it('an import whose check no longer holds when its job runs fails with its reason, writing nothing', async () => {
    const twin = (token: string) => {
      const f = benevalibreFile({ actions: 3, endpoint: UNREACHABLE });
      f.metadata.token = token;
      return f;
    };
    const choices = { mappings: MAPPINGS, name: 'Jardin du lundi' };
    const first = (await (await manager.request('POST', '/api/v1/imports', { archive: twin('11111111-2222-4333-8444-555555555555'), ...choices })).json()) as StartResult;
    const second = (await (await manager.request('POST', '/api/v1/imports', { archive: twin('66666666-7777-4888-9999-aaaaaaaaaaaa'), ...choices })).json()) as StartResult;
    await t.services.jobs.drain();
    const view = async (id: string) => (await (await manager.request('GET', `/api/v1/imports/${id}`)).json()) as ImportView;
    expect(await view(first.importId)).toMatchObject({ status: 'done', progress: 1 });
    const failed = await view(second.importId);
    expect(failed).toMatchObject({ status: 'failed', error: 'import_plan_failed', associationId: null });
    expect(JSON.stringify(failed.report)).toContain('import_name_taken');
    expect(await t.db.selectFrom('associations').select('id').where('name', '=', 'Jardin du lundi').execute()).toHaveLength(1);
    expect((await t.db.selectFrom('imports').select('file').where('id', '=', second.importId).executeTakeFirstOrThrow()).file).toBeNull();
  });

  it('follows the site’s rule for new associations: closed refuses, moderated waits for an admin', async () => {
    const system = { accountId: null, label: 'Test' };
    const file = benevalibreFile({ actions: 2, endpoint: UNREACHABLE });
    file.metadata.token = '2c9d1e0f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
    const body = { archive: file, mappings: MAPPINGS, name: 'Jardin sous contrôle' };
    await t.services.settings.update(system, { associationCreationOpen: false });
    const closed = await manager.request('POST', '/api/v1/imports', body);
    expect(closed.status).toBe(403);
    await t.services.settings.update(system, { associationCreationOpen: true, associationCreationModerated: true });
    const started = (await (await manager.request('POST', '/api/v1/imports', body)).json()) as StartResult;
    await t.services.jobs.drain();
    await t.services.settings.update(system, { associationCreationModerated: false });
    const view = (await (await manager.request('GET', `/api/v1/imports/${started.importId}`)).json()) as ImportView;
    expect(view.status).toBe('done');
    const row = await t.db.selectFrom('associations').select(['is_active', 'approved_at']).where('id', '=', view.associationId!).executeTakeFirstOrThrow();
    expect(row).toEqual({ is_active: 0, approved_at: null });
  });

  it('takes bodies over the 1 MB API limit on the import routes only', async () => {
    const big = { ...benevalibreFile({ actions: 1, endpoint: UNREACHABLE }), padding: 'x'.repeat(2 * 1024 * 1024) };
    const res = await manager.request('POST', '/api/v1/imports/dry-run', big);
    expect(res.status).toBe(200);
    expect(((await res.json()) as DryRunReport).problems[0]).toMatchObject({ model: 'file', code: 'import_file_invalid' });
    expect((await manager.request('POST', '/api/v1/associations', { name: 'x'.repeat(2 * 1024 * 1024) })).status).toBe(413);
  });

  it('two concurrent imports of one file give one association', async () => {
    const racing = benevalibreFile({ actions: 30, endpoint: UNREACHABLE });
    racing.metadata.token = '5f0c7a1e-9b2d-4e3f-a4b5-c6d7e8f90123';
    const marie = (await t.db.selectFrom('accounts').select('id').where('email', '=', 'marie@exemple.fr').executeTakeFirstOrThrow()).id;
    const imports = importService({ db: t.db, clock: t.clock, origin: t.config.origin, settings: t.services.settings });
    const choices = { mappings: MAPPINGS, name: 'Jardin en course' };
    const [first, second] = await Promise.all([0, 1].map(() => imports.start({ accountId: marie, label: 'Marie' }, racing, choices)));
    expect([first!.alreadyImported, second!.alreadyImported].sort()).toEqual([false, true]);
    expect(first!.importId).toBe(second!.importId);
    await Promise.all([imports.runJob(first!.importId), imports.runJob(first!.importId), t.services.jobs.drain()]);
    expect((await t.db.selectFrom('associations').select('id').where('name', '=', 'Jardin en course').execute())).toHaveLength(1);
  });

  it('asks for another name when the association’s is taken, and is closed to visitors', async () => {
    await registerActive(t, 'second@exemple.fr');
    const other = benevalibreFile({ actions: 2, endpoint: UNREACHABLE });
    other.metadata.token = '0b3c1f7e-1d2a-4c3b-8a9d-2e5f6a7b8c9d';
    const dry = (await (await manager.request('POST', '/api/v1/imports/dry-run', other)).json()) as DryRunReport;
    expect(dry.problems.map((p) => p.code)).toContain('import_name_taken');
    const res = await manager.request('POST', '/api/v1/imports', { archive: other, mappings: MAPPINGS, name: 'Jardin partagé (bis)' });
    expect(res.status).toBe(202);
    expect((await t.app.request('/api/v1/imports/dry-run', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', origin: t.config.origin } })).status).toBe(401);
  });
});
