/** Reference data shared by every instance (spec §A10) and the instance's defaults. */
export interface ActivityGroupsTable {
  code: string;
  position: number;
  name_fr: string;
  name_en: string;
}

export interface ActivityFieldsTable {
  code: string;
  group_code: string;
  position: number;
  name_fr: string;
}

export interface ReferenceCategoriesTable {
  code: string;
  position: number;
  name_fr: string;
  name_en: string;
}

export interface DefaultCategoriesTable {
  id: string;
  name: string;
  name_key: string;
  description: string | null;
  reference_code: string;
  position: number;
}

export interface DefaultLevelsTable {
  id: string;
  name: string;
  name_key: string;
  description: string | null;
  position: number;
}

export interface PermissionColumns {
  list_members: number;
  manage_members: number;
  manage_declarations: number;
  manage_categories: number;
  manage_levels: number;
  manage_projects: number;
  manage_roles: number;
  manage_association: number;
}

export interface DefaultRolesTable extends PermissionColumns {
  id: string;
  name: string;
  name_key: string;
  description: string | null;
  is_default: number;
  position: number;
}
