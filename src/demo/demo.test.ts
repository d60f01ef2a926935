/**
 * npm run demo: on a temporary database file it creates the brochure's associations with
 * their activity fields, active volunteers and a year of consistent declarations; a
 * second run adds nothing; in production the command refuses before touching anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../accounts/password.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { settingsService } from '../instance/settings.service.ts';
import { ManualClock } from '../lib/clock.ts';
import { MemoryMailer } from '../mail/mailer.ts';
import { DEMO_ASSOCIATIONS } from './demo.data.ts';
import { seedDemo } from './demo.seed.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bv-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo data', () => {
  it('creates the associations, volunteers and a year of declarations, once', async () => {
    const database = openDatabase(path.join(dir, 'demo.sqlite'));
    const db = database.db;
    await migrateToLatest(db);
    const clock = new ManualClock('2026-11-27T10:00:00.000Z');
    const mailer = new MemoryMailer();
    const deps = { db, clock, mailer, origin: 'http://localhost:3000', settings: settingsService(db, clock, { name: 'Bénévalibre', registrationOpen: true }) };

    const first = await seedDemo(deps);
    expect(first.associationsCreated).toBe(12);
    expect(first.password).toMatch(/^demo-/);
    expect(mailer.sent).toEqual([]);

    const associations = await db
      .selectFrom('associations')
      .innerJoin('activity_fields', 'activity_fields.code', 'associations.activity_field_code')
      .select(['associations.id', 'associations.name', 'activity_fields.name_fr', 'associations.is_active'])
      .execute();
    const field = (name: string) => associations.find((a) => a.name === name)?.name_fr;
    expect(associations.map((a) => a.name).sort()).toEqual(DEMO_ASSOCIATIONS.map((a) => a.name).sort());
    expect(field('afd21 Association Française des Diabétiques de Côte d’Or')).toBe('Groupement de malades');
    expect(field('AIKIDOJO DIJON')).toMatch(/^Club de sport/);
    expect(field('April')).toBe('Autre association de défense de causes, de droits et d\'intérêts');
    expect(field('Association ouverte')).toMatch(/^Association culturelle ou artistique/);
    expect(field('Ceméa-BFC')).toBe('Formation continue d\'adultes');
    expect(field('FFMJC')).toBe('MJC, centre d\'action culturelle, club culturel');
    expect(field('CRAJEP Bourgogne-Franche-Comté')).toBe('Autre activité culturelle ou artistique');
    expect(field('CRIC & CO')).toMatch(/^Association de développement économique/);
    expect(associations.every((a) => a.is_active === 1)).toBe(true);

    // Volunteers are active and can log in with the password printed once.
    const volunteer = await db.selectFrom('accounts').selectAll().where('email', 'like', '%@demo.example').executeTakeFirstOrThrow();
    expect(volunteer.status).toBe('active');
    expect(await verifyPassword(first.password!, volunteer.password_hash!)).toBe(true);
    for (const a of associations) {
      const members = await db.selectFrom('memberships').select('id').where('association_id', '=', a.id).where('status', '=', 'active').execute();
      expect(members.length).toBeGreaterThanOrEqual(5);
    }

    // A year of declarations, mostly validated, some pending and rejected, each consistent.
    const rows = await db
      .selectFrom('declarations')
      .leftJoin('validations', 'validations.id', 'declarations.validation_id')
      .select(['declarations.status', 'declarations.date', 'declarations.duration_minutes', 'declarations.distance_hundredths', 'declarations.rejection_reason', 'declarations.category_id', 'declarations.association_id', 'validations.validated_minutes', 'validations.reason', 'validations.declaration_id', 'declarations.id'])
      .execute();
    expect(rows.length).toBe(first.declarationsCreated);
    const byStatus = (s: string) => rows.filter((r) => r.status === s).length;
    expect(byStatus('validated')).toBeGreaterThan(rows.length * 0.8);
    expect(byStatus('pending')).toBeGreaterThan(0);
    expect(byStatus('rejected')).toBeGreaterThan(0);
    expect(rows.every((r) => r.date >= '2025-11-27' && r.date <= '2026-11-27')).toBe(true);
    expect(new Set(rows.map((r) => r.date.slice(0, 7))).size).toBeGreaterThanOrEqual(12);
    expect(rows.every((r) => r.duration_minutes > 0 || r.distance_hundredths > 0)).toBe(true);
    for (const r of rows) {
      if (r.status === 'validated') {
        expect(r.declaration_id).toBe(r.id);
        expect(r.validated_minutes!).toBeLessThanOrEqual(r.duration_minutes);
        if (r.validated_minutes! < r.duration_minutes) expect(r.reason).toBeTruthy();
      } else expect(r.validated_minutes).toBeNull();
      if (r.status === 'rejected') expect(r.rejection_reason).toBeTruthy();
    }
    const categoriesOfOwnAssociation = await db
      .selectFrom('declarations')
      .innerJoin('categories', 'categories.id', 'declarations.category_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .whereRef('categories.association_id', '=', 'declarations.association_id')
      .executeTakeFirstOrThrow();
    expect(Number(categoriesOfOwnAssociation.n)).toBe(rows.length);

    // Idempotent: a second run adds nothing.
    const counts = async () =>
      Promise.all((['accounts', 'associations', 'memberships', 'projects', 'declarations', 'validations'] as const).map(async (t) => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)));
    const before = await counts();
    const second = await seedDemo(deps);
    expect(second).toMatchObject({ associationsCreated: 0, accountsCreated: 0, membershipsCreated: 0, declarationsCreated: 0, password: null });
    expect(await counts()).toEqual(before);
    await database.close();
  }, 30_000);

  it('is refused in production, before any database is created', () => {
    const dataDir = path.join(dir, 'production');
    const cli = fileURLToPath(new URL('./demo.cli.ts', import.meta.url));
    const result = spawnSync(process.execPath, [cli], {
      env: { PATH: process.env.PATH, BV_ENV: 'production', BV_SECRET: 'f'.repeat(64), BV_ORIGIN: 'https://benevalibre.example', BV_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run demo est refusé en production');
    expect(existsSync(dataDir)).toBe(false);
  });
});
