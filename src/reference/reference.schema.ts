/** Response schemas of the reference data API (§A10). */
import { z } from '@hono/zod-openapi';

export const ActivityField = z.object({ code: z.string().openapi({ example: '2.1' }), name: z.string() }).openapi('ActivityField');

export const ActivityFieldGroups = z
  .object({
    groups: z.array(z.object({ code: z.string().openapi({ example: '2' }), name: z.string(), fields: z.array(ActivityField) })),
  })
  .openapi('ActivityFieldGroups');

export const ReferenceCategories = z
  .object({ items: z.array(z.object({ code: z.string().openapi({ example: 'gouvernance' }), name: z.string() })) })
  .openapi('ReferenceCategories');
