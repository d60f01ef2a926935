/** Schemas of the statistics (spec §A6): an association's, and the instance's for the admin. */
import { z } from '@hono/zod-openapi';

const count = z.number().int();

export const StatisticsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'A calendar year; without it, « Total » (all years)' }),
});

const figures = {
  entries: count.openapi({ description: 'Validated declarations' }),
  members: count.openapi({ description: 'Distinct members (accounts or anonymous members) among their authors' }),
  minutes: count.openapi({ description: 'Validated minutes (the validation’s duration, possibly less than declared)' }),
  distanceHundredths: count.openapi({ description: 'Distance in hundredths of a kilometre' }),
};

export const CategoryFigures = z.object({ id: z.string(), name: z.string(), referenceCode: z.string(), ...figures }).openapi('CategoryFigures');
export const NamedFigures = z
  .object({ id: z.string().nullable().openapi({ description: 'null: declarations without level / project' }), name: z.string().nullable(), ...figures })
  .openapi('NamedFigures');

export const AssociationStatistics = z
  .object({
    years: z.array(count).openapi({ description: 'Each year from the first validated declaration to this year, oldest first' }),
    year: count.nullable().openapi({ description: 'The year shown; null for « Total »' }),
    totals: z.object({ declarations: count, minutes: count, distanceHundredths: count, members: count }),
    byCategory: z.array(CategoryFigures).openapi({ description: 'Every category of the association, in its order' }),
    byLevel: z.array(NamedFigures).openapi({ description: 'Every level, then « none » when some declarations have no level' }),
    byProject: z.array(NamedFigures).openapi({ description: 'Every project, then « none » when some declarations have no project' }),
    byMonth: z.array(z.object({ month: z.string().openapi({ example: '2026-03' }), minutes: count })).openapi({
      description: 'Validated minutes per month: the twelve months of the year, or every month from the first to this one',
    }),
  })
  .openapi('AssociationStatistics');

export const InstanceStatistics = z
  .object({
    activeAssociations: count,
    activeAccounts: count,
    firstDeclarationDate: z.string().nullable().openapi({ description: 'Date of the oldest validated declaration' }),
    totals: z.object({ declarations: count, minutes: count, distanceHundredths: count, members: count, associations: count }),
    byActivityGroup: z.array(z.object({ code: z.string(), name: z.string(), associations: count })),
    byActivityField: z.array(z.object({ code: z.string(), groupCode: z.string(), name: z.string(), associations: count })),
    associationsWithoutField: count,
    byDefaultCategory: z.array(
      z.object({
        id: z.string().nullable().openapi({ description: 'null: association categories linked to no default category' }),
        name: z.string().nullable(),
        referenceCode: z.string().nullable(),
        entries: count,
        associations: count,
        members: count,
        minutes: count,
        distanceHundredths: count,
      }),
    ),
  })
  .openapi('InstanceStatistics');
