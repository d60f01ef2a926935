/** Query schemas of the exports: the lists' filters (without the page) and the format. */
import { z } from '@hono/zod-openapi';
import { AssociationDeclarationsQuery, MyDeclarationsQuery } from '../declarations/declaration.schema.ts';

const format = z.enum(['csv', 'ods', 'json']).default('csv').openapi({ description: 'csv (UTF-8 with BOM, `;`), ods (OpenDocument) or json' });

export const MyExportQuery = MyDeclarationsQuery.omit({ page: true }).extend({ format });
export const AssociationExportQuery = AssociationDeclarationsQuery.omit({ page: true }).extend({ format });

export const ExportItem = z
  .object({
    id: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    pseudo: z.string().nullable(),
    association: z.string(),
    title: z.string(),
    description: z.string(),
    date: z.string(),
    endDate: z.string().nullable(),
    duration: z.string().openapi({ example: '12 h 30' }),
    durationMinutes: z.number().int(),
    durationHours: z.string().openapi({ example: '12.50' }),
    pending: z.boolean(),
    status: z.enum(['pending', 'validated', 'rejected']),
    statusLabel: z.string(),
    validatedDuration: z.string().nullable(),
    validatedMinutes: z.number().int().nullable(),
    distanceKm: z.string().openapi({ example: '12.50' }),
    category: z.string(),
    project: z.string().nullable(),
    level: z.string().nullable(),
  })
  .openapi('ExportItem');
