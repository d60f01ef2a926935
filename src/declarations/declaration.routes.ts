/** Declarations, their lists and their moderation (spec §A4). Thin: rules live in the services. */
import { createRoute } from '@hono/zod-openapi';
import { Problem } from '../accounts/account.schema.ts';
import { json, jsonBody, newRouter, noContent, problems } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { askerOf } from '../memberships/route-helpers.ts';
import { declarationQueries } from './declaration-queries.service.ts';
import { moderationService } from './declaration-moderation.service.ts';
import {
  AssociationDeclarationsQuery, AssociationParam, BulkValidationBody, Declaration, DeclarationBody, DeclarationList, DeclarationPage,
  DeclarationParam, DeclarationPatchBody, MyDeclarationsQuery, RejectionBody, ValidationBody,
} from './declaration.schema.ts';
import { declarationService } from './declaration.service.ts';

const tags = ['Déclarations / Declarations'];
const problem = (description: string) => ({ content: { 'application/problem+json': { schema: Problem } }, description });
const errors = {
  ...problems,
  404: problem('Association or declaration not found, or not visible to you'),
  409: problem('Refused (declaration_validated_locked, declaration_idempotency_conflict)'),
} as const;

export function declarationRoutes(deps: DomainDeps) {
  const app = newRouter();
  const declarations = declarationService(deps);
  const moderation = moderationService(deps);
  const queries = declarationQueries(deps);

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/declarations', tags,
      summary: 'Record a declaration (yours as an active or anonymous member; anyone’s with manageDeclarations). Pending when the association moderates',
      request: { params: AssociationParam, ...jsonBody(DeclarationBody) },
      responses: { 201: json(Declaration, 'Recorded'), 200: json(Declaration, 'Already recorded with this idempotency key: nothing new'), ...errors },
    }),
    async (c) => {
      const { view, created } = await declarations.create(askerOf(c), c.req.valid('param').id, c.req.valid('json'));
      return created ? c.json(view, 201) : c.json(view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/declarations', tags,
      summary: 'The association’s declarations, pending first then newest, 20 a page (manageDeclarations)',
      request: { params: AssociationParam, query: AssociationDeclarationsQuery }, responses: { 200: json(DeclarationPage, 'One page'), ...errors },
    }),
    async (c) => c.json(await queries.ofAssociation(askerOf(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/declarations/validation', tags,
      summary: 'Validate several declarations for their whole duration (manageDeclarations); already validated ones are left as they are',
      request: { params: AssociationParam, ...jsonBody(BulkValidationBody) }, responses: { 200: json(DeclarationList, 'In the order of ids'), ...errors },
    }),
    async (c) => c.json({ items: await moderation.validateMany(askerOf(c), c.req.valid('param').id, c.req.valid('json').ids) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/me/declarations', tags,
      summary: '« Mes bénévolats »: your own declarations (or the anonymous member’s), pending first then newest, 20 a page',
      request: { query: MyDeclarationsQuery }, responses: { 200: json(DeclarationPage, 'One page'), ...errors },
    }),
    async (c) => c.json(await queries.mine(askerOf(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/declarations/{id}', tags, summary: 'One declaration (its author, manageDeclarations, admins)',
      request: { params: DeclarationParam }, responses: { 200: json(Declaration, 'The declaration'), ...errors },
    }),
    async (c) => c.json(await declarations.get(askerOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch', path: '/declarations/{id}', tags,
      summary: 'Edit: by a manager it keeps its status; by its author it becomes pending (moderated association, or after a refusal) or is validated again',
      request: { params: DeclarationParam, ...jsonBody(DeclarationPatchBody) }, responses: { 200: json(Declaration, 'Updated'), ...errors },
    }),
    async (c) => c.json(await declarations.update(askerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/declarations/{id}', tags,
      summary: 'Delete (managers; its author unless validated in a moderated association: 409 declaration_validated_locked)',
      request: { params: DeclarationParam }, responses: { ...noContent, ...errors },
    }),
    async (c) => {
      await declarations.remove(askerOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/declarations/{id}/validation', tags,
      summary: 'Validate (manageDeclarations): all of it, or fewer minutes with a reason; supersedes the current validation; emails the author',
      request: { params: DeclarationParam, ...jsonBody(ValidationBody) }, responses: { 200: json(Declaration, 'Validated'), ...errors },
    }),
    async (c) => c.json(await moderation.validate(askerOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/declarations/{id}/rejection', tags,
      summary: 'Refuse with a reason (manageDeclarations): kept as « Refusée », never counted; emails the author',
      request: { params: DeclarationParam, ...jsonBody(RejectionBody) }, responses: { 200: json(Declaration, 'Refused'), ...errors },
    }),
    async (c) => c.json(await moderation.reject(askerOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );

  return app;
}
