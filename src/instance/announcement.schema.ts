/** Request and response schemas of announcements. */
import { z } from '@hono/zod-openapi';

const Audience = z.enum(['everyone', 'managers']).openapi({ description: 'everyone, or association managers only' });
const Instant = z.iso.datetime({ offset: true, message: 'announcement_date_invalid' }).openapi({ example: '2026-12-01T09:00:00+01:00' });

export const AnnouncementBody = z
  .object({
    title: z.string().trim().min(1).max(120),
    content: z.string().trim().min(1).max(2000),
    audience: Audience.default('everyone'),
    publishAt: Instant.optional().openapi({ description: 'Defaults to now' }),
    expireAt: Instant.nullable().optional().openapi({ description: 'Must come after publishAt; null = shown until deleted' }),
  })
  .openapi('AnnouncementBody');

export const AnnouncementPatch = z
  .object({
    title: z.string().trim().min(1).max(120).optional(),
    content: z.string().trim().min(1).max(2000).optional(),
    audience: Audience.optional(),
    publishAt: Instant.optional(),
    expireAt: Instant.nullable().optional(),
  })
  .openapi('AnnouncementPatch');

export const PublicAnnouncement = z
  .object({ id: z.string(), title: z.string(), content: z.string(), audience: Audience })
  .openapi('PublicAnnouncement');
export const PublicAnnouncementList = z.object({ items: z.array(PublicAnnouncement) }).openapi('PublicAnnouncementList');

export const Announcement = z
  .object({
    id: z.string(),
    title: z.string(),
    content: z.string(),
    audience: Audience,
    publishAt: z.string(),
    expireAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Announcement');
export const AnnouncementList = z.object({ items: z.array(Announcement) }).openapi('AnnouncementList');
export const AnnouncementIdParam = z.object({ id: z.string().min(1).max(64) });
