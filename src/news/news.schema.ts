/** Request and response schemas of association news (flow 6). */
import { z } from '@hono/zod-openapi';
import { AssociationParam } from '../memberships/membership.schema.ts';
import { PAGE_MAX, TEXT_MAX, TITLE_MAX } from './news.service.ts';

export const NewsParam = AssociationParam.extend({ newsId: z.string().min(1).max(64) });

const title = z.string().trim().min(1).max(TITLE_MAX).openapi({ description: `Title, ${TITLE_MAX} characters at most` });
const text = z.string().trim().min(1).max(TEXT_MAX).openapi({ description: `Plain text; a blank line separates paragraphs. ${TEXT_MAX} characters at most` });
const visibility = z.enum(['public', 'members']).openapi({ description: 'public: everyone, and followers on other sites; members: members and managers only' });

export const NewsBody = z.object({ title, text, visibility }).openapi('NewsBody');
export const NewsPatchBody = z.object({ title: title.optional(), text: text.optional(), visibility: visibility.optional() }).openapi('NewsPatchBody');

export const NewsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).optional(),
  before: z.string().datetime().optional().openapi({ description: 'publishedAt of the last item of the previous page' }),
});

export const News = z
  .object({
    id: z.string(),
    associationId: z.string(),
    title: z.string(),
    text: z.string(),
    visibility,
    publishedAt: z.string(),
    updatedAt: z.string(),
    path: z.string().openapi({ description: 'The web page of the item' }),
  })
  .openapi('News');

export const NewsList = z
  .object({ items: z.array(News), membersOnlyShown: z.boolean().openapi({ description: 'The reader also sees members-only news' }) })
  .openapi('NewsList');
