/**
 * Finds the public key a document's proof names (a Multikey id such as
 * `…/ap/actors/{id}#multikey-2`) by fetching its actor through a Fedify document loader —
 * Fedify's `fetchKey` reads the Multikey out of the actor's `assertionMethod`. The
 * readers (declaration-document.ts, validation-document.ts) check separately that the
 * key belongs to the expected actor; this only turns an id into a key.
 */
import { fetchKey } from '@fedify/fedify';
import { Multikey } from '@fedify/vocab';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import type { ProofKeyResolver } from '../proof.ts';

/**
 * A resolver over `documentLoader` (e.g. remote-catalog.ts `catalogLoader(ctx)`, the
 * instance actor's signed loader with a deadline). Unknown keys, unreachable actors and
 * non-Ed25519 keys resolve to null, which makes the proof fail — never a throw.
 */
export function multikeyResolver(documentLoader: DocumentLoader, contextLoader?: DocumentLoader): ProofKeyResolver {
  return async (verificationMethod) => {
    try {
      const { key } = await fetchKey(verificationMethod, Multikey, { documentLoader, ...(contextLoader ? { contextLoader } : {}) });
      return key && key.publicKey.algorithm.name === 'Ed25519' ? key.publicKey : null;
    } catch {
      return null;
    }
  };
}
