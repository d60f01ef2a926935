/**
 * The yearly summary for the accounts (spec §B2, ANC 2018-06): hours and value by
 * category, by project and by month, what could not be valued and why, distance apart (travel
 * costs waived are a donation, not a contribution in kind), and the balanced entry
 * debit 864 « Personnel bénévole » / credit 875 « Bénévolat ». Pure: every figure is a
 * sum of frozen integer cents and minutes.
 */
import type { SummaryRow, RateWithItems } from './valuation.repository.ts';
import type { RateMethod } from './valuation.table.ts';

export interface SummaryLine {
  id: string | null;
  name: string | null;
  minutes: number;
  valuedMinutes: number;
  cents: number;
  count: number;
}

/** One month of the period (« 2026-03 »): every month is listed, empty ones with zeros. */
export interface MonthLine {
  month: string;
  minutes: number;
  valuedMinutes: number;
  cents: number;
  count: number;
}

/** Why some validated time has no value: frozen reasons, or `not_yet_valued` (validated before valuation existed, imported). */
export interface NotValuedLine {
  reason: string;
  count: number;
  minutes: number;
}

export interface RateStatement {
  effectiveFrom: string;
  effectiveTo: string | null;
  method: RateMethod;
  coefficient: string | null;
  rateCents: number | null;
  items: { targetId: string; name: string | null; rateCents: number }[];
}

export interface Summary {
  period: { from: string; to: string };
  totals: { minutes: number; valuedMinutes: number; cents: number; count: number; distanceHundredths: number };
  byCategory: SummaryLine[];
  byProject: SummaryLine[];
  /** By month of the action's date, every month of the period in order. */
  byMonth: MonthLine[];
  notValued: NotValuedLine[];
  /** Methods the frozen values used, most used first. */
  methodsUsed: RateMethod[];
  /** The association's rates in force at some point of the period. */
  rates: RateStatement[];
  entry: { debit: { account: '864'; label: string; cents: number }; credit: { account: '875'; label: string; cents: number } };
}

function add(map: Map<string, SummaryLine>, key: string, id: string | null, name: string | null, r: SummaryRow): void {
  const line = map.get(key) ?? { id, name, minutes: 0, valuedMinutes: 0, cents: 0, count: 0 };
  line.minutes += r.validated_minutes;
  line.count += 1;
  if (r.valuation_cents !== null) {
    line.cents += r.valuation_cents;
    line.valuedMinutes += r.validated_minutes;
  }
  map.set(key, line);
}

/** The coefficient in thousandths → « 1,45 ». */
export const coefficientText = (t: number | null): string | null =>
  t === null ? null : `${Math.floor(t / 1000)},${String(t % 1000).padStart(3, '0')}`.replace(/,?0+$/, '') || '0';

/** Rates whose span [effective_from, next one's start) meets [from, to]. `rates` newest first. */
export function ratesOver(rates: RateWithItems[], from: string, to: string, names: ReadonlyMap<string, string> = new Map()): RateStatement[] {
  const ascending = [...rates].sort((a, b) => a.effective_from.localeCompare(b.effective_from));
  const out: RateStatement[] = [];
  ascending.forEach((r, i) => {
    const next = ascending[i + 1]?.effective_from ?? null;
    if (r.effective_from > to || (next !== null && next <= from)) return;
    out.push({
      effectiveFrom: r.effective_from, effectiveTo: next ? previousDay(next) : null, method: r.method,
      coefficient: r.method === 'smic_charged' ? coefficientText(r.coefficient_thousandths) : null,
      rateCents: r.method === 'custom' ? r.rate_cents : null, items: r.items.map((x) => ({ targetId: x.target_id, name: names.get(x.target_id) ?? null, rateCents: x.rate_cents })),
    });
  });
  return out;
}

/** « 2026-11 », « 2026-12 », « 2027-01 »… from the month of `from` to the month of `to`. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return out;
    out.push(month);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

function previousDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function summarize(rows: SummaryRow[], rates: RateWithItems[], period: { from: string; to: string }, names: ReadonlyMap<string, string> = new Map()): Summary {
  const categories = new Map<string, SummaryLine>();
  const projects = new Map<string, SummaryLine>();
  const notValued = new Map<string, NotValuedLine>();
  const months = new Map<string, MonthLine>(monthsOf(period.from, period.to).map((month) => [month, { month, minutes: 0, valuedMinutes: 0, cents: 0, count: 0 }]));
  const methods = new Map<RateMethod, number>();
  const totals = { minutes: 0, valuedMinutes: 0, cents: 0, count: 0, distanceHundredths: 0 };
  for (const r of rows) {
    add(categories, r.category_id, r.category_id, r.category_name, r);
    add(projects, r.project_id ?? '', r.project_id, r.project_name, r);
    // Rows come from the period, so their month is one of its months; a stray one still counts.
    const month = months.get(r.date.slice(0, 7)) ?? { month: r.date.slice(0, 7), minutes: 0, valuedMinutes: 0, cents: 0, count: 0 };
    month.minutes += r.validated_minutes;
    month.count += 1;
    if (r.valuation_cents !== null) {
      month.cents += r.valuation_cents;
      month.valuedMinutes += r.validated_minutes;
    }
    months.set(month.month, month);
    totals.minutes += r.validated_minutes;
    totals.count += 1;
    totals.distanceHundredths += r.distance_hundredths;
    if (r.valuation_cents !== null) {
      totals.cents += r.valuation_cents;
      totals.valuedMinutes += r.validated_minutes;
      const m = r.valuation_method as RateMethod;
      methods.set(m, (methods.get(m) ?? 0) + 1);
    } else {
      const reason = r.valued_at === null ? 'not_yet_valued' : (r.valuation_reason ?? 'no_rate');
      const line = notValued.get(reason) ?? { reason, count: 0, minutes: 0 };
      line.count += 1;
      line.minutes += r.validated_minutes;
      notValued.set(reason, line);
    }
  }
  // Projects: named ones by name, « sans projet » last.
  const byProject = [...projects.values()].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : (a.name ?? '').localeCompare(b.name ?? '', 'fr')));
  return {
    period,
    totals,
    byCategory: [...categories.values()],
    byProject,
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    notValued: [...notValued.values()],
    methodsUsed: [...methods.entries()].sort((a, b) => b[1] - a[1]).map(([m]) => m),
    rates: ratesOver(rates, period.from, period.to, names),
    entry: {
      debit: { account: '864', label: 'Personnel bénévole', cents: totals.cents },
      credit: { account: '875', label: 'Bénévolat', cents: totals.cents },
    },
  };
}
