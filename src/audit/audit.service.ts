/**
 * The audit trail (spec §A9): every change to association data records who, when and
 * what. Services call `record` inside the same transaction as the change, so a change
 * without its trace cannot exist.
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { auditRepository, type AuditRow } from './audit.repository.ts';

export interface Actor {
  /** null for the system (imports, command line). */
  accountId: string | null;
  /** Kept as text so the trail stays readable after the account is deleted. */
  label: string;
}

export const SYSTEM_ACTOR: Actor = { accountId: null, label: 'Système' };

export interface AuditEntry {
  associationId: string | null;
  action: string; // e.g. association.update, role.create, membership.approve
  targetType: string; // association | role | membership | anonymous_member | settings | announcement …
  targetId: string | null;
  /** Field → [before, after]; omit unchanged fields. */
  changes?: Record<string, [unknown, unknown]> | null;
}

export interface AuditView {
  id: string;
  associationId: string | null;
  actor: { accountId: string | null; label: string };
  action: string;
  targetType: string;
  targetId: string | null;
  changes: Record<string, [unknown, unknown]> | null;
  createdAt: string;
}

const toView = (r: AuditRow): AuditView => ({
  id: r.id,
  associationId: r.association_id,
  actor: { accountId: r.actor_account_id, label: r.actor_label },
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  changes: r.changes ? (JSON.parse(r.changes) as Record<string, [unknown, unknown]>) : null,
  createdAt: r.created_at,
});

/** The fields whose value differs between two versions of a row, as [before, after]. */
export function diff<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] !== undefined && after[key] !== before[key]) changes[String(key)] = [before[key], after[key]];
  }
  return changes;
}

/** Call with the transaction's db so the trace commits (or not) with the change. */
export function auditService(db: Db, clock: Clock) {
  const repo = auditRepository(db);
  return {
    async record(actor: Actor, entry: AuditEntry): Promise<void> {
      await repo.insert({
        id: newId(),
        association_id: entry.associationId,
        actor_account_id: actor.accountId,
        actor_label: actor.label,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        changes: entry.changes && Object.keys(entry.changes).length > 0 ? JSON.stringify(entry.changes) : null,
        created_at: clock.now().toISOString(),
      });
    },
    /** Newest first; pass the last item's (createdAt, id) as `before` for the next page. */
    async list(filter: { associationId?: string | null; before?: { createdAt: string; id: string }; limit?: number }): Promise<AuditView[]> {
      return (await repo.list({ ...filter, limit: Math.min(filter.limit ?? 50, 200) })).map(toView);
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
