/**
 * Reading associations (spec §A2): who sees which one, lists, search, the home sample,
 * the detail with what the viewer may do, the dashboard, and the admin's list.
 * Visitors and accounts see active, non-hidden associations in lists; members (active
 * or pending) also see theirs, hidden or awaiting approval; the instance admin sees all.
 * A hidden association is reachable by its address when active; one awaiting approval
 * only by its members and the admins.
 */
import { membershipRepository } from '../memberships/membership.repository.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../lib/errors.ts';
import { rolePermissions, standingIn, type Permissions, type Standing, type Viewer } from '../memberships/policy.ts';
import { PERMISSIONS } from '../roles/role.table.ts';
import { searchKeyOf } from './association.keys.ts';
import { associationRepository, type AdminStatus, type AssociationRow, type AssociationSummaryRow, type ListScope } from './association.repository.ts';
import { permissionsView, toAssociationView, toSummary, type AssociationSummary, type AssociationView, type MembershipBrief, type PermissionsView, type ViewerBlock } from './association.view.ts';

export const PAGE_SIZE = 20;

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface DashboardItem {
  association: AssociationSummary;
  membership: MembershipBrief;
  permissions: PermissionsView;
  counts: { members: number; pending: number } | null;
}

export type AdminAssociationSummary = AssociationSummary & { createdAt: string; managerCount: number };

const allPermissions = (value: boolean) => Object.fromEntries(PERMISSIONS.map((p) => [p, value])) as Permissions;

/** Whether the standing lets one see this association at all (lists or address). */
function canSee(standing: Standing, row: AssociationRow): boolean {
  return standing.isAdmin || row.is_active === 1 || standing.membership !== null || standing.isAnonymousMember;
}

function scopeOf(viewer: Viewer): ListScope {
  if (viewer.kind === 'account') return viewer.isAdmin ? { kind: 'all' } : { kind: 'public', memberAccountId: viewer.accountId };
  if (viewer.kind === 'anonymous') return { kind: 'public', associationId: viewer.associationId };
  return { kind: 'public' };
}

export function associationQueries(db: Db) {
  const repo = associationRepository(db);

  /** By id, else by handle (handles never contain « - », ids always do). */
  async function find(ref: string): Promise<AssociationRow | undefined> {
    return (await repo.findById(ref)) ?? (await repo.findByHandle(ref.trim().toLowerCase()));
  }

  /** The association and the viewer's standing in it; 404 when missing or not visible to them. */
  async function visible(viewer: Viewer, ref: string): Promise<{ row: AssociationRow; standing: Standing }> {
    const row = await find(ref);
    if (!row) throw new AppError('not_found', 'not_found');
    const standing = await standingIn(db, viewer, row.id);
    if (!canSee(standing, row)) throw new AppError('not_found', 'not_found');
    return { row, standing };
  }

  async function viewerBlock(viewer: Viewer, standing: Standing, row: AssociationRow): Promise<ViewerBlock> {
    const { membership, role } = standing;
    // The last manager cannot leave (safeguard of §A3): say so before they try.
    const lastManager =
      membership?.status === 'active' && role?.manage_association === 1 &&
      (await membershipRepository(db).countManagers(row.id, { membershipId: membership.id })) === 0;
    return {
      membership: membership && role ? { id: membership.id, status: membership.status, role: { id: role.id, name: role.name }, function: membership.function } : null,
      permissions: permissionsView(standing.permissions),
      canJoin: viewer.kind === 'account' && membership === null && row.is_active === 1,
      // A pending member may withdraw the request, so « leave » covers both statuses.
      canLeave: membership !== null && !lastManager,
      isAdmin: standing.isAdmin,
      isAnonymousMember: standing.isAnonymousMember,
    };
  }

  const paged = <T>(items: T[], page: number, total: number): Paged<T> => ({ items, page, pageSize: PAGE_SIZE, total });

  return {
    visible,
    viewerBlock,

    /** One page (20) by name of the associations the viewer may see; `q` matches the name, any case. */
    async list(viewer: Viewer, options: { q?: string | undefined; page?: number | undefined }): Promise<Paged<AssociationSummary>> {
      const page = options.page ?? 1;
      const q = searchKeyOf(options.q ?? '') || undefined;
      const { rows, total } = await repo.list(scopeOf(viewer), q, page, PAGE_SIZE);
      return paged(rows.map(toSummary), page, total);
    },

    /** A few random public associations for the home page (never hidden ones, never inactive ones). */
    async sample(count: number): Promise<AssociationSummary[]> {
      return (await repo.sample(count)).map(toSummary);
    },

    /** One association by handle or id, as the viewer sees it. */
    async detail(viewer: Viewer, ref: string): Promise<AssociationView> {
      const { row, standing } = await visible(viewer, ref);
      const summary: AssociationSummaryRow | undefined = await repo.summaryById(row.id);
      if (!summary) throw new AppError('not_found', 'not_found');
      return toAssociationView(summary, await viewerBlock(viewer, standing, row));
    },

    /** The logo of an association the viewer may see; `public` when anyone may cache it. */
    async logo(viewer: Viewer, ref: string): Promise<{ mime: string; data: Uint8Array; isPublic: boolean }> {
      const { row } = await visible(viewer, ref);
      const logo = await repo.findLogo(row.id);
      if (!logo) throw new AppError('not_found', 'not_found');
      return { mime: logo.mime, data: logo.data, isPublic: row.is_active === 1 };
    },

    /** The dashboard: each association of the account, its role and rights; counts for those who list members. */
    async mine(viewer: Viewer): Promise<DashboardItem[]> {
      if (viewer.kind !== 'account') throw new AppError('unauthenticated', 'unauthenticated');
      const rows = await repo.membershipsOf(viewer.accountId);
      return rows.map((r) => {
        const permissions = viewer.isAdmin ? allPermissions(true) : r.membership_status === 'active' ? rolePermissions(r) : allPermissions(false);
        return {
          association: toSummary(r),
          membership: { id: r.membership_id, status: r.membership_status, role: { id: r.role_id, name: r.role_name }, function: r.membership_function },
          permissions: permissionsView(permissions),
          counts: permissions.list_members ? { members: r.member_count, pending: r.pending_count } : null,
        };
      });
    },

    /** For the admin's pages (part C): all, pending (awaiting approval) or orphaned (no active manager). */
    async listForAdmin(options: { status?: AdminStatus | undefined; q?: string | undefined; page?: number | undefined }): Promise<Paged<AdminAssociationSummary>> {
      const page = options.page ?? 1;
      const { rows, total } = await repo.listForAdmin(options.status ?? 'all', searchKeyOf(options.q ?? '') || undefined, page, PAGE_SIZE);
      return paged(rows.map((r) => ({ ...toSummary(r), createdAt: r.created_at, managerCount: r.manager_count })), page, total);
    },
  };
}
