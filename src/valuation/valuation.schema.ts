/** Request and response schemas of valuation (issue 8, spec §B2). Money in integer cents. */
import { z } from '@hono/zod-openapi';
import { isCalendarDate } from '../declarations/declaration.rules.ts';
import { AssociationParam } from '../memberships/membership.schema.ts';
import { MAX_RATE_CENTS } from './valuation.service.ts';

const isoDate = z.string().refine(isCalendarDate, 'declaration_date_invalid').openapi({ format: 'date', example: '2026-01-01' });
const cents = z.number().int().min(1).max(MAX_RATE_CENTS).openapi({ description: 'Hourly rate in cents (1202 = 12,02 €)' });
export const Territory = z.enum(['metropole', 'mayotte']).openapi({ description: 'metropole: the national SMIC (metropolitan France and most overseas departments); mayotte: Mayotte’s own' });
const Method = z.enum(['smic', 'smic_charged', 'per_level', 'per_category', 'custom']).openapi({
  description: 'smic: SMIC horaire brut of the territory; smic_charged: SMIC × coefficient (employer charges); per_level / per_category: a rate for each; custom: one rate chosen by the association',
});

export const RateParam = AssociationParam.extend({ rateId: z.string().min(1).max(64) });

export const SettingsBody = z.object({
  territory: Territory,
  rnaNumber: z.string().max(40).nullable().optional().openapi({ description: 'RNA number: W and 9 digits; empty or null removes it' }),
  siren: z.string().max(40).nullable().optional().openapi({ description: 'SIREN: 9 digits with a valid Luhn key; empty or null removes it' }),
}).openapi('ValuationSettingsBody');

export const Settings = z.object({
  territory: Territory,
  suggestedTerritory: Territory.openapi({ description: 'From the postal code: 976xx → mayotte' }),
  postalCode: z.string().nullable(),
  rnaNumber: z.string().nullable(),
  siren: z.string().nullable(),
}).openapi('ValuationSettings');

const RateItem = z.object({ targetId: z.string().min(1).max(64).openapi({ description: 'A level (per_level) or category (per_category) of the association' }), rateCents: cents });

export const RateBody = z.object({
  effectiveFrom: isoDate.openapi({ description: 'First day the rate applies to (the date of the action); in force until the next rate starts' }),
  method: Method,
  coefficient: z.union([z.string().max(10), z.number()]).nullable().optional().openapi({ description: 'smic_charged: e.g. "1,45" (1 to 5, 3 decimals at most)' }),
  rateCents: cents.nullable().optional().openapi({ description: 'custom: the hourly rate in cents' }),
  items: z.array(RateItem).max(200).optional().openapi({ description: 'per_level / per_category: the hourly rate of each' }),
}).openapi('ValuationRateBody');

export const Rate = z.object({
  id: z.string(),
  effectiveFrom: z.string(),
  method: Method,
  coefficient: z.string().nullable(),
  rateCents: z.number().int().nullable(),
  items: z.array(z.object({ targetId: z.string(), rateCents: z.number().int() })),
}).openapi('ValuationRate');
export const RateList = z.object({ items: z.array(Rate) }).openapi('ValuationRateList');

export const ValueMissingResult = z.object({
  valued: z.number().int().openapi({ description: 'Validated declarations valued now' }),
  notValued: z.number().int().openapi({ description: 'Still without a value (no rate in force on their date…)' }),
}).openapi('ValuationValueMissingResult');

export const SummaryQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'A calendar year (default: the current one)' }),
  from: isoDate.optional().openapi({ description: 'Start of another financial year (with `to`)' }),
  to: isoDate.optional(),
});
export const SummaryExportQuery = SummaryQuery.extend({ format: z.enum(['csv', 'pdf']).default('csv') });

const Line = z.object({ id: z.string().nullable(), name: z.string().nullable(), minutes: z.number().int(), valuedMinutes: z.number().int(), cents: z.number().int(), count: z.number().int() });

export const Summary = z.object({
  association: z.object({ id: z.string(), name: z.string(), handle: z.string(), rnaNumber: z.string().nullable(), siren: z.string().nullable(), territory: Territory }),
  period: z.object({ from: z.string(), to: z.string() }),
  totals: z.object({ minutes: z.number().int(), valuedMinutes: z.number().int(), cents: z.number().int(), count: z.number().int(), distanceHundredths: z.number().int() }),
  byCategory: z.array(Line),
  byProject: z.array(Line).openapi({ description: 'id null: declarations without a project' }),
  byMonth: z.array(z.object({ month: z.string().openapi({ example: '2026-03' }), minutes: z.number().int(), valuedMinutes: z.number().int(), cents: z.number().int(), count: z.number().int() }))
    .openapi({ description: 'Every month of the period in order (by the action’s date), empty ones with zeros; sums to the totals' }),
  notValued: z.array(z.object({ reason: z.string(), count: z.number().int(), minutes: z.number().int() })).openapi({
    description: 'reason: no_rate | no_smic | no_level | level_without_rate | category_without_rate | not_yet_valued',
  }),
  methodsUsed: z.array(Method),
  rates: z.array(z.object({
    effectiveFrom: z.string(), effectiveTo: z.string().nullable(), method: Method, coefficient: z.string().nullable(), rateCents: z.number().int().nullable(),
    items: z.array(z.object({ targetId: z.string(), name: z.string().nullable(), rateCents: z.number().int() })),
  })),
  entry: z.object({
    debit: z.object({ account: z.literal('864'), label: z.string(), cents: z.number().int() }),
    credit: z.object({ account: z.literal('875'), label: z.string(), cents: z.number().int() }),
  }).openapi({ description: 'Balanced entry of règlement ANC 2018-06: debit 864 « Personnel bénévole », credit 875 « Bénévolat »' }),
}).openapi('ValuationSummary');

export const Smic = z.object({ territory: Territory, effectiveFrom: z.string(), hourlyCents: z.number().int() }).openapi('Smic');
export const SmicList = z.object({ items: z.array(Smic) }).openapi('SmicList');
export const SmicBody = z.object({
  territory: Territory,
  effectiveFrom: isoDate,
  hourlyCents: cents,
}).openapi('SmicBody');
