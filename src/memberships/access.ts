/**
 * Who asks, and what they may see of one association: the shared first step of every
 * membership, role and anonymous-member rule. Permissions themselves come from the policy.
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../audit/audit.service.ts';
import { AppError } from '../lib/errors.ts';
import type { Permission } from '../roles/role.table.ts';
import { standingIn, type Standing, type Viewer } from './policy.ts';
import { membershipRepository, type AssociationRow } from './membership.repository.ts';

/** The viewer (for permissions) and the actor (for the audit trail) of one request. */
export interface Asker {
  viewer: Viewer;
  actor: Actor;
}

export interface Access {
  association: AssociationRow;
  standing: Standing;
}

/**
 * The association (by id or handle) and the asker's standing in it. An association
 * awaiting approval exists only for its members and the admin (spec §A2): 404 for others.
 */
export async function accessTo(db: Db, asker: Asker, ref: string): Promise<Access> {
  const association = await membershipRepository(db).findAssociation(ref);
  if (!association) throw new AppError('not_found', 'not_found');
  const standing = await standingIn(db, asker.viewer, association.id);
  if (association.is_active !== 1 && !standing.membership && !standing.isAdmin) throw new AppError('not_found', 'not_found');
  return { association, standing };
}

/** Throws 403 unless the standing grants at least one of the permissions. */
export function requireAnyPermission(standing: Standing, ...permissions: Permission[]): void {
  if (!permissions.some((p) => standing.permissions[p])) throw new AppError('forbidden', 'forbidden');
}

/** The account behind the request; anonymous members have none (403), visitors must log in (401). */
export function accountIdOf(asker: Asker): string {
  if (asker.viewer.kind === 'account') return asker.viewer.accountId;
  if (asker.viewer.kind === 'anonymous') throw new AppError('forbidden', 'forbidden');
  throw new AppError('unauthenticated', 'unauthenticated');
}

/** Today's date (YYYY-MM-DD) in a time zone: the en-CA locale writes dates that way. */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
