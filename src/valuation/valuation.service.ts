/**
 * Valuation of volunteering in euros (issue 8, spec §B2, §C). Managers of the association
 * (manage_association) set its territory, RNA and SIREN numbers and its effective-dated
 * rates; those who manage declarations read the values and the yearly summary. The
 * instance admin adds SMIC values. Rate edits never change a frozen value; the action
 * « valoriser les actions sans valeur » values the validated declarations that have none
 * (validated before valuation existed, imported, or not valued for lack of a rate) and
 * never touches one already valued. Every change is audited in its transaction.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService } from '../audit/audit.service.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError, type FieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { accessTo, requireAnyPermission, todayIn, type Asker } from '../memberships/access.ts';
import { requirePermission } from '../memberships/policy.ts';
import { freezeValuation } from './valuation.freeze.ts';
import { valuationRepository, type RateWithItems, type SmicRow } from './valuation.repository.ts';
import { normalRna, normalSiren, parseCoefficient, suggestTerritory } from './valuation.rules.ts';
import { coefficientText, summarize, type Summary } from './valuation.summary.ts';
import type { RateMethod, Territory } from './valuation.table.ts';
import { recordAssociationChange } from '../associations/association-change-events.ts';

export const MAX_RATE_CENTS = 100_000; // 1 000 € an hour: beyond, a typing mistake
const COEFFICIENT_MIN = 1000;
const COEFFICIENT_MAX = 5000;

export interface SettingsInput {
  territory: Territory;
  rnaNumber?: string | null | undefined;
  siren?: string | null | undefined;
}

export interface RateInput {
  effectiveFrom: string;
  method: RateMethod;
  coefficient?: string | number | null | undefined;
  rateCents?: number | null | undefined;
  items?: { targetId: string; rateCents: number }[] | undefined;
}

export interface RateView {
  id: string;
  effectiveFrom: string;
  method: RateMethod;
  coefficient: string | null;
  rateCents: number | null;
  items: { targetId: string; rateCents: number }[];
}

export interface SettingsView {
  territory: Territory;
  suggestedTerritory: Territory;
  postalCode: string | null;
  rnaNumber: string | null;
  siren: string | null;
}

export interface SmicView {
  territory: Territory;
  effectiveFrom: string;
  hourlyCents: number;
}

export const toRateView = (r: RateWithItems): RateView => ({
  id: r.id, effectiveFrom: r.effective_from, method: r.method, coefficient: coefficientText(r.coefficient_thousandths), rateCents: r.rate_cents,
  items: r.items.map((i) => ({ targetId: i.target_id, rateCents: i.rate_cents })),
});
const toSmicView = (r: SmicRow): SmicView => ({ territory: r.territory, effectiveFrom: r.effective_from, hourlyCents: r.hourly_cents });

const blankToNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s);

/** Parses the period: a calendar year by default, or from/to (another financial year). */
export function periodOf(q: { year?: number | undefined; from?: string | undefined; to?: string | undefined }, today: string): { from: string; to: string } {
  if (q.from || q.to) {
    if (!q.from) throw fieldError('from', 'required');
    if (!q.to) throw fieldError('to', 'required');
    if (q.to < q.from) throw fieldError('to', 'valuation_period_order');
    return { from: q.from, to: q.to };
  }
  const year = q.year ?? Number(today.slice(0, 4));
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

export function valuationService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();

  /** Checks and normalizes a rate; field errors are collected so one answer names them all. */
  async function cleanRate(trx: Db, associationId: string, input: RateInput): Promise<{ coefficient: number | null; rateCents: number | null; items: { target_id: string; rate_cents: number }[] }> {
    const errors: FieldError[] = [];
    let coefficient: number | null = null;
    let rateCents: number | null = null;
    let items: { target_id: string; rate_cents: number }[] = [];
    if (input.method === 'smic_charged') {
      coefficient = input.coefficient == null || input.coefficient === '' ? null : parseCoefficient(input.coefficient);
      if (input.coefficient == null || input.coefficient === '') errors.push({ field: 'coefficient', code: 'required' });
      else if (coefficient === null || coefficient < COEFFICIENT_MIN || coefficient > COEFFICIENT_MAX) {
        errors.push({ field: 'coefficient', code: 'valuation_coefficient_invalid' });
      }
    } else if (input.method === 'custom') {
      rateCents = input.rateCents ?? null;
      if (rateCents === null) errors.push({ field: 'rateCents', code: 'required' });
    } else if (input.method === 'per_level' || input.method === 'per_category') {
      const given = input.items ?? [];
      if (given.length === 0) errors.push({ field: 'items', code: 'valuation_items_required' });
      const known = await valuationRepository(trx).targetsOf(associationId, input.method === 'per_level' ? 'levels' : 'categories', given.map((i) => i.targetId));
      const seen = new Set<string>();
      given.forEach((item, i) => {
        if (!known.has(item.targetId) || seen.has(item.targetId)) errors.push({ field: `items.${i}.targetId`, code: 'valuation_item_unknown' });
        seen.add(item.targetId);
      });
      items = given.map((i) => ({ target_id: i.targetId, rate_cents: i.rateCents }));
    }
    if (errors.length) throw new AppError('validation', 'validation_failed', { fields: errors });
    return { coefficient, rateCents, items };
  }

  async function managing(trx: Db, asker: Asker, ref: string) {
    const access = await accessTo(trx, asker, ref);
    requirePermission(access.standing, 'manage_association');
    return access.association;
  }

  return {
    async settings(asker: Asker, ref: string): Promise<SettingsView> {
      const { association, standing } = await accessTo(db, asker, ref);
      requireAnyPermission(standing, 'manage_association', 'manage_declarations');
      const s = await valuationRepository(db).settings(association.id);
      return { territory: s.territory, suggestedTerritory: suggestTerritory(s.postal_code), postalCode: s.postal_code, rnaNumber: s.rna_number, siren: s.siren };
    },

    /** Territory, RNA and SIREN; a wrong number is named beside its field and nothing is saved. */
    async updateSettings(asker: Asker, ref: string, input: SettingsInput): Promise<SettingsView> {
      const errors: FieldError[] = [];
      const rnaText = blankToNull(input.rnaNumber);
      const sirenText = blankToNull(input.siren);
      const rna = rnaText === null ? null : normalRna(rnaText);
      const siren = sirenText === null ? null : normalSiren(sirenText);
      if (rnaText !== null && rna === null) errors.push({ field: 'rnaNumber', code: 'valuation_rna_invalid' });
      if (sirenText !== null && siren === null) errors.push({ field: 'siren', code: /^\d{9}$/.test(sirenText.replace(/\s/g, '')) ? 'valuation_siren_key' : 'valuation_siren_invalid' });
      if (errors.length) throw new AppError('validation', 'validation_failed', { fields: errors });
      return inTransaction(db, async (trx) => {
        const association = await managing(trx, asker, ref);
        const repo = valuationRepository(trx);
        const before = await repo.settings(association.id);
        await repo.updateSettings(association.id, { territory: input.territory, rna_number: rna, siren, updated_at: now() });
        const changes: Record<string, [unknown, unknown]> = {};
        if (before.territory !== input.territory) changes.territory = [before.territory, input.territory];
        if (before.rna_number !== rna) changes.rna_number = [before.rna_number, rna];
        if (before.siren !== siren) changes.siren = [before.siren, siren];
        if (Object.keys(changes).length) {
          await auditService(trx, clock).record(asker.actor, { associationId: association.id, action: 'valuation.settings', targetType: 'association', targetId: association.id, changes });
        }
        // RNA and SIREN are on the Group (members' sites fill the CEC summary with them).
        if (changes.rna_number || changes.siren) await recordAssociationChange(trx, clock, association.id);
        return { territory: input.territory, suggestedTerritory: suggestTerritory(before.postal_code), postalCode: before.postal_code, rnaNumber: rna, siren };
      });
    },

    async rates(asker: Asker, ref: string): Promise<RateView[]> {
      const { association, standing } = await accessTo(db, asker, ref);
      requireAnyPermission(standing, 'manage_association', 'manage_declarations');
      return (await valuationRepository(db).rates(association.id)).map(toRateView);
    },

    /** Adds a rate from a date, or (with `id`) changes one; frozen values stay as they are. */
    async saveRate(asker: Asker, ref: string, input: RateInput, id?: string): Promise<RateView> {
      return inTransaction(db, async (trx) => {
        const association = await managing(trx, asker, ref);
        const repo = valuationRepository(trx);
        const before = id ? await repo.rate(association.id, id) : undefined;
        if (id && !before) throw new AppError('not_found', 'not_found');
        const clash = await repo.rateFrom(association.id, input.effectiveFrom);
        if (clash && clash.id !== id) throw fieldError('effectiveFrom', 'valuation_rate_date_taken');
        const clean = await cleanRate(trx, association.id, input);
        const rateId = id ?? newId();
        await repo.saveRate({
          id: rateId, association_id: association.id, effective_from: input.effectiveFrom, method: input.method, coefficient_thousandths: clean.coefficient,
          rate_cents: clean.rateCents, created_by: asker.actor.accountId, created_at: before?.created_at ?? now(), updated_at: now(),
        }, clean.items, Boolean(before));
        const after = (await repo.rate(association.id, rateId))!;
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: before ? 'valuation.rate.update' : 'valuation.rate.create', targetType: 'association_rate', targetId: rateId,
          changes: { rate: [before ? toRateView(before) : null, toRateView(after)] },
        });
        return toRateView(after);
      });
    },

    async deleteRate(asker: Asker, ref: string, id: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        const association = await managing(trx, asker, ref);
        const repo = valuationRepository(trx);
        const before = await repo.rate(association.id, id);
        if (!before) throw new AppError('not_found', 'not_found');
        await repo.deleteRate(id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'valuation.rate.delete', targetType: 'association_rate', targetId: id, changes: { rate: [toRateView(before), null] },
        });
      });
    },

    /** Values the validated declarations that have no value yet; never changes a valued one. */
    async valueMissing(asker: Asker, ref: string): Promise<{ valued: number; notValued: number }> {
      return inTransaction(db, async (trx) => {
        const association = await managing(trx, asker, ref);
        const ids = await valuationRepository(trx).withoutValue(association.id);
        let valued = 0;
        for (const id of ids) if ((await freezeValuation(trx, id, now()))?.cents != null) valued += 1;
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'valuation.value_missing', targetType: 'association', targetId: association.id,
          changes: { valued: [null, valued], not_valued: [null, ids.length - valued] },
        });
        return { valued, notValued: ids.length - valued };
      });
    },

    /** The summary for the accounts over a period (calendar year by default). */
    async summary(asker: Asker, ref: string, q: { year?: number | undefined; from?: string | undefined; to?: string | undefined }): Promise<Summary & { association: { id: string; name: string; handle: string; rnaNumber: string | null; siren: string | null; territory: Territory } }> {
      const { association, standing } = await accessTo(db, asker, ref);
      requireAnyPermission(standing, 'manage_association', 'manage_declarations');
      const period = periodOf(q, todayIn(association.time_zone, clock.now())); // « this year » where the association is
      const repo = valuationRepository(db);
      const s = await repo.settings(association.id);
      const summary = summarize(await repo.summaryRows(association.id, period.from, period.to), await repo.rates(association.id), period, await repo.targetNames(association.id));
      return { ...summary, association: { id: association.id, name: association.name, handle: association.handle, rnaNumber: s.rna_number, siren: s.siren, territory: s.territory } };
    },

    async smic(): Promise<SmicView[]> {
      return (await valuationRepository(db).smicList()).map(toSmicView);
    },

    /** A new SMIC value (instance admin): one per territory and date; earlier values stay. */
    async addSmic(asker: Asker, input: SmicView): Promise<SmicView> {
      if (asker.viewer.kind !== 'account' || !asker.viewer.isAdmin) throw new AppError('forbidden', 'forbidden');
      return inTransaction(db, async (trx) => {
        const repo = valuationRepository(trx);
        if (await repo.smicFind(input.territory, input.effectiveFrom)) throw fieldError('effectiveFrom', 'valuation_smic_date_taken');
        await repo.smicInsert({ territory: input.territory, effective_from: input.effectiveFrom, hourly_cents: input.hourlyCents, created_by: asker.actor.accountId, created_at: now() });
        await auditService(trx, clock).record(asker.actor, {
          associationId: null, action: 'valuation.smic.create', targetType: 'smic', targetId: `${input.territory}:${input.effectiveFrom}`,
          changes: { hourly_cents: [null, input.hourlyCents] },
        });
        return input;
      });
    },
  };
}

export type ValuationService = ReturnType<typeof valuationService>;
