/** Request and response schemas of the CEC helper. */
import { z } from '@hono/zod-openapi';
import { AssociationParam } from '../memberships/membership.schema.ts';

const memberFunction = z.enum(['governance', 'supervision', 'none']);
const date = z.string().openapi({ format: 'date' });

export const CecYearQuery = z.object({
  year: z.coerce.number().int().optional().openapi({ description: 'Calendar year (default: until 30 June the previous year, then the current one)' }),
});

export const CecValidatorParam = AssociationParam.extend({ membershipId: z.string().min(1).max(64) });

const Deadlines = z
  .object({
    declareFrom: date, declareBy: date, validateBy: date,
    phase: z.enum(['year_running', 'declaration_open', 'validation_only', 'closed']).openapi({ description: 'Where the year stands today (Europe/Paris)' }),
  })
  .openapi('CecDeadlines');

const Hints = z
  .object({
    totalMinutes: z.number().int(), countedMinutes: z.number().int().openapi({ description: 'Minutes in associations where the function counts' }),
    bestAssociationMinutes: z.number().int(), yearReached: z.boolean().openapi({ description: '≥ 200 h counted' }),
    oneAssociationReached: z.boolean().openapi({ description: '≥ 100 h counted in one association' }), hasFunction: z.boolean(), likelyEligible: z.boolean(),
    missingYearMinutes: z.number().int(), missingOneAssociationMinutes: z.number().int(),
  })
  .openapi('CecHints');

const CecAssociation = z
  .object({
    kind: z.enum(['local', 'remote']), id: z.string().openapi({ description: 'Association id here, or the Group id on the other site' }),
    name: z.string(), site: z.string().nullable(), link: z.string().nullable(), rna: z.string().nullable(), siren: z.string().nullable(),
    function: memberFunction, counts: z.boolean(), minutes: z.number().int(), actions: z.number().int(),
  })
  .openapi('CecAssociation');

const AssociationRef = z.object({ id: z.string(), handle: z.string(), name: z.string() });

export const MyCec = z
  .object({
    year: z.number().int(), years: z.array(z.number().int()), today: date, associations: z.array(CecAssociation), hints: Hints, deadlines: Deadlines,
    summary: z.string().openapi({ description: 'Text to copy into « Le Compte Bénévole » (French)' }), validatorOf: z.array(AssociationRef),
  })
  .openapi('MyCec');

export const AssociationCec = z
  .object({
    association: AssociationRef.extend({ rna: z.string().nullable(), siren: z.string().nullable() }),
    year: z.number().int(), deadlines: Deadlines,
    items: z.array(z.object({
      accountId: z.string(), membershipId: z.string().nullable(), displayName: z.string(), site: z.string().nullable(), function: memberFunction,
      minutes: z.number().int(), actions: z.number().int(), oneAssociationReached: z.boolean(), functionCounts: z.boolean(), mayBeEligible: z.boolean(),
    })),
    validators: z.array(z.object({ membershipId: z.string(), accountId: z.string(), displayName: z.string(), designatedAt: z.string() })),
    candidates: z.array(z.object({ membershipId: z.string(), displayName: z.string() })),
    canDesignate: z.boolean(),
  })
  .openapi('AssociationCec');
