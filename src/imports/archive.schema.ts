/**
 * The shape of a Bénévalibre 2.x association migration file (spec §A11): a JSON object
 * with exactly two keys, `metadata` and `objects` (Django serialisation with natural
 * keys). Only the envelope is checked here; each object is read by `archive.ts`, which
 * names the object of every problem.
 */
import { z } from 'zod';

export const archiveMetadataSchema = z.object({
  app_version: z.string().regex(/^2\.\d+(\.\d+)?/),
  date: z.iso.datetime({ offset: true, local: true }).or(z.iso.date()),
  endpoint: z.url(),
  token: z.uuid(),
});

export const archiveObjectSchema = z.object({
  model: z.string(),
  pk: z.union([z.number(), z.string()]).optional(),
  fields: z.record(z.string(), z.unknown()),
});

export const archiveFileSchema = z.strictObject({
  metadata: archiveMetadataSchema,
  objects: z.array(archiveObjectSchema),
});

export type ArchiveFile = z.infer<typeof archiveFileSchema>;
export type ArchiveObject = z.infer<typeof archiveObjectSchema>;

/**
 * The eight role permissions as Bénévalibre names them (its `BaseRole` model) → ours.
 * Checked against Bénévalibre's source: plain names, without a `can_` prefix.
 */
export const ROLE_PERMISSION_FIELDS = {
  list_members: 'list_members',
  manage_members: 'manage_members',
  manage_benevalos: 'manage_declarations',
  manage_benevalo_categories: 'manage_categories',
  manage_benevalo_levels: 'manage_levels',
  manage_projects: 'manage_projects',
  manage_roles: 'manage_roles',
  manage_association: 'manage_association',
} as const;

/** Names guessed before the source was checked (`can_…`): still read, never written. */
export const GUESSED_ROLE_PERMISSION_FIELDS = {
  can_list_members: 'list_members',
  can_manage_members: 'manage_members',
  can_manage_benevalos: 'manage_declarations',
  can_manage_categories: 'manage_categories',
  can_manage_levels: 'manage_levels',
  can_manage_projects: 'manage_projects',
  can_manage_roles: 'manage_roles',
  can_manage_association: 'manage_association',
} as const;
