/**
 * /federation/declarations (flows 3–5, the volunteer's side): a logged-in account
 * declares volunteering for an association of another site where it is an active
 * member, edits or withdraws it, and follows the association's decision; and
 * /federation/memberships/{id}/catalog gives that association's categories, projects and
 * levels for the form. Thin: rules in send.service.ts, sending in send.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from '@fedify/fedify';
import { DESCRIPTION_MAX, TITLE_MAX, isCalendarDate } from '../../declarations/declaration.rules.ts';
import { currentAuth, requireAuth } from '../../http/auth.middleware.ts';
import type { DomainDeps } from '../../http/domain-deps.ts';
import { json, jsonBody, newRouter, noContent, problems } from '../../http/openapi.ts';
import { throttle } from '../../http/throttle.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { FederationData } from '../federation.ts';
import { LOOKUP_LIMIT } from '../lookup.routes.ts';
import { remoteMembershipService } from '../remote-membership.service.ts';
import { RemoteCatalogError, catalogLoader, remoteCatalog, type RemoteCatalog } from './remote-catalog.ts';
import { remoteDeclarationService } from './send.service.ts';

const tags = ['Sites reliés / Linked sites'];
const iri = z.string().trim().min(1).max(2048);
const isoDate = z.string().refine(isCalendarDate, 'declaration_date_invalid').openapi({ format: 'date', example: '2026-11-27' });
const named = z.object({ iri: z.string(), name: z.string() });

const RemoteDeclaration = z
  .object({
    id: z.string(),
    association: z.object({ actor: z.string(), name: z.string(), handle: z.string().nullable() }),
    title: z.string(), description: z.string(), date: z.string(), endDate: z.string().nullable(),
    durationMinutes: z.number().int(), distanceKm: z.string(),
    category: named, project: named.nullable(), level: named.nullable(),
    status: z.enum(['unsent', 'pending', 'validated', 'rejected', 'withdrawn']).openapi({
      description: 'unsent: not yet received by the association’s site; pending: awaiting its decision',
    }),
    validatedMinutes: z.number().int().nullable(),
    reason: z.string().nullable().openapi({ description: 'Why refused, or why partly validated' }),
    activity: z.string().nullable().openapi({ description: 'The id of the Create/Update the association answers' }),
    validation: z.unknown().openapi({ description: 'The signed Validation received (the volunteer’s evidence), or null' }),
    associationDeletedAt: z.string().nullable().openapi({ description: 'When the association’s site said it was deleted (« association supprimée »): kept, read-only' }),
    createdAt: z.string(), updatedAt: z.string(),
  })
  .openapi('RemoteDeclaration');

const fields = {
  date: isoDate,
  endDate: isoDate.nullable().optional(),
  durationMinutes: z.number().int().min(0),
  distance: z.union([z.string().max(20), z.number()]).nullable().optional().openapi({ description: 'Kilometres, at most two decimals' }),
  title: z.string().trim().min(1).max(TITLE_MAX),
  description: z.string().trim().max(DESCRIPTION_MAX).nullable().optional(),
  category: iri.openapi({ description: 'A category IRI from the association’s catalog' }),
  project: iri.nullable().optional(),
  level: iri.nullable().optional(),
};
const CreateBody = z.object({ association: iri.openapi({ description: 'The association’s actor id (an active remote membership)' }), ...fields }).openapi('RemoteDeclarationBody');
const PatchBody = z
  .object({
    date: fields.date.optional(), endDate: fields.endDate, durationMinutes: fields.durationMinutes.optional(), distance: fields.distance,
    title: fields.title.optional(), description: fields.description, category: fields.category.optional(), project: fields.project, level: fields.level,
  })
  .openapi('RemoteDeclarationPatch');
const Param = z.object({ id: z.string().min(1).max(64) });
const ListQuery = z.object({ association: iri.optional().openapi({ description: 'Only this association’s (actor id)' }) });
const Item = z.object({ iri: z.string(), name: z.string(), summary: z.string().nullable(), defaultCategory: z.string().nullable() });
const Catalog = z
  .object({ association: z.string(), fetchedAt: z.string(), stale: z.boolean(), categories: z.array(Item), projects: z.array(Item), levels: z.array(Item) })
  .openapi('RemoteCatalog');

export function remoteDeclarationRoutes(deps: DomainDeps & { federationContext: () => Context<FederationData> }) {
  const app = newRouter();
  const service = remoteDeclarationService(deps);

  /** The association's catalog (cached an hour); an unreadable one names `association`. */
  async function catalogOf(groupIri: string): Promise<RemoteCatalog> {
    try {
      return await remoteCatalog({ db: deps.db, clock: deps.clock, loader: await catalogLoader(deps.federationContext()) }, groupIri);
    } catch (error) {
      if (error instanceof RemoteCatalogError) throw fieldError('association', 'remote_declaration_catalog_unavailable');
      throw error;
    }
  }

  app.openapi(
    createRoute({
      method: 'get', path: '/federation/memberships/{id}/catalog', tags, summary: 'Categories, projects and levels of an association of another site where I am an active member',
      middleware: [requireAuth], request: { params: Param }, responses: { 200: json(Catalog, 'Its catalog (cached one hour)'), ...problems },
    }),
    async (c) => {
      const accountId = currentAuth(c).account.id;
      const membership = await remoteMembershipService(deps).get(accountId, c.req.valid('param').id);
      if (membership.status !== 'active') throw new AppError('not_found', 'remote_membership_not_found');
      if (membership.association_deleted_at) throw fieldError('association', 'remote_declaration_association_deleted');
      throttle(deps.limiter, [[`lookup:${accountId}`, LOOKUP_LIMIT]]);
      const { groupIri, ...catalog } = await catalogOf(membership.group_iri);
      return c.json({ association: groupIri, ...catalog }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/federation/declarations', tags, summary: 'My declarations for associations of other sites, with their decisions',
      middleware: [requireAuth], request: { query: ListQuery }, responses: { 200: json(z.object({ items: z.array(RemoteDeclaration) }), 'Newest date first'), ...problems },
    }),
    async (c) => c.json({ items: await service.list(currentAuth(c).account.id, c.req.valid('query').association ?? null) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/federation/declarations', tags, summary: 'Declare volunteering for an association of another site (sends Create{Declaration})',
      middleware: [requireAuth], request: jsonBody(CreateBody), responses: { 201: json(RemoteDeclaration, 'Recorded here, unsent until the association’s site receives it'), ...problems },
    }),
    async (c) => {
      const accountId = currentAuth(c).account.id;
      const body = c.req.valid('json');
      await service.mustBeMember(accountId, body.association);
      return c.json(await service.create(accountId, body, await catalogOf(body.association)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/federation/declarations/{id}', tags, summary: 'One of my declarations for an association of another site',
      middleware: [requireAuth], request: { params: Param }, responses: { 200: json(RemoteDeclaration, 'It'), ...problems },
    }),
    async (c) => c.json(await service.view(currentAuth(c).account.id, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/federation/declarations/{id}', tags, summary: 'Edit it (sends Update{Declaration}); it awaits a new decision',
      middleware: [requireAuth], request: { params: Param, ...jsonBody(PatchBody) }, responses: { 200: json(RemoteDeclaration, 'Updated'), ...problems },
    }),
    async (c) => {
      const accountId = currentAuth(c).account.id;
      const id = c.req.valid('param').id;
      const groupIri = await service.groupOf(accountId, id);
      await service.mustBeMember(accountId, groupIri);
      return c.json(await service.update(accountId, id, c.req.valid('json'), await catalogOf(groupIri)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/federation/declarations/{id}', tags, summary: 'Withdraw it (sends Delete{Tombstone})',
      middleware: [requireAuth], request: { params: Param }, responses: { ...noContent, ...problems },
    }),
    async (c) => {
      await service.withdraw(currentAuth(c).account.id, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return app;
}
