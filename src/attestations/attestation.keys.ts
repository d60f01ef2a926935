/**
 * Where verification finds keys. Ours come from the database (no request to ourselves);
 * another site's through the instance actor's document loader — public addresses only,
 * a deadline per request, blocked sites refused (Fedify's loader, as for remote catalogs).
 */
import type { Context } from '@fedify/fedify';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { catalogLoader } from '../federation/declarations/remote-catalog.ts';
import { multikeyResolver } from '../federation/declarations/proof-keys.ts';
import type { FederationData } from '../federation/federation.ts';
import { existingPublicKeys } from '../federation/keys.ts';
import type { ProofKeyResolver } from '../federation/proof.ts';
import type { JwksSource } from './attestation.jws.ts';

const Jwks = z.object({
  keys: z.array(z.object({ kty: z.string(), crv: z.string().optional(), x: z.string().optional(), kid: z.string().optional(), alg: z.string().optional(), use: z.string().optional() })).max(20),
});

export interface KeySources {
  resolveKey: () => Promise<ProofKeyResolver>;
  remoteJwks: JwksSource;
}

export function attestationKeySources(db: Db, origin: string, federationContext: () => Context<FederationData>): KeySources {
  const ours = `${origin}/ap/actors/`;
  /** Our own actors' Multikeys (`…/ap/actors/{id}#multikey-2`), never created here. */
  const localKey: ProofKeyResolver = async (method) => {
    const match = /^([^/#]+)#multikey-2$/.exec(method.slice(ours.length));
    if (!match?.[1]) return null;
    return (await existingPublicKeys(db, match[1])).find((k) => k.algorithm === 'Ed25519')?.publicKey ?? null;
  };
  return {
    async resolveKey() {
      const ctx = federationContext();
      const remote = multikeyResolver(await catalogLoader(ctx), ctx.contextLoader);
      return (method) => (method.startsWith(ours) ? localKey(method) : remote(method));
    },
    async remoteJwks(jku): Promise<JSONWebKeySet | null> {
      try {
        const loader = await catalogLoader(federationContext());
        const { document } = await loader(jku);
        const parsed = Jwks.safeParse(document);
        return parsed.success ? { keys: parsed.data.keys } : null;
      } catch {
        return null;
      }
    },
  };
}
