/**
 * Rules of our accounts' memberships in associations of other sites (flow 2, the
 * volunteer's side): a request (stable Join id, pending until the association answers),
 * the answers it gets (Accept with the Membership → active, TentativeAccept → pending,
 * Reject → rejected with its reason), a removal or a changed function, and leaving. No
 * Fedify and no HTTP here: remote-membership.ts sends, the inbox
 * (inbox/membership-answers.ts) calls in.
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { remoteMembershipRepository, type RemoteMembershipRow } from './remote-membership.repository.ts';
import type { RemoteMembershipStatus, RemoteMembershipsTable } from './remote-membership.table.ts';
import { activityIri } from './uris.ts';

export interface RemoteMembershipView {
  id: string;
  actor: string;
  name: string;
  handle: string | null;
  url: string | null;
  status: RemoteMembershipStatus;
  reason: string | null;
  function: string | null;
  /** When the association's site said it was deleted (« association supprimée »); the row is kept. */
  associationDeletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const FUNCTIONS = new Set(['governance', 'supervision']);

export function remoteMembershipService(deps: { db: Db; clock: Clock; origin: string }) {
  const repo = remoteMembershipRepository(deps.db);
  const now = () => deps.clock.now().toISOString();
  const toView = (row: RemoteMembershipRow): RemoteMembershipView => ({
    id: row.id, actor: row.group_iri, name: row.name ?? row.handle ?? new URL(row.group_iri).host, handle: row.handle, url: row.url,
    status: row.status, reason: row.reason, function: row.function, associationDeletedAt: row.association_deleted_at, createdAt: row.created_at, updatedAt: row.updated_at,
  });

  return {
    /**
     * Records a request to join (pending, with a new stable Join id) or returns the one
     * awaiting an answer (its Join is sent again under the same id). After a refusal or
     * a removal, a new request is a new Join. Already a member: 409.
     */
    async start(accountId: string, groupIri: string): Promise<RemoteMembershipsTable> {
      const existing = await repo.find(accountId, groupIri);
      if (existing?.status === 'pending') return existing;
      if (existing?.status === 'active') throw new AppError('conflict', 'remote_membership_exists');
      const joinIri = activityIri(deps.origin, newId());
      if (existing) {
        await repo.update(existing.id, { status: 'pending', reason: null, join_activity_iri: joinIri, membership: null, updated_at: now() });
        return { ...existing, status: 'pending', reason: null, join_activity_iri: joinIri, membership: null };
      }
      const row: RemoteMembershipsTable = {
        id: newId(), account_id: accountId, group_iri: groupIri, status: 'pending', reason: null, function: null,
        join_activity_iri: joinIri, membership: null, association_deleted_at: null, created_at: now(), updated_at: now(),
      };
      await repo.insert(row);
      return row;
    },

    async get(accountId: string, id: string): Promise<RemoteMembershipsTable> {
      const row = await repo.byId(accountId, id);
      if (!row) throw new AppError('not_found', 'remote_membership_not_found');
      return row;
    },

    /** Forgets a membership (after its Leave is queued). */
    async forget(row: RemoteMembershipsTable): Promise<void> {
      await repo.remove(row.id);
    },

    async view(accountId: string, id: string): Promise<RemoteMembershipView> {
      const row = (await repo.listFor(accountId)).find((r) => r.id === id);
      if (!row) throw new AppError('not_found', 'remote_membership_not_found');
      return toView(row);
    },

    async list(accountId: string): Promise<RemoteMembershipView[]> {
      return (await repo.listFor(accountId)).map(toView);
    },

    /** Accept of our Join with the Membership: active, with its function. Returns whether a request matched. */
    async accepted(joinIri: string, groupIri: string, membership: { function?: unknown } & Record<string, unknown>): Promise<boolean> {
      const row = await repo.byJoin(joinIri, groupIri);
      if (!row) return false;
      const fn = typeof membership.function === 'string' && FUNCTIONS.has(membership.function) ? membership.function : null;
      await repo.update(row.id, { status: 'active', reason: null, function: fn, membership: JSON.stringify(membership), updated_at: now() });
      return true;
    },

    /** TentativeAccept of our Join: still pending (a manager will decide). */
    async tentative(joinIri: string, groupIri: string): Promise<boolean> {
      const row = await repo.byJoin(joinIri, groupIri);
      if (!row || row.status !== 'pending') return false;
      await repo.update(row.id, { updated_at: now() });
      return true;
    },

    /** Reject of our Join: refused, with the association's reason. */
    async rejected(joinIri: string, groupIri: string, reason: string | null): Promise<boolean> {
      const row = await repo.byJoin(joinIri, groupIri);
      if (!row) return false;
      await repo.update(row.id, { status: 'rejected', reason: reason?.slice(0, 500) ?? null, membership: null, updated_at: now() });
      return true;
    },

    /** Remove of our Person from the Group's members. */
    async removed(accountId: string, groupIri: string): Promise<boolean> {
      const row = await repo.find(accountId, groupIri);
      if (!row || row.status === 'rejected') return false;
      await repo.update(row.id, { status: 'removed', membership: null, updated_at: now() });
      return true;
    },

    /** Update{Membership}: the function changed (only for an active membership). */
    async updated(accountId: string, groupIri: string, membership: { function?: unknown } & Record<string, unknown>): Promise<boolean> {
      const row = await repo.find(accountId, groupIri);
      if (!row || row.status !== 'active') return false;
      const fn = typeof membership.function === 'string' && FUNCTIONS.has(membership.function) ? membership.function : null;
      await repo.update(row.id, { function: fn, membership: JSON.stringify(membership), updated_at: now() });
      return true;
    },
  };
}

export type RemoteMembershipService = ReturnType<typeof remoteMembershipService>;
