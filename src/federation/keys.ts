/**
 * Actors' key pairs (federation.md, Principles): RSA first, Ed25519 second, a permanent
 * order (proofs name the second Multikey, `#multikey-2`). Generated when first needed —
 * not at account creation — so imports and seeds stay fast, then kept in `actor_keys`.
 */
import { exportJwk, generateCryptoKeyPair, importJwk } from '@fedify/fedify';
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';

export const KEY_ALGORITHMS = ['RSASSA-PKCS1-v1_5', 'Ed25519'] as const;

export interface StoredKeyPair {
  algorithm: (typeof KEY_ALGORITHMS)[number];
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

const cache = new Map<string, Promise<StoredKeyPair[]>>();

/** The actor's two key pairs (RSA, Ed25519), created and stored on first use. */
export function actorKeyPairs(db: Db, clock: Clock, actorId: string): Promise<StoredKeyPair[]> {
  // Keyed by database too: tests run several instances in one process.
  const key = `${cacheIdOf(db)}:${actorId}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = loadOrCreate(db, clock, actorId);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

/** The actor's public keys only, without creating any (tombstones, JWKS of unknown ids). */
export async function existingPublicKeys(db: Db, actorId: string): Promise<{ algorithm: string; publicKey: CryptoKey }[]> {
  const rows = await db.selectFrom('actor_keys').select(['algorithm', 'public_jwk']).where('actor_id', '=', actorId).orderBy('position').execute();
  return Promise.all(rows.map(async (r) => ({ algorithm: r.algorithm, publicKey: await importJwk(JSON.parse(r.public_jwk) as JsonWebKey, 'public') })));
}

const dbIds = new WeakMap<object, number>();
let nextDbId = 1;
function cacheIdOf(db: Db): number {
  let id = dbIds.get(db);
  if (id === undefined) dbIds.set(db, (id = nextDbId++));
  return id;
}

async function loadOrCreate(db: Db, clock: Clock, actorId: string): Promise<StoredKeyPair[]> {
  let rows = await db.selectFrom('actor_keys').selectAll().where('actor_id', '=', actorId).orderBy('position').execute();
  if (rows.length < KEY_ALGORITHMS.length) {
    const at = clock.now().toISOString();
    const fresh = await Promise.all(
      KEY_ALGORITHMS.map(async (algorithm, position) => {
        const pair = await generateCryptoKeyPair(algorithm);
        return {
          actor_id: actorId, position, algorithm,
          public_jwk: JSON.stringify(await exportJwk(pair.publicKey)),
          private_jwk: JSON.stringify(await exportJwk(pair.privateKey)),
          created_at: at,
        };
      }),
    );
    // Another process may have created them meanwhile: the first writer wins.
    await db.insertInto('actor_keys').values(fresh).onConflict((oc) => oc.columns(['actor_id', 'position']).doNothing()).execute();
    rows = await db.selectFrom('actor_keys').selectAll().where('actor_id', '=', actorId).orderBy('position').execute();
  }
  return Promise.all(
    rows.map(async (r) => ({
      algorithm: r.algorithm,
      privateKey: await importJwk(JSON.parse(r.private_jwk) as JsonWebKey, 'private'),
      publicKey: await importJwk(JSON.parse(r.public_jwk) as JsonWebKey, 'public'),
    })),
  );
}
