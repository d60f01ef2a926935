/**
 * FEP-8b32 Object Integrity Proofs on raw JSON-LD: a `DataIntegrityProof` with the
 * `eddsa-jcs-2022` cryptosuite (W3C vc-di-eddsa). Our custom objects (declarations,
 * validations, reports) never go through Fedify's typed classes, which would drop our
 * terms (federation.md, "Facts about Fedify"), so they are signed here on the JSON itself.
 *
 * The algorithm (vc-di-eddsa §3.3, as Fedify's createProof/verifyProof implement it, so
 * that Fedify's `verifyObject()` accepts what we produce):
 *   proofConfig = {@context of the document, type, cryptosuite, verificationMethod,
 *                  proofPurpose, created}
 *   hashData    = SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(document without proof))
 *   proofValue  = multibase base58btc (prefix "z") of Ed25519(hashData)
 */
import serialize from 'json-canon';
import { decodeMultibase, encodeMultibase } from '@fedify/vocab-runtime';

/** The JSON-LD context that defines `proof` and the DataIntegrityProof terms. */
export const DATA_INTEGRITY_CONTEXT = 'https://w3id.org/security/data-integrity/v1';
/** The only cryptosuite we write and accept (FEP-8b32). */
export const CRYPTOSUITE = 'eddsa-jcs-2022';

export type JsonObject = Record<string, unknown>;

export interface DataIntegrityProof {
  '@context'?: unknown;
  type: 'DataIntegrityProof';
  cryptosuite: typeof CRYPTOSUITE;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  created: string;
  proofValue: string;
}

/** The Multikey that proofs name: the actor's second (Ed25519) key, a permanent order. */
export function proofVerificationMethod(actorId: string): string {
  return `${actorId}#multikey-2`;
}

/**
 * `created` to the second, `…Z`: Fedify re-serialises it through Temporal.Instant, which
 * drops a zero fraction ("….000Z" would become "…Z" and break the signature).
 */
export function proofCreated(at: Date): string {
  return new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * The document with the data integrity context in its `@context` (appended when
 * missing): without it `proof` is not a term and JSON-LD processors drop it. The
 * ActivityStreams and security contexts stay URLs (Fedify has them preloaded).
 */
export function withDataIntegrityContext(document: JsonObject): JsonObject {
  const context = document['@context'];
  const list = context === undefined ? [] : Array.isArray(context) ? [...(context as unknown[])] : [context];
  if (list.includes(DATA_INTEGRITY_CONTEXT)) return document;
  return { ...document, '@context': [...list, DATA_INTEGRITY_CONTEXT] };
}

function withoutProof(document: JsonObject): JsonObject {
  const { proof: _proof, ...rest } = document;
  delete rest['https://w3id.org/security#proof'];
  return rest;
}

async function sha256(text: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** hashData of vc-di-eddsa §3.3.4: the proof configuration's hash first, then the document's. */
async function hashData(document: JsonObject, proofConfig: JsonObject): Promise<Uint8Array<ArrayBuffer>> {
  const [configHash, documentHash] = await Promise.all([sha256(serialize(proofConfig)), sha256(serialize(withoutProof(document)))]);
  const data = new Uint8Array(64);
  data.set(configHash, 0);
  data.set(documentHash, 32);
  return data;
}

function proofConfigOf(document: JsonObject, proof: Omit<DataIntegrityProof, 'proofValue' | '@context'>): JsonObject {
  const config: JsonObject = {
    type: proof.type, cryptosuite: proof.cryptosuite, verificationMethod: proof.verificationMethod, proofPurpose: proof.proofPurpose, created: proof.created,
  };
  // vc-di-eddsa §3.3.5: the proof configuration carries the document's context.
  if (document['@context'] !== undefined) config['@context'] = document['@context'];
  return config;
}

export interface AddProofOptions {
  /** The Multikey id, e.g. proofVerificationMethod(actorId). */
  verificationMethod: string;
  created: Date;
}

/**
 * Returns a copy of `document` carrying a new eddsa-jcs-2022 proof signed with the
 * Ed25519 `privateKey`. The data integrity context is added to `@context` first (it is
 * part of what is signed). Proofs already present are kept beside the new one; the new
 * one does not cover them (a proof set, vc-data-integrity §2.1.1).
 */
export async function addProof(document: JsonObject, privateKey: CryptoKey, options: AddProofOptions): Promise<JsonObject> {
  if (privateKey.algorithm.name !== 'Ed25519') throw new TypeError(`eddsa-jcs-2022 needs an Ed25519 key, not ${privateKey.algorithm.name}`);
  const doc = withDataIntegrityContext(document);
  const base = { type: 'DataIntegrityProof', cryptosuite: CRYPTOSUITE, verificationMethod: options.verificationMethod, proofPurpose: 'assertionMethod', created: proofCreated(options.created) } as const;
  const config = proofConfigOf(doc, base);
  const signature = new Uint8Array(await crypto.subtle.sign('Ed25519', privateKey, await hashData(doc, config)));
  // Embedded without its own @context: the document's (with the data integrity context)
  // applies to it, and our inline vocabulary context is not written twice. Verifiers
  // rebuild the proof configuration from the document's @context anyway (§3.3.5).
  const proof: DataIntegrityProof = { ...base, proofValue: new TextDecoder().decode(encodeMultibase('base58btc', signature)) };
  const existing = doc['proof'];
  const proofs = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return { ...doc, proof: proofs.length === 0 ? proof : [...proofs, proof] };
}

/** Finds the public key of a verification method (a Multikey id); null when unknown. */
export type ProofKeyResolver = (verificationMethod: string) => Promise<CryptoKey | null>;

function isProof(value: unknown): value is DataIntegrityProof {
  if (!value || typeof value !== 'object') return false;
  const p = value as Record<string, unknown>;
  return p['type'] === 'DataIntegrityProof' && p['cryptosuite'] === CRYPTOSUITE && p['proofPurpose'] === 'assertionMethod'
    && typeof p['verificationMethod'] === 'string' && typeof p['created'] === 'string' && typeof p['proofValue'] === 'string';
}

/**
 * Checks every proof of `document`. Returns the verification methods that signed it, or
 * null when there is no proof, one is not an eddsa-jcs-2022 assertion proof, its key is
 * unknown, or one signature does not match (any change to the document or the proof).
 */
export async function verifyProofs(document: JsonObject, resolveKey: ProofKeyResolver): Promise<string[] | null> {
  const raw = document['proof'];
  const proofs = raw === undefined ? [] : Array.isArray(raw) ? (raw as unknown[]) : [raw];
  if (proofs.length === 0) return null;
  const methods: string[] = [];
  for (const proof of proofs) {
    if (!isProof(proof)) return null;
    const key = await resolveKey(proof.verificationMethod);
    if (!key || key.algorithm.name !== 'Ed25519') return null;
    let signature: Uint8Array<ArrayBuffer>;
    try {
      signature = new Uint8Array(decodeMultibase(proof.proofValue));
    } catch {
      return null;
    }
    if (signature.length !== 64) return null;
    const data = await hashData(document, proofConfigOf(document, proof));
    if (!(await crypto.subtle.verify('Ed25519', key, signature, data))) return null;
    methods.push(proof.verificationMethod);
  }
  return methods;
}
