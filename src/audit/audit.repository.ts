/** SQL for the audit trail. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AuditLogTable } from '../instance/instance.table.ts';

export type AuditRow = Selectable<AuditLogTable>;

export function auditRepository(db: Db) {
  return {
    async insert(row: Insertable<AuditLogTable>): Promise<void> {
      await db.insertInto('audit_log').values(row).execute();
    },
    /** Newest first, keyset-paginated by (created_at, id). */
    async list(filter: { associationId?: string | null; before?: { createdAt: string; id: string }; limit: number }): Promise<AuditRow[]> {
      let q = db.selectFrom('audit_log').selectAll();
      if (filter.associationId !== undefined) {
        q = filter.associationId === null ? q.where('association_id', 'is', null) : q.where('association_id', '=', filter.associationId);
      }
      if (filter.before) {
        const { createdAt, id } = filter.before;
        q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
      }
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    },
  };
}
