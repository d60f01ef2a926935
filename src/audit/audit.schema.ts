/** The audit trail as the API shows it, to managers and to the instance admin alike. */
import { z } from '@hono/zod-openapi';

export const AuditEntry = z
  .object({
    id: z.string(),
    associationId: z.string().nullable(),
    actor: z.object({ accountId: z.string().nullable(), label: z.string() }),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
    createdAt: z.string(),
  })
  .openapi('AuditEntry');
export const AuditList = z.object({ items: z.array(AuditEntry) }).openapi('AuditList');
