/**
 * Permissions as the JSON API spells them (camelCase) and as they are stored (one
 * integer column each). « Gérer l'association » implies every other permission: a role
 * that has it is stored with all flags set, so what is stored is what applies.
 */
import type { PermissionColumns } from '../reference/reference.table.ts';
import { PERMISSIONS, type Permission } from './role.table.ts';

export const PERMISSION_KEYS = {
  list_members: 'listMembers',
  manage_members: 'manageMembers',
  manage_declarations: 'manageDeclarations',
  manage_categories: 'manageCategories',
  manage_levels: 'manageLevels',
  manage_projects: 'manageProjects',
  manage_roles: 'manageRoles',
  manage_association: 'manageAssociation',
} as const satisfies Record<Permission, string>;

export type PermissionKey = (typeof PERMISSION_KEYS)[Permission];
export type PermissionsView = Record<PermissionKey, boolean>;

/** Stored or effective permissions (snake_case booleans or 0/1 columns) → the API's shape. */
export function toPermissionsView(p: Record<Permission, boolean> | PermissionColumns): PermissionsView {
  const view = {} as PermissionsView;
  for (const column of PERMISSIONS) view[PERMISSION_KEYS[column]] = p[column] === true || p[column] === 1;
  return view;
}

/** Applies a partial API patch onto stored columns; manage_association sets every flag. */
export function applyPermissions(current: PermissionColumns, patch: Partial<PermissionsView>): PermissionColumns {
  const next = permissionColumnsOf(current);
  for (const column of PERMISSIONS) {
    const value = patch[PERMISSION_KEYS[column]];
    if (value !== undefined) next[column] = value ? 1 : 0;
  }
  if (next.manage_association === 1) for (const column of PERMISSIONS) next[column] = 1;
  return next;
}

export const noPermissionColumns = (): PermissionColumns => ({
  list_members: 0,
  manage_members: 0,
  manage_declarations: 0,
  manage_categories: 0,
  manage_levels: 0,
  manage_projects: 0,
  manage_roles: 0,
  manage_association: 0,
});

/** Only the permission columns of a row (for audit diffs). */
export function permissionColumnsOf(row: PermissionColumns): PermissionColumns {
  const columns = noPermissionColumns();
  for (const p of PERMISSIONS) columns[p] = row[p];
  return columns;
}
