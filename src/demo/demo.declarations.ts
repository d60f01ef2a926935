/**
 * A year of plausible declarations for one demo association, as rows ready to insert:
 * a few actions a month per person, the categories weighted towards field work, quick
 * durations, some distances (a few travel-only), sometimes a level or a project.
 * Moderated associations: mostly validated by their manager a few days later (some with
 * less time than declared, with a reason), some rejected with a reason, the last weeks
 * partly pending. Unmoderated ones: validated automatically, as the service does.
 * Deterministic (seeded by the association's name) so the demo looks the same each time.
 */
import type { Insertable } from 'kysely';
import type { DeclarationsTable, ValidationsTable } from '../declarations/declaration.table.ts';
import { newId } from '../lib/ids.ts';
import { CATEGORY_WEIGHTS, DURATIONS, PARTIAL_REASONS, REJECTION_REASONS, TITLES } from './demo.data.ts';

export type Random = () => number;

/** mulberry32 over a hash of the seed: small, fast, good enough for fake data. */
export function randomFor(seed: string): Random {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export interface DemoPerson {
  accountId: string;
  name: string;
}

export interface DemoCatalog {
  categories: { id: string; reference_code: string }[];
  levels: string[];
  projects: string[];
}

export interface DemoRow {
  declaration: Insertable<DeclarationsTable>;
  validation: Insertable<ValidationsTable> | null;
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** An instant on that calendar day (evening, Paris time roughly), never after `now`. */
function instantOn(date: string, hour: number, now: Date): string {
  const t = Math.min(Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`), now.getTime());
  return new Date(t).toISOString();
}

function weightedCategory(random: Random, categories: DemoCatalog['categories']): DemoCatalog['categories'][number] {
  const weights = categories.map((c) => CATEGORY_WEIGHTS[c.reference_code] ?? 1);
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (const [i, c] of categories.entries()) {
    r -= weights[i]!;
    if (r < 0) return c;
  }
  return categories[categories.length - 1]!;
}

export function declarationsFor(input: {
  associationId: string;
  moderated: boolean;
  members: DemoPerson[];
  manager: DemoPerson;
  catalog: DemoCatalog;
  /** Today in the association's time zone (YYYY-MM-DD). */
  today: string;
  now: Date;
  random: Random;
}): DemoRow[] {
  const { associationId, moderated, members, manager, catalog, today, now, random } = input;
  const rows: DemoRow[] = [];
  for (const member of members) {
    const perMonth = 1 + Math.floor(random() * 4); // 1 to 4 actions a month
    const count = perMonth * 12;
    for (let n = 0; n < count; n++) {
      const ageDays = Math.floor(random() * 365);
      const date = addDays(today, -ageDays);
      const category = weightedCategory(random, catalog.categories);
      const travelOnly = random() < 0.04;
      const multiDay = !travelOnly && ageDays > 2 && random() < 0.03;
      const endDate = multiDay ? addDays(date, 1) : null;
      const duration = travelOnly ? 0 : multiDay ? 840 : pick(random, DURATIONS);
      const distance = travelOnly || random() < 0.25 ? 150 + Math.floor(random() * 4500) : 0;
      const createdAt = instantOn(endDate ?? date, 18 + Math.floor(random() * 4), now);
      const id = newId();

      let status: 'pending' | 'validated' | 'rejected' = 'validated';
      if (moderated) {
        if (ageDays < 21 && random() < 0.5) status = 'pending';
        else if (random() < 0.06) status = 'rejected';
      }
      let validation: DemoRow['validation'] = null;
      if (status === 'validated') {
        const partial = moderated && duration >= 120 && random() < 0.05;
        const validatedMinutes = partial ? duration - 60 : duration;
        validation = {
          id: newId(),
          declaration_id: id,
          validated_by: moderated ? manager.accountId : null,
          validated_by_label: moderated ? manager.name : 'Validation automatique',
          validated_at: moderated ? instantOn(addDays(endDate ?? date, 1 + Math.floor(random() * 5)), 9, now) : createdAt,
          validated_minutes: validatedMinutes,
          reason: partial ? pick(random, PARTIAL_REASONS) : null,
          imported: 0,
          superseded_at: null,
        };
      }
      const rejected = status === 'rejected';
      rows.push({
        declaration: {
          id,
          association_id: associationId,
          author_type: 'account',
          author_account_id: member.accountId,
          author_anonymous_id: null,
          category_id: category.id,
          project_id: catalog.projects.length > 0 && random() < 0.35 ? pick(random, catalog.projects) : null,
          level_id: catalog.levels.length > 0 && random() < 0.5 ? pick(random, catalog.levels) : null,
          title: travelOnly ? 'Trajet pour l’association' : pick(random, TITLES[category.reference_code] ?? TITLES.autre!),
          description: random() < 0.3 ? 'Merci à toute l’équipe !' : '',
          date,
          end_date: endDate,
          duration_minutes: duration,
          distance_hundredths: distance,
          status,
          rejection_reason: rejected ? pick(random, REJECTION_REASONS) : null,
          rejected_at: rejected ? instantOn(addDays(date, 2), 9, now) : null,
          rejected_by: rejected ? manager.accountId : null,
          validation_id: validation?.id ?? null,
          idempotency_key: null,
          created_by: member.accountId,
          created_at: createdAt,
          updated_at: createdAt,
        },
        validation,
      });
    }
  }
  return rows;
}
