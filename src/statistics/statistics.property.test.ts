/**
 * Property (issue 4): whatever sequence of valid declarations, edits, validations (whole
 * or partial), rejections and deletions goes through the declaration services, with
 * statistics read at random moments in between, the maintained totals equal a
 * recomputation from scratch — in plain JavaScript from the raw rows, and by the
 * set-based rebuild.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { account, association, join, type TestAccount } from '../memberships/testing.ts';
import type { Asker } from '../memberships/access.ts';
import { AppError } from '../lib/errors.ts';
import { declarationService } from '../declarations/declaration.service.ts';
import { moderationService } from '../declarations/declaration-moderation.service.ts';
import { addAnonymous, addCatalog, expectMatches, recompute, snapshotTotals, type Catalog } from './declaration-rows.fixtures.ts';
import { statisticsService } from './statistics.service.ts';
import { totalsRepository } from './totals.repository.ts';

type Who = 'manager' | 'v1' | 'v2' | 'anonymous';

/** Indexes into the side's catalog, days before today, minutes, hundredths of a km. */
interface FieldChoice {
  categoryId?: number;
  levelId?: number | null;
  projectId?: number | null;
  date?: number;
  durationMinutes?: number;
  distance?: number;
}

const who = fc.constantFrom<Who>('manager', 'v1', 'v2', 'anonymous');
const pick = fc.nat(50);
const change = fc.record(
  {
    categoryId: fc.nat(2),
    levelId: fc.option(fc.nat(1)),
    projectId: fc.option(fc.nat(1)),
    date: fc.nat(5 * 366),
    durationMinutes: fc.integer({ min: 0, max: 600 }),
    distance: fc.integer({ min: 0, max: 3000 }),
  },
  { requiredKeys: [] },
);

const operation = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('create' as const), moderated: fc.boolean(), by: who, forOther: fc.option(who), fields: change }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('validate' as const), pick, part: fc.option(fc.double({ min: 0, max: 1, noNaN: true })) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reject' as const), pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('edit' as const), pick, by: fc.constantFrom('manager', 'author'), fields: change, author: fc.option(who) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('remove' as const), pick, by: fc.constantFrom('manager', 'author') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('read' as const) }) },
);

const DAY = 86_400_000;
const TODAY = Date.UTC(2026, 10, 27);
const dateOf = (daysBack: number) => new Date(TODAY - daysBack * DAY).toISOString().slice(0, 10);

describe('statistics property', () => {
  let t: TestApp;
  let people: Record<Exclude<Who, 'anonymous'>, TestAccount>;
  const askerOf = (accountId: string, isAdmin = false): Asker => ({ viewer: { kind: 'account', accountId, isAdmin }, actor: { accountId, label: 'Quelqu’un' } });

  beforeAll(async () => {
    t = await createTestApp();
    people = {
      manager: await account(t, 'gestion@exemple.fr'),
      v1: await account(t, 'v1@exemple.fr'),
      v2: await account(t, 'v2@exemple.fr'),
    };
  });

  it('keeps the totals equal to a recomputation from scratch', async () => {
    const deps = { db: t.db, clock: t.clock, origin: t.config.origin, settings: t.services.settings };
    const declarations = declarationService(deps);
    const moderation = moderationService(deps);
    const statistics = statisticsService({ db: t.db, clock: t.clock });
    const admin = askerOf(people.manager.id, true);
    let run = 0;
    let applied = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 40, size: 'max' }), async (ops) => {
        run += 1;
        // Two fresh associations per run, one moderating declarations, one not.
        const sides = [] as { id: string; moderated: boolean; catalog: Catalog; anonymous: string }[];
        for (const moderated of [false, true]) {
          const a = await association(t, `Asso ${run} ${moderated}`, { creatorId: people.manager.id });
          await join(t, a, people.v1.id);
          await join(t, a, people.v2.id);
          if (moderated) await t.db.updateTable('associations').set({ moderate_declarations: 1 }).where('id', '=', a.id).execute();
          sides.push({ id: a.id, moderated, catalog: await addCatalog(t.db, a.id, { categories: 3, levels: 2, projects: 2 }), anonymous: await addAnonymous(t.db, a.id, 'Anonyme') });
        }
        const created: { id: string; side: number; author: Who }[] = [];
        const asker = (w: Who, side: number): Asker =>
          w === 'anonymous'
            ? { viewer: { kind: 'anonymous', anonymousMemberId: sides[side]!.anonymous, associationId: sides[side]!.id }, actor: { accountId: null, label: 'Membre anonyme' } }
            : askerOf(people[w].id);
        const authorChoice = (w: Who, side: number) => (w === 'anonymous' ? { type: 'anonymous' as const, id: sides[side]!.anonymous } : { type: 'account' as const, id: people[w].id });
        const fieldsOf = (f: FieldChoice, side: number) => {
          const c = sides[side]!.catalog;
          return {
            ...(f.categoryId !== undefined ? { categoryId: c.categories[f.categoryId]! } : {}),
            ...(f.levelId !== undefined ? { levelId: f.levelId === null ? null : c.levels[f.levelId]! } : {}),
            ...(f.projectId !== undefined ? { projectId: f.projectId === null ? null : c.projects[f.projectId]! } : {}),
            ...(f.date !== undefined ? { date: dateOf(f.date) } : {}),
            ...(f.durationMinutes !== undefined ? { durationMinutes: f.durationMinutes } : {}),
            ...(f.distance !== undefined ? { distanceKm: (f.distance / 100).toFixed(2) } : {}),
          };
        };

        for (const o of ops) {
          const target = 'pick' in o && created.length > 0 ? created[o.pick % created.length]! : undefined;
          try {
            if (o.op === 'create') {
              const side = o.moderated ? 1 : 0;
              const fields = { categoryId: 0, date: 10, durationMinutes: 60, distance: 0, ...o.fields };
              if (fields.durationMinutes === 0 && fields.distance === 0) fields.distance = 150; // a zero duration needs a distance
              const forOther = o.by === 'manager' && o.forOther ? o.forOther : null;
              const body = { title: 'Action', ...fieldsOf(fields, side), ...(forOther ? { author: authorChoice(forOther, side) } : {}) } as Parameters<typeof declarations.create>[2];
              const { view } = await declarations.create(asker(o.by, side), sides[side]!.id, body);
              created.push({ id: view.id, side, author: forOther ?? o.by });
            } else if (o.op === 'validate' && target) {
              const d = await t.db.selectFrom('declarations').select('duration_minutes').where('id', '=', target.id).executeTakeFirst();
              const minutes = o.part === null || !d ? undefined : Math.floor(d.duration_minutes * o.part);
              await moderation.validate(askerOf(people.manager.id), target.id, minutes === undefined || minutes === d?.duration_minutes ? {} : { validatedMinutes: minutes, reason: 'En partie' });
            } else if (o.op === 'reject' && target) {
              await moderation.reject(askerOf(people.manager.id), target.id, 'Refusée pour le test');
            } else if (o.op === 'edit' && target) {
              const by = o.by === 'manager' ? asker('manager', target.side) : asker(target.author, target.side);
              const patch = { ...fieldsOf(o.fields, target.side), ...(o.by === 'manager' && o.author ? { author: authorChoice(o.author, target.side) } : {}) };
              await declarations.update(by, target.id, patch as Parameters<typeof declarations.update>[2]);
            } else if (o.op === 'remove' && target) {
              await declarations.remove(o.by === 'manager' ? asker('manager', target.side) : asker(target.author, target.side), target.id);
            } else if (o.op === 'read') {
              await statistics.forAssociation(admin, sides[0]!.id, null);
            }
            if (o.op !== 'read' && (o.op === 'create' || target)) applied += 1;
          } catch (error) {
            // Refused by a rule (zero duration and distance, validated and locked, nothing to do…): nothing happened.
            if (!(error instanceof AppError)) throw error;
          }
        }

        for (const side of sides) {
          for (const year of [null, 2022, 2023, 2024, 2025, 2026]) {
            const s = await statistics.forAssociation(admin, side.id, year);
            const expected = await recompute(t.db, side.id, year);
            expectMatches(s, expected);
            if (year === null) expect(s.years[0] ?? null).toBe(expected.years[0] ?? null);
          }
        }
        // The incremental path equals the set-based rebuild, row for row.
        const incremental = await snapshotTotals(t.db);
        await totalsRepository(t.db).rebuild();
        expect(await snapshotTotals(t.db)).toEqual(incremental);
      }),
      { numRuns: 30 },
    );
    // The sequences did things (not only refused operations).
    expect(applied).toBeGreaterThan(200);
    expect(await t.db.selectFrom('statistics_ledger').select('declaration_id').limit(1).executeTakeFirst()).toBeDefined();
  }, 120_000);
});
