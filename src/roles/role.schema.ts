/** Request and response schemas of roles (spec §A3). */
import { z } from '@hono/zod-openapi';

const flag = () => z.boolean();
const optionalFlag = () => z.boolean().optional();

export const Permissions = z
  .object({
    listMembers: flag(),
    manageMembers: flag(),
    manageDeclarations: flag(),
    manageCategories: flag(),
    manageLevels: flag(),
    manageProjects: flag(),
    manageRoles: flag(),
    manageAssociation: flag().openapi({ description: 'Implies every other permission' }),
  })
  .openapi('Permissions');

export const PermissionsPatch = z
  .object({
    listMembers: optionalFlag(),
    manageMembers: optionalFlag(),
    manageDeclarations: optionalFlag(),
    manageCategories: optionalFlag(),
    manageLevels: optionalFlag(),
    manageProjects: optionalFlag(),
    manageRoles: optionalFlag(),
    manageAssociation: optionalFlag(),
  })
  .openapi('PermissionsPatch');

export const ROLE_NAME_MAX = 60;
export const ROLE_DESCRIPTION_MAX = 500;

const name = z.string().trim().min(1).max(ROLE_NAME_MAX);
const description = z.string().trim().max(ROLE_DESCRIPTION_MAX).nullable().optional();

export const RoleBody = z
  .object({ name, description, isDefault: z.boolean().optional(), permissions: PermissionsPatch.default({}) })
  .openapi('RoleBody');

export const RolePatchBody = z
  .object({ name: name.optional(), description, isDefault: z.boolean().optional(), permissions: PermissionsPatch.optional() })
  .openapi('RolePatchBody');

export const Role = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    isDefault: z.boolean(),
    permissions: Permissions,
    memberCount: z.number().int(),
  })
  .openapi('Role');

export const RoleList = z.object({ items: z.array(Role) }).openapi('RoleList');
export const RoleRef = z.object({ id: z.string(), name: z.string() }).openapi('RoleRef');
