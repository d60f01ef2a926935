/**
 * Freezing a validation's value (spec §B2), called inside the transaction that writes the
 * validation: declarations validated by a manager, validated automatically (unmoderated
 * association, local or received from another site), and a manager's later edit of a
 * validated declaration (which re-values it at that moment). The rate is the one in force
 * on the action's date (its first day), at the moment of validation; later rate edits
 * never touch what was frozen.
 *
 * Imports (src/imports/) do not freeze: an imported association has no rate yet when its
 * history arrives, so its validations stay « pas encore valorisées » until a manager sets
 * the rates and asks to value the validated declarations without a value.
 */
import type { Db } from '../db/database.ts';
import { valuate, type Frozen, type RateInForce } from './valuation.rules.ts';
import { valuationRepository, type RateWithItems } from './valuation.repository.ts';

export const rateInForce = (r: RateWithItems | undefined): RateInForce | null =>
  r ? { method: r.method, coefficientThousandths: r.coefficient_thousandths, rateCents: r.rate_cents, items: new Map(r.items.map((i) => [i.target_id, i.rate_cents])) } : null;

/** Computes and stores the value of one validation; returns what was frozen (undefined: no such validation). */
export async function freezeValuation(trx: Db, validationId: string, at: string): Promise<Frozen | undefined> {
  const repo = valuationRepository(trx);
  const ctx = await repo.freezeContext(validationId);
  if (!ctx) return undefined;
  const rate = rateInForce(await repo.rateAt(ctx.association_id, ctx.date));
  const smic = rate && (rate.method === 'smic' || rate.method === 'smic_charged') ? await repo.smicAt(ctx.territory, ctx.date) : undefined;
  const frozen = valuate({ minutes: ctx.validated_minutes, levelId: ctx.level_id, categoryId: ctx.category_id, rate, smicCents: smic?.hourly_cents ?? null });
  await repo.setValuation(validationId, {
    valued_at: at, valuation_method: frozen.method, valuation_rate_cents: frozen.rateCents, valuation_cents: frozen.cents, valuation_reason: frozen.reason,
  });
  return frozen;
}
