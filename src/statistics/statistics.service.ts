/**
 * Statistics (spec §A6). An association's: for members whose role lists members,
 * manages declarations or manages the association, and admins; a year or « Total »;
 * validated declarations only, for their validated minutes. The instance's: for admins.
 * Both read maintained totals (totals.repository.ts), so they answer in the same time
 * whatever the number of declarations; the totals are first brought up to date with
 * the declarations written since the last read.
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import type { Language } from '../i18n/messages.ts';
import { accessTo, requireAnyPermission, todayIn, type Asker } from '../memberships/access.ts';
import { statisticsRepository, type CellRow, type NamedRow } from './statistics.repository.ts';
import { totalsRepository } from './totals.repository.ts';

export interface Figures {
  entries: number;
  members: number;
  minutes: number;
  distanceHundredths: number;
}

export interface AssociationStatisticsView {
  years: number[];
  year: number | null;
  totals: { declarations: number; minutes: number; distanceHundredths: number; members: number };
  byCategory: (Figures & { id: string; name: string; referenceCode: string })[];
  byLevel: (Figures & { id: string | null; name: string | null })[];
  byProject: (Figures & { id: string | null; name: string | null })[];
  byMonth: { month: string; minutes: number }[];
}

export interface InstanceStatisticsView {
  activeAssociations: number;
  activeAccounts: number;
  firstDeclarationDate: string | null;
  totals: { declarations: number; minutes: number; distanceHundredths: number; members: number; associations: number };
  byActivityGroup: { code: string; name: string; associations: number }[];
  byActivityField: { code: string; groupCode: string; name: string; associations: number }[];
  associationsWithoutField: number;
  byDefaultCategory: (Figures & { id: string | null; name: string | null; referenceCode: string | null; associations: number })[];
}

const zero = (): Figures => ({ entries: 0, members: 0, minutes: 0, distanceHundredths: 0 });
const figuresOf = (c: CellRow | undefined): Figures =>
  c ? { entries: c.entries, members: c.members, minutes: c.minutes, distanceHundredths: c.distance_hundredths } : zero();

/** Every month from `first` to `last` (YYYY-MM), inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return out;
}

/** Rows of a table: the association's own items in order, then « none » if it has entries. */
function rowsFor(items: NamedRow[], cells: Map<string, CellRow>): (Figures & { id: string | null; name: string | null })[] {
  const rows: (Figures & { id: string | null; name: string | null })[] = items.map((i) => ({ id: i.id, name: i.name, ...figuresOf(cells.get(i.id)) }));
  const none = cells.get('');
  if (none) rows.push({ id: null, name: null, ...figuresOf(none) });
  return rows;
}

export function statisticsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const repo = statisticsRepository(db);
  const totals = totalsRepository(db);

  return {
    /**
     * An association's statistics for a year (null: « Total »). 404 for an association
     * the asker may not see, 403 without listMembers, manageDeclarations or
     * manageAssociation (admins may).
     */
    async forAssociation(asker: Asker, ref: string, year: number | null): Promise<AssociationStatisticsView> {
      const { association, standing } = await accessTo(db, asker, ref);
      requireAnyPermission(standing, 'list_members', 'manage_declarations', 'manage_association');
      await totals.catchUp();
      const id = association.id;
      const [counted, cells, months, categories, levels, projects] = await Promise.all([
        repo.years(id),
        repo.cells(id, year ?? 0),
        repo.months(id, year),
        repo.categories(id),
        repo.levels(id),
        repo.projects(id),
      ]);
      const thisMonth = todayIn(association.time_zone, clock.now()).slice(0, 7);
      const thisYear = Number(thisMonth.slice(0, 4));
      const years = counted.length === 0 ? [] : Array.from({ length: Math.max(thisYear, counted.at(-1)!) - counted[0]! + 1 }, (_, i) => counted[0]! + i);
      const by = (dimension: CellRow['dimension']) => new Map(cells.filter((c) => c.dimension === dimension).map((c) => [c.dimension_id, c]));
      const all = by('all').get('');
      const minutesOf = new Map(months.map((m) => [m.month, m.minutes]));
      let span: string[] = [];
      if (year !== null) span = monthsBetween(`${year}-01`, `${year}-12`);
      else if (months.length > 0) span = monthsBetween(months[0]!.month, months.at(-1)!.month > thisMonth ? months.at(-1)!.month : thisMonth);
      const byCategoryCells = by('category');
      return {
        years,
        year,
        totals: { declarations: all?.entries ?? 0, minutes: all?.minutes ?? 0, distanceHundredths: all?.distance_hundredths ?? 0, members: all?.members ?? 0 },
        byCategory: categories.map((c) => ({ id: c.id, name: c.name, referenceCode: c.reference_code, ...figuresOf(byCategoryCells.get(c.id)) })),
        byLevel: rowsFor(levels, by('level')),
        byProject: rowsFor(projects, by('project')),
        byMonth: span.map((month) => ({ month, minutes: minutesOf.get(month) ?? 0 })),
      };
    },

    /** The instance's statistics (admin only: the route is under /admin). */
    async forInstance(lang: Language): Promise<InstanceStatisticsView> {
      await totals.catchUp();
      const [counts, sums, perField, fields, groups, defaults, perDefault] = await Promise.all([
        repo.instanceCounts(),
        repo.instanceTotals(),
        repo.associationsPerField(),
        repo.fields(),
        repo.groups(),
        repo.defaultCategories(),
        repo.perDefaultCategory(),
      ]);
      const fieldCount = new Map(perField.map((f) => [f.code, Number(f.n)]));
      const groupCount = new Map<string, number>();
      for (const f of fields) groupCount.set(f.group_code, (groupCount.get(f.group_code) ?? 0) + (fieldCount.get(f.code) ?? 0));
      const perDefaultId = new Map(perDefault.map((r) => [r.default_category_id, r]));
      const row = (r: (typeof perDefault)[number] | undefined) => ({
        entries: r?.entries ?? 0,
        associations: r?.associations ?? 0,
        members: r?.members ?? 0,
        minutes: r?.minutes ?? 0,
        distanceHundredths: r?.distance_hundredths ?? 0,
      });
      const unlinked = perDefaultId.get(null);
      return {
        ...counts,
        totals: { declarations: sums.declarations, minutes: sums.minutes, distanceHundredths: sums.distance_hundredths, members: sums.members, associations: sums.associations },
        byActivityGroup: groups.map((g) => ({ code: g.code, name: lang === 'en' ? g.name_en : g.name_fr, associations: groupCount.get(g.code) ?? 0 })),
        byActivityField: fields.map((f) => ({ code: f.code, groupCode: f.group_code, name: f.name_fr, associations: fieldCount.get(f.code) ?? 0 })),
        associationsWithoutField: fieldCount.get(null) ?? 0,
        byDefaultCategory: [
          ...defaults.map((d) => ({ id: d.id, name: d.name, referenceCode: d.reference_code, ...row(perDefaultId.get(d.id)) })),
          ...(unlinked ? [{ id: null, name: null, referenceCode: null, ...row(unlinked) }] : []),
        ],
      };
    },
  };
}

export type StatisticsService = ReturnType<typeof statisticsService>;
