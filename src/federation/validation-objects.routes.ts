/**
 * `/ap/validations/{id}`: a Validation's id dereferences to the signed document the
 * association sent in its `Accept` (federation.md, Validation) — the same bytes' worth:
 * rebuilt from the decision event that carried it (the declaration version it covers,
 * the minutes, the reason, the time), signed by the association's key, which a deleted
 * association keeps publishing. Personal data never goes public, and « an activity is
 * served at its id only to a signed request from one of its recipients »: a Validation
 * is about one person's declaration, so it is served only to signed requests from that
 * person's site (the person, or its instance actor, which signs fetches) or from the
 * association itself — 401 otherwise, 404 when unknown (also a local declaration's
 * validation: it never leaves this site). Raw JSON-LD by our own route: Fedify's classes
 * would drop our terms.
 */
import type { RequestContext } from '@fedify/fedify';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { problem } from '../http/problem.ts';
import { AP_MEDIA_TYPE } from './catalog-objects.routes.ts';
import type { FederationData } from './federation.ts';
import { validationOf } from './publish-declaration-decision.ts';
import { actorIri } from './uris.ts';
import { validationObjectRepository } from './validation-object.repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** GET /ap/validations/{id}; `contextOf` gives Fedify's request context (it verifies the HTTP signature). */
export function validationObjectRoutes(data: FederationData, contextOf: (request: Request) => RequestContext<FederationData>) {
  const app = new Hono<AppEnv>();
  app.get('/ap/validations/:id', async (c) => {
    const id = c.req.param('id');
    const source = UUID.test(id) ? await validationObjectRepository(data.db).source(id) : undefined;
    if (!source) return notFound(c);
    const payload = JSON.parse(source.payload) as Parameters<typeof validationOf>[2] & { person?: unknown };
    // Checked at our public origin: behind a TLS-terminating proxy Node sees http://… (RFC 9421 covers the URI).
    const ctx = contextOf(new Request(`${data.origin}${new URL(c.req.url).pathname}`, { headers: c.req.raw.headers }));
    const signer = (await ctx.getSignedKeyOwner().catch(() => null))?.id;
    const association = actorIri(data.origin, source.associationId);
    const person = typeof payload.person === 'string' ? new URL(payload.person) : null;
    const allowed = signer !== undefined && signer !== null && (signer.href === association || (person !== null && signer.origin === person.origin));
    if (!allowed) return problem(c, 401, 'unauthenticated');
    const document = await validationOf(ctx, source.associationId, payload);
    if (!document) return notFound(c);
    return c.body(JSON.stringify(document), 200, { 'Content-Type': AP_MEDIA_TYPE, Vary: 'Accept, Signature, Signature-Input', 'Cache-Control': 'private, no-store' });
  });
  return app;
}

// Not c.notFound(): the app's fallback would answer 405, since this very GET route matches the path.
const notFound = (c: Context<AppEnv>) => problem(c, 404, 'not_found');
