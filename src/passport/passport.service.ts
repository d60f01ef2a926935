/**
 * The « passeport bénévole » (product §B3): a volunteer's whole record, in every
 * association of this site and of other sites — memberships and functions, every action
 * with its status, the validated hours per association, per year and per category — as
 * one view that the page, the JSON and the PDF share. Totals are sums of whole minutes of
 * validated actions only; pending or refused ones are listed, never added.
 */
import { displayName } from '../accounts/account.view.ts';
import type { Db } from '../db/database.ts';
import { formatDistance } from '../declarations/declaration.rules.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { functionOf } from '../cec/cec.rules.ts';
import type { MemberFunction } from '../memberships/membership.table.ts';
import { passportRepository } from './passport.repository.ts';

export interface PassportAction {
  id: string;
  kind: 'local' | 'remote';
  associationId: string;
  title: string;
  date: string;
  endDate: string | null;
  category: string;
  project: string | null;
  status: string;
  durationMinutes: number;
  validatedMinutes: number | null;
  distanceKm: string;
  reason: string | null;
  /** A declaration on another site whose validation we hold signed by the association. */
  signedValidation: boolean;
}

export interface PassportAssociation {
  kind: 'local' | 'remote';
  id: string;
  name: string;
  site: string | null;
  link: string | null;
  /** The membership's state, null when the volunteer is no longer a member. */
  membership: string | null;
  function: MemberFunction;
  since: string | null;
  validatedMinutes: number;
  validatedActions: number;
  otherActions: number;
  firstDate: string | null;
  lastDate: string | null;
  categories: { name: string; minutes: number }[];
}

export interface PassportView {
  volunteer: { id: string; displayName: string; address: string };
  site: string;
  generatedAt: string;
  totals: { validatedMinutes: number; validatedActions: number; otherActions: number; associations: number; distanceKm: string; firstDate: string | null; lastDate: string | null };
  years: { year: number; minutes: number; actions: number }[];
  associations: PassportAssociation[];
  actions: PassportAction[];
}

const hostOf = (iri: string): string | null => {
  try {
    return new URL(iri).host;
  } catch {
    return null;
  }
};

/** Adds `minutes` under `key` (insertion order kept). */
function add(map: Map<string, number>, key: string, minutes: number): void {
  map.set(key, (map.get(key) ?? 0) + minutes);
}

export function passportService(deps: { db: Db; clock: Clock; origin: string }) {
  const { db, clock, origin } = deps;

  return {
    async of(accountId: string): Promise<PassportView> {
      const repo = passportRepository(db);
      const account = await repo.account(accountId);
      if (!account) throw new AppError('not_found', 'not_found');
      const local = await repo.localDeclarations(accountId);
      const remote = await repo.remoteDeclarations(accountId);
      const actions: PassportAction[] = [
        ...local.map((d): PassportAction => ({
          id: d.id, kind: 'local', associationId: d.association_id, title: d.title, date: d.date, endDate: d.end_date, category: d.category, project: d.project,
          status: d.status, durationMinutes: d.duration_minutes, validatedMinutes: d.status === 'validated' ? d.validated_minutes : null,
          distanceKm: formatDistance(d.distance_hundredths), reason: d.status === 'rejected' ? d.rejection_reason : d.validation_reason, signedValidation: false,
        })),
        ...remote.map((d): PassportAction => ({
          id: d.id, kind: 'remote', associationId: d.group_iri, title: d.title, date: d.date, endDate: d.end_date, category: d.category, project: d.project,
          status: d.status, durationMinutes: d.duration_minutes, validatedMinutes: d.status === 'validated' ? (d.validated_minutes ?? 0) : null,
          distanceKm: formatDistance(d.distance_hundredths), reason: d.reason, signedValidation: d.status === 'validated' && d.validation !== null,
        })),
      ].sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? 1 : -1));

      const localIds = [...new Set(local.map((d) => d.association_id))];
      const remoteIris = [...new Set(remote.map((d) => d.group_iri))];
      const associations: PassportAssociation[] = [];
      for (const a of await repo.localAssociations(accountId, localIds)) {
        associations.push({
          kind: 'local', id: a.id, name: a.name, site: null, link: `/associations/${encodeURIComponent(a.handle)}`, membership: a.status ?? null,
          function: functionOf(a.function), since: a.since ?? null, validatedMinutes: 0, validatedActions: 0, otherActions: 0, firstDate: null, lastDate: null, categories: [],
        });
      }
      for (const a of await repo.remoteAssociations(accountId, remoteIris)) {
        associations.push({
          kind: 'remote', id: a.iri, name: a.actor?.name ?? hostOf(a.iri) ?? a.iri, site: a.actor?.host ?? hostOf(a.iri), link: a.actor?.url ?? null,
          membership: a.membership?.status ?? null, function: a.membership?.status === 'active' ? functionOf(a.membership.function) : 'none', since: a.membership?.since ?? null,
          validatedMinutes: 0, validatedActions: 0, otherActions: 0, firstDate: null, lastDate: null, categories: [],
        });
      }

      const years = new Map<number, { minutes: number; actions: number }>();
      const categories = new Map<string, Map<string, number>>();
      // Whole hundredths of a kilometre, summed from the rows (never through a decimal string).
      const distance = [...local, ...remote].filter((d) => d.status === 'validated').reduce((sum, d) => sum + d.distance_hundredths, 0);
      for (const action of actions) {
        const association = associations.find((a) => a.id === action.associationId);
        if (!association) continue;
        if (action.validatedMinutes === null) {
          association.otherActions += 1;
          continue;
        }
        association.validatedMinutes += action.validatedMinutes;
        association.validatedActions += 1;
        if (association.firstDate === null || action.date < association.firstDate) association.firstDate = action.date;
        if (association.lastDate === null || action.date > association.lastDate) association.lastDate = action.date;
        const perCategory = categories.get(association.id) ?? new Map<string, number>();
        add(perCategory, action.category, action.validatedMinutes);
        categories.set(association.id, perCategory);
        const year = Number(action.date.slice(0, 4));
        const y = years.get(year) ?? { minutes: 0, actions: 0 };
        years.set(year, { minutes: y.minutes + action.validatedMinutes, actions: y.actions + 1 });
      }
      for (const a of associations) a.categories = [...(categories.get(a.id) ?? new Map<string, number>())].map(([name, minutes]) => ({ name, minutes })).sort((x, y) => y.minutes - x.minutes);
      associations.sort((a, b) => b.validatedMinutes - a.validatedMinutes || a.name.localeCompare(b.name, 'fr'));

      const validated = actions.filter((a) => a.validatedMinutes !== null);
      const dates = validated.map((a) => a.date).sort();
      return {
        volunteer: { id: account.id, displayName: displayName(account), address: account.handle ? `@${account.handle}@${new URL(origin).host}` : `${origin}/ap/actors/${account.id}` },
        site: origin,
        generatedAt: clock.now().toISOString(),
        totals: {
          validatedMinutes: validated.reduce((sum, a) => sum + (a.validatedMinutes ?? 0), 0), validatedActions: validated.length,
          otherActions: actions.length - validated.length, associations: associations.length, distanceKm: formatDistance(distance),
          firstDate: dates[0] ?? null, lastDate: dates.at(-1) ?? null,
        },
        years: [...years].map(([year, y]) => ({ year, ...y })).sort((a, b) => b.year - a.year),
        associations,
        actions,
      };
    },
  };
}
