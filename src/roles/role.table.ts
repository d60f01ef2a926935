/** Roles: per association, eight permissions, exactly one default (spec §A3). */
import type { PermissionColumns } from '../reference/reference.table.ts';

export const PERMISSIONS = [
  'list_members',
  'manage_members',
  'manage_declarations',
  'manage_categories',
  'manage_levels',
  'manage_projects',
  'manage_roles',
  'manage_association',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export interface RolesTable extends PermissionColumns {
  id: string;
  association_id: string;
  name: string;
  name_key: string;
  description: string | null;
  is_default: number;
  position: number;
  created_at: string;
}
