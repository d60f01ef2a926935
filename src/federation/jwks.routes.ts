/**
 * Every actor's JWKS (federation.md, Actors): its Ed25519 public key as a JWK whose
 * `kid` is the Multikey id (`#multikey-2`), at `{actorId}/jwks.json`, so attestations
 * verify with jose alone. Deleted actors keep theirs: what they signed stays verifiable.
 */
import { exportJwk } from '@fedify/fedify';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { problem } from '../http/problem.ts';
import { actorState } from './actors.ts';
import type { FederationData } from './federation.ts';
import { actorKeyPairs, existingPublicKeys } from './keys.ts';
import { actorUris } from './uris.ts';

/** The JWKS of an actor: its Ed25519 public key, `kid` = its Multikey id (also read by attestation checks). */
export async function jwksOf(origin: string, actorId: string, publicKey: CryptoKey): Promise<{ keys: Record<string, string>[] }> {
  const { kty, crv, x } = await exportJwk(publicKey);
  return { keys: [{ kty: kty ?? 'OKP', crv: crv ?? 'Ed25519', x: x ?? '', kid: actorUris(origin, actorId).multikey, alg: 'EdDSA', use: 'sig' }] };
}

/** GET /ap/actors/{id}/jwks.json */
export function jwksRoutes(data: FederationData) {
  const app = new Hono<AppEnv>();
  app.get('/ap/actors/:id/jwks.json', async (c) => {
    const id = c.req.param('id');
    const state = await actorState(data, id);
    if (state.kind === 'none') return notFound(c);
    // A live actor gets its keys on first use; a deleted one only shows what it had.
    const keys = state.kind === 'deleted' ? await existingPublicKeys(data.db, id) : await actorKeyPairs(data.db, data.clock, id);
    const ed25519 = keys.find((k) => k.algorithm === 'Ed25519');
    if (!ed25519) return notFound(c);
    return c.body(JSON.stringify(await jwksOf(data.origin, id, ed25519.publicKey)), 200, {
      'Content-Type': 'application/jwk-set+json',
      'Cache-Control': 'public, max-age=300',
    });
  });
  return app;
}

// Not c.notFound(): the app's fallback would answer 405, since this very GET route matches the path.
const notFound = (c: Context<AppEnv>) => problem(c, 404, 'not_found');
