/**
 * Attestations (product §B3). A volunteer asks for theirs and downloads it (PDF or .jws);
 * managers of the association's declarations issue, list and revoke; anyone verifies, by
 * code or file, without an account. Thin: rules in attestation.service.ts and
 * attestation.verify.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context as FedifyContext } from '@fedify/fedify';
import type { Context } from 'hono';
import type { FederationData } from '../federation/federation.ts';
import type { AppEnv } from '../http/context.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { json, jsonBody, newRouter, problems } from '../http/openapi.ts';
import { throttle, type Limit } from '../http/throttle.ts';
import { t } from '../i18n/messages.ts';
import { HOUR, MINUTE } from '../lib/clock.ts';
import { fieldError } from '../lib/errors.ts';
import { AssociationParam } from '../memberships/membership.schema.ts';
import { askerOf, moreProblems } from '../memberships/route-helpers.ts';
import { attestationKeySources } from './attestation.keys.ts';
import {
  Attestation, AttestationList, AttestationParam, Available, IssueBody, People, RequestBody, RevokeBody, Verification, VerifyBody, VerifyQuery,
} from './attestation.schema.ts';
import { attestationService } from './attestation.service.ts';
import { verificationService, type VerificationView } from './attestation.verify.ts';

const tags = ['Attestations / Certificates'];
const errors = { ...problems, ...moreProblems };
/**
 * A PDF attestation is some tens of kilobytes, but a bundle carries every signed
 * Validation with its Declaration (a few kilobytes each): above the API's 1 MiB for a
 * busy year. app.ts gives the verification paths this limit instead.
 */
export const ATTESTATION_BODY_LIMIT = 8 * 1024 * 1024;
const FILE_MAX = ATTESTATION_BODY_LIMIT;

/** Public verification may make this site fetch another site's keys: bounded per address. */
export const VERIFY_LIMIT: Limit = { limit: 60, windowMs: MINUTE };
/** Each attestation is a signed, stored document: plenty for a person, not a flood. */
export const ISSUE_LIMIT: Limit = { limit: 30, windowMs: HOUR };

const download = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: type === 'application/pdf' ? 'binary' : 'jws' }) } },
});

function attachment(c: Context<AppEnv>, body: Uint8Array | string, type: string, filename: string): Response {
  return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
  });
}

export function attestationRoutes(deps: DomainDeps & { federationContext: () => FedifyContext<FederationData> }) {
  const app = newRouter();
  const keys = attestationKeySources(deps.db, deps.origin, deps.federationContext);
  const attestations = attestationService({ db: deps.db, clock: deps.clock, origin: deps.origin, resolveKey: keys.resolveKey });
  const verification = verificationService({ db: deps.db, origin: deps.origin, remoteJwks: keys.remoteJwks, resolveKey: keys.resolveKey });
  const answer = (c: Context<AppEnv>, v: VerificationView) => {
    const key =
      v.result === 'valid' ? 'attestation_valid'
      : v.result === 'revoked' ? 'attestation_revoked'
      : v.result === 'unconfirmed' ? 'attestation_unconfirmed'
      : (`attestation_invalid_${v.reason === 'holder_erased' || v.reason === null ? 'malformed' : v.reason}` as const);
    return c.json({ ...v, message: t(key, c.get('lang')) }, 200);
  };

  // Public verification, no account needed (before /attestations/{id}: first match wins).
  app.openapi(
    createRoute({
      method: 'get', path: '/attestations/verification', tags, summary: 'Verify an attestation issued here by its code (public)',
      request: { query: VerifyQuery }, responses: { 200: json(Verification, 'valid, invalid (why) or revoked, and what is attested'), ...errors },
    }),
    async (c) => {
      throttle(deps.limiter, [[`attestation-verify:${c.get('clientIp')}`, VERIFY_LIMIT]]);
      return answer(c, await verification.byCode(c.req.valid('query').code));
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/attestations/verification', tags, summary: 'Verify an attestation by code or by its JWS, issued on any Bénévalibre site (public)',
      request: jsonBody(VerifyBody), responses: { 200: json(Verification, 'valid, invalid (why) or revoked, and what is attested'), ...errors },
    }),
    async (c) => {
      throttle(deps.limiter, [[`attestation-verify:${c.get('clientIp')}`, VERIFY_LIMIT]]);
      const body = c.req.valid('json');
      if (body.jws?.trim()) return answer(c, await verification.byJws(body.jws));
      if (body.code?.trim()) return answer(c, await verification.byCode(body.code));
      throw fieldError('code', 'required');
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/attestations/verification/file', tags, summary: 'Verify an attestation file: its PDF or its .jws, as the raw request body (public)',
      request: {
        body: {
          content: {
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
            'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
          },
          required: true,
        },
      },
      responses: { 200: json(Verification, 'valid, invalid (why) or revoked, and what is attested'), ...errors },
    }),
    async (c) => {
      throttle(deps.limiter, [[`attestation-verify:${c.get('clientIp')}`, VERIFY_LIMIT]]);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0 || bytes.length > FILE_MAX) throw fieldError('file', 'attestation_file_unreadable');
      return answer(c, await verification.byFile(bytes));
    },
  );
  app.openapi(
    createRoute({
      method: 'get', path: '/me/attestations', tags, summary: 'My attestations, newest first',
      responses: { 200: json(AttestationList, 'Newest first'), ...errors },
    }),
    async (c) => c.json({ items: await attestations.mine(askerOf(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/me/attestations/available', tags, summary: 'The associations (here and on other sites) where I have validated hours, with their first and last dates',
      responses: { 200: json(Available, 'By association'), ...errors },
    }),
    async (c) => c.json({ items: await attestations.available(askerOf(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/me/attestations', tags, summary: 'Get an attestation of my validated hours in one association for a period',
      request: jsonBody(RequestBody), responses: { 201: json(Attestation, 'Issued and signed'), ...errors },
    }),
    async (c) => {
      const asker = askerOf(c);
      throttle(deps.limiter, [[`attestation-issue:${asker.actor.accountId ?? c.get('clientIp')}`, ISSUE_LIMIT]]);
      return c.json(await attestations.request(asker, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/attestations', tags, summary: 'Attestations issued by the association (manage declarations)',
      request: { params: AssociationParam }, responses: { 200: json(AttestationList, 'Newest first'), ...errors },
    }),
    async (c) => c.json({ items: await attestations.ofAssociation(askerOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/associations/{id}/attestations/people', tags, summary: 'People with validated hours in the association, whom managers may issue one for (manage declarations)',
      request: { params: AssociationParam }, responses: { 200: json(People, 'By name'), ...errors },
    }),
    async (c) => c.json({ items: await attestations.people(askerOf(c), c.req.valid('param').id) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/associations/{id}/attestations', tags, summary: 'Issue an attestation for a volunteer (manage declarations)',
      request: { params: AssociationParam, ...jsonBody(IssueBody) }, responses: { 201: json(Attestation, 'Issued and signed'), ...errors },
    }),
    async (c) => {
      const asker = askerOf(c);
      throttle(deps.limiter, [[`attestation-issue:${asker.actor.accountId ?? c.get('clientIp')}`, ISSUE_LIMIT]]);
      return c.json(await attestations.issueFor(asker, c.req.valid('param').id, c.req.valid('json')), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/attestations/{id}', tags, summary: 'One attestation (its volunteer, or managers of its declarations)',
      request: { params: AttestationParam }, responses: { 200: json(Attestation, 'It'), ...errors },
    }),
    async (c) => c.json(await attestations.get(askerOf(c), c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/attestations/{id}/pdf', tags, summary: 'The attestation as a PDF (the JWS in its document info), printed in the requester’s language (French by default); the signed claims do not change',
      request: { params: AttestationParam }, responses: { 200: download('application/pdf', 'The PDF, as a download'), ...errors },
    }),
    async (c) => {
      // The printed words in the requester's language (Accept-Language, else the account's).
      const { bytes, filename } = await attestations.pdf(askerOf(c), c.req.valid('param').id, c.get('lang'));
      return attachment(c, bytes, 'application/pdf', filename);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/attestations/{id}/jws', tags, summary: 'The attestation as a compact JWS (verifiable with any JOSE library)',
      request: { params: AttestationParam }, responses: { 200: download('application/jose', 'The .jws file, as a download'), ...errors },
    }),
    async (c) => {
      const { jws, filename } = await attestations.jws(askerOf(c), c.req.valid('param').id);
      return attachment(c, jws, 'application/jose', filename);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/attestations/{id}/revocation', tags, summary: 'Revoke an attestation issued by mistake, saying why (manage declarations)',
      request: { params: AttestationParam, ...jsonBody(RevokeBody) }, responses: { 200: json(Attestation, 'Revoked'), ...errors },
    }),
    async (c) => c.json(await attestations.revoke(askerOf(c), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );

  return app;
}
