/** Schemas of the instance's default categories, levels and roles. */
import { z } from '@hono/zod-openapi';
import { Permissions, PermissionsPatch, ROLE_DESCRIPTION_MAX, ROLE_NAME_MAX } from '../roles/role.schema.ts';

const name = z.string().trim().min(1).max(100);
const description = z.string().trim().max(500).nullable().optional();
// Default roles are copied into associations: the same limits and permission shapes as their roles.
const roleName = z.string().trim().min(1).max(ROLE_NAME_MAX);
const roleDescription = z.string().trim().max(ROLE_DESCRIPTION_MAX).nullable().optional();
const referenceCode = z.string().trim().min(1).max(40).openapi({ description: 'Code of a reference category (GET /reference-categories)' });

export const DefaultCategoryBody = z.object({ name, description, referenceCode }).openapi('DefaultCategoryBody');
export const DefaultCategoryPatch = z.object({ name: name.optional(), description, referenceCode: referenceCode.optional() }).openapi('DefaultCategoryPatch');
export const DefaultLevelBody = z.object({ name, description }).openapi('DefaultLevelBody');
export const DefaultLevelPatch = z.object({ name: name.optional(), description }).openapi('DefaultLevelPatch');
export const DefaultRoleBody = z
  .object({ name: roleName, description: roleDescription, isDefault: z.boolean().optional(), permissions: PermissionsPatch.default({}) })
  .openapi('DefaultRoleBody');
export const DefaultRolePatch = z
  .object({ name: roleName.optional(), description: roleDescription, isDefault: z.boolean().optional(), permissions: PermissionsPatch.optional() })
  .openapi('DefaultRolePatch');

export const DefaultCategory = z
  .object({ id: z.string(), name: z.string(), description: z.string().nullable(), referenceCode: z.string(), position: z.number().int() })
  .openapi('DefaultCategory');
export const DefaultLevel = z
  .object({ id: z.string(), name: z.string(), description: z.string().nullable(), position: z.number().int() })
  .openapi('DefaultLevel');
export const DefaultRole = z
  .object({ id: z.string(), name: z.string(), description: z.string().nullable(), isDefault: z.boolean(), permissions: Permissions, position: z.number().int() })
  .openapi('DefaultRole');
export const DefaultCategoryList = z.object({ items: z.array(DefaultCategory) }).openapi('DefaultCategoryList');
export const DefaultLevelList = z.object({ items: z.array(DefaultLevel) }).openapi('DefaultLevelList');
export const DefaultRoleList = z.object({ items: z.array(DefaultRole) }).openapi('DefaultRoleList');
export const DefaultIdParam = z.object({ id: z.string().min(1).max(64) });
