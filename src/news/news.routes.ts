/** Association news (flow 6). Thin: rules live in the news service. */
import { createRoute } from '@hono/zod-openapi';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { viewerOf } from '../http/viewer.ts';
import { AssociationParam } from '../memberships/membership.schema.ts';
import { askerOf, moreProblems } from '../memberships/route-helpers.ts';
import { News, NewsBody, NewsList, NewsParam, NewsPatchBody, NewsQuery } from './news.schema.ts';
import { newsService } from './news.service.ts';

const tags = ['Actualités / News'];
const errors = { ...problems, ...moreProblems };

export function newsRoutes(deps: DomainDeps) {
  const app = newRouter();
  const news = newsService(deps);

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/news', tags, summary: 'News, newest first: public ones for everyone, members-only ones also for members and managers',
      request: { params: AssociationParam, query: NewsQuery }, responses: { 200: json(NewsList, 'Newest first'), ...errors },
    }),
    async (c) => c.json(await news.list(viewerOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/news/{newsId}', tags, summary: 'One news item (members-only: 404 for those who may not read it)',
      request: { params: NewsParam }, responses: { 200: json(News, 'The item'), ...errors },
    }),
    async (c) => {
      const { id, newsId } = c.req.valid('param');
      return c.json(await news.get(viewerOf(c), id, newsId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/news', tags, summary: 'Publish a news item (manage association); public news also go to followers',
      request: { params: AssociationParam, ...jsonBody(NewsBody) }, responses: { 201: json(News, 'Published'), ...errors },
    }),
    async (c) => c.json(await news.create(askerOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/associations/{id}/news/{newsId}', tags, summary: 'Edit a news item (manage association)',
      request: { params: NewsParam, ...jsonBody(NewsPatchBody) }, responses: { 200: json(News, 'Updated'), ...errors },
    }),
    async (c) => {
      const { id, newsId } = c.req.valid('param');
      return c.json(await news.update(askerOf(c), id, newsId, c.req.valid('json')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/associations/{id}/news/{newsId}', tags, summary: 'Delete a news item (manage association); followers get a deletion',
      request: { params: NewsParam }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      const { id, newsId } = c.req.valid('param');
      await news.remove(askerOf(c), id, newsId);
      return c.body(null, 204);
    },
  );
  return app;
}
