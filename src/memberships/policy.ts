/**
 * Who may do what in an association (spec §A3) — the one place that decides. Services
 * ask `permissionsOf(viewer, association)` and `require…`; nothing else reads role flags.
 * « Gérer l'association » implies every other permission; the instance admin may do
 * everything; a pending member has no permission yet; an anonymous member may only
 * declare in their one association.
 */
import type { Db } from '../db/database.ts';
import { AppError } from '../lib/errors.ts';
import { PERMISSIONS, type Permission } from '../roles/role.table.ts';
import type { PermissionColumns } from '../reference/reference.table.ts';
import { membershipRepository, type MembershipRow, type RoleRow } from './membership.repository.ts';

/** Who is asking: nobody, an account (maybe admin), or an anonymous member's link session. */
export type Viewer =
  | { kind: 'visitor' }
  | { kind: 'account'; accountId: string; isAdmin: boolean }
  | { kind: 'anonymous'; anonymousMemberId: string; associationId: string };

export type Permissions = Record<Permission, boolean>;

export interface Standing {
  membership: MembershipRow | null;
  role: RoleRow | null;
  /** Active member (pending members are not members yet). */
  isMember: boolean;
  isAnonymousMember: boolean;
  isAdmin: boolean;
  permissions: Permissions;
}

const none = (): Permissions => Object.fromEntries(PERMISSIONS.map((p) => [p, false])) as Permissions;
const all = (): Permissions => Object.fromEntries(PERMISSIONS.map((p) => [p, true])) as Permissions;

/** A role's effective permissions: manage_association implies all the others. */
export function rolePermissions(role: PermissionColumns): Permissions {
  if (role.manage_association === 1) return all();
  return Object.fromEntries(PERMISSIONS.map((p) => [p, role[p] === 1])) as Permissions;
}

/** The viewer's standing in one association. */
export async function standingIn(db: Db, viewer: Viewer, associationId: string): Promise<Standing> {
  if (viewer.kind === 'visitor') {
    return { membership: null, role: null, isMember: false, isAnonymousMember: false, isAdmin: false, permissions: none() };
  }
  if (viewer.kind === 'anonymous') {
    const mine = viewer.associationId === associationId;
    return { membership: null, role: null, isMember: false, isAnonymousMember: mine, isAdmin: false, permissions: none() };
  }
  const found = await membershipRepository(db).findWithRole(associationId, viewer.accountId);
  const active = found?.membership.status === 'active';
  const permissions = viewer.isAdmin ? all() : active && found ? rolePermissions(found.role) : none();
  return {
    membership: found?.membership ?? null,
    role: found?.role ?? null,
    isMember: active,
    isAnonymousMember: false,
    isAdmin: viewer.isAdmin,
    permissions,
  };
}

/** Throws 403 unless the standing grants the permission. */
export function requirePermission(standing: Standing, permission: Permission): void {
  if (!standing.permissions[permission]) throw new AppError('forbidden', 'forbidden');
}
