/** Request and response schemas of categories, levels and projects (spec §A5). */
import { z } from '@hono/zod-openapi';
import { AssociationParam } from '../memberships/membership.schema.ts';

const id = z.string().min(1).max(64);

export const NAME_MAX = 100;
export const DESCRIPTION_MAX = 1000;

const name = z.string().trim().min(1).max(NAME_MAX);
const description = z.string().trim().max(DESCRIPTION_MAX).nullable().optional();

export const CategoryParam = AssociationParam.extend({ categoryId: id });
export const LevelParam = AssociationParam.extend({ levelId: id });
export const ProjectParam = AssociationParam.extend({ projectId: id });

export const CategoryBody = z
  .object({ name, description, defaultCategoryId: id.openapi({ description: 'The instance default category this one counts as' }) })
  .openapi('CategoryBody');
export const CategoryPatchBody = z
  .object({ name: name.optional(), description, defaultCategoryId: id.optional() })
  .openapi('CategoryPatchBody');

/** Levels and projects have the same fields. */
export const CatalogItemBody = z.object({ name, description }).openapi('CatalogItemBody');
export const CatalogItemPatchBody = z.object({ name: name.optional(), description }).openapi('CatalogItemPatchBody');

const inUse = z.boolean().openapi({ description: 'Some declaration uses it: it cannot be deleted' });

export const Category = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    referenceCode: z.string().openapi({ description: 'Reference category (spec §A10), that of its default category' }),
    defaultCategoryId: z.string().nullable(),
    inUse,
  })
  .openapi('Category');
export const Level = z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), inUse }).openapi('Level');
export const Project = z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), inUse }).openapi('Project');

export const CategoryList = z.object({ items: z.array(Category) }).openapi('CategoryList');
export const LevelList = z.object({ items: z.array(Level) }).openapi('LevelList');
export const ProjectList = z.object({ items: z.array(Project) }).openapi('ProjectList');

export const DefaultCategoryChoices = z
  .object({ items: z.array(z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), referenceCode: z.string() })) })
  .openapi('DefaultCategoryChoices');
