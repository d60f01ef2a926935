/**
 * Attestations (issue 8): how many a second can be signed (compact JWS, EdDSA with the
 * association's Ed25519 key, and its PDF) and verified (the JWS against the association's
 * JWKS held locally, then as the public verification does it: key from the database,
 * revocation looked up), against raw Ed25519 `crypto.subtle.sign` / `verify` of the same
 * signing input with the same key, in the same run. The attestation is a real one: a
 * year of a volunteer's validated hours by month and category, issued by the service on
 * a SQLite file. The public HTTP route is rate-limited per address, so the service is
 * measured directly.
 */
import os from 'node:os';
import type { JSONWebKeySet } from 'jose';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { keyIdsOf, signAttestation, verifyAttestationJws, type UnsignedClaims } from '../src/attestations/attestation.jws.ts';
import { attestationPdf } from '../src/attestations/attestation.pdf.ts';
import { attestationService, decodeClaims, verifierUrl } from '../src/attestations/attestation.service.ts';
import { verificationService } from '../src/attestations/attestation.verify.ts';
import { actorKeyPairs } from '../src/federation/keys.ts';
import { PdfDoc } from '../src/pdf/pdf-kit.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { MemoryMailer } from '../src/mail/mailer.ts';
import type { Asker } from '../src/memberships/access.ts';
import { generate } from './dataset.ts';
import { percentile, samples } from './lib.ts';

const TODAY = '2026-11-27';
const ORIGIN = 'http://localhost:3000';

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const perSecond = (xs: number[]) => (1000 / mean(xs)).toFixed(mean(xs) > 100 ? 1 : 0);
const line = (label: string, xs: number[], baseline?: number[]) =>
  console.log(
    `  ${label.padEnd(68)} ${perSecond(xs).padStart(6)} /s   p50 ${percentile(xs, 50).toFixed(3).padStart(8)} ms   p95 ${percentile(xs, 95).toFixed(3).padStart(8)} ms` +
      (baseline ? `   ${(percentile(xs, 50) / percentile(baseline, 50)).toFixed(1)}× the baseline (p50)` : ''),
  );

export async function attestationsBench(dir: string): Promise<void> {
  const file = path.join(dir, 'attestations.sqlite');
  const data = await generate({ file, declarations: 20_000, associations: 20, volunteers: 400, years: 1, today: TODAY });
  const { database, largest, managerId } = data;
  const db = database.db;
  const clock = new ManualClock(`${TODAY}T12:00:00Z`);
  const config = loadConfig({ BV_ENV: 'test', BV_ORIGIN: ORIGIN, BV_DATA_DIR: dir });
  const { app } = createApp({ config: { ...config, secret: 'b'.repeat(40) }, db, mailer: new MemoryMailer(), clock, databaseFile: file });
  // The member with the most validated hours in the largest association.
  const volunteer = database.sqlite.prepare(`SELECT d.author_account_id AS id, count(*) AS n FROM declarations d
    WHERE d.association_id = ? AND d.status = 'validated' AND d.author_type = 'account' GROUP BY d.author_account_id ORDER BY n DESC LIMIT 1`).get(largest.id) as { id: string; n: number };
  const period = { from: `${Number(TODAY.slice(0, 4)) - 1}-11-28`, to: TODAY };
  const asker: Asker = { viewer: { kind: 'account', accountId: managerId, isAdmin: false }, actor: { accountId: managerId, label: 'Gestion Bench' } };
  const noRemoteKeys = async () => async () => null;
  const attestations = attestationService({ db, clock, origin: ORIGIN, resolveKey: noRemoteKeys });
  const verification = verificationService({ db, origin: ORIGIN, remoteJwks: async () => null, resolveKey: noRemoteKeys });

  const issued = await attestations.issueFor(asker, largest.id, { accountId: volunteer.id, ...period });
  const { jws } = await attestations.jws(asker, issued.id);
  const { bytes: pdf } = await attestations.pdf(asker, issued.id);
  const claims = decodeClaims(jws);
  const { iat: _iat, ...unsigned } = claims;
  const toSign: UnsignedClaims = unsigned;
  const [, ed25519] = await actorKeyPairs(db, clock, largest.id);
  if (!ed25519 || ed25519.algorithm !== 'Ed25519') throw new Error('no Ed25519 key');
  // The association's JWKS as served, fetched once: the verifier then holds it locally.
  const jwksRes = await app.request(new URL(keyIdsOf(claims.iss).jku).pathname);
  if (jwksRes.status !== 200) throw new Error(`JWKS: ${jwksRes.status}`);
  const jwks = (await jwksRes.json()) as JSONWebKeySet;
  const [h, p, s] = jws.split('.') as [string, string, string];
  const signingInput = new TextEncoder().encode(`${h}.${p}`);
  const signature = Buffer.from(s, 'base64url');
  if (!(await crypto.subtle.verify('Ed25519', ed25519.publicKey, signature, signingInput))) throw new Error('the JWS does not verify with the raw key');
  for (const check of [await verifyAttestationJws(jws, async () => jwks), await verification.byJws(jws), await verification.byFile(pdf)]) {
    if (!('ok' in check ? check.ok : check.result === 'valid')) throw new Error(`not valid: ${JSON.stringify(check).slice(0, 200)}`);
  }
  console.log(
    `Attestation of ${volunteer.n} validated actions over a year (${claims.hours.length} month × category lines): JWS ${jws.length.toLocaleString('en')} bytes, ` +
      `payload ${Buffer.from(p, 'base64url').length.toLocaleString('en')} bytes, PDF ${pdf.length.toLocaleString('en')} bytes — load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );

  console.log('Signing');
  const rawSign = await samples(3000, 300, () => crypto.subtle.sign('Ed25519', ed25519.privateKey, signingInput));
  const signJws = await samples(2000, 200, () => signAttestation(toSign, ed25519.privateKey, clock.now()));
  const signPdf = await samples(40, 5, async () => {
    const token = await signAttestation(toSign, ed25519.privateKey, clock.now());
    return attestationPdf({ claims: decodeClaims(token), jws: token, verifierUrl: verifierUrl(ORIGIN), jku: keyIdsOf(claims.iss).jku });
  });
  const service = await samples(40, 5, async () => {
    const a = await attestations.issueFor(asker, largest.id, { accountId: volunteer.id, ...period });
    return attestations.pdf(asker, a.id);
  });
  const pdfFloor = await samples(40, 5, async () => {
    const doc = await PdfDoc.create({ title: 'Bench', lang: 'fr-FR', createdAt: clock.now() });
    doc.paragraph('12 h 30');
    return doc.save();
  });
  line('baseline: crypto.subtle.sign Ed25519, same input', rawSign);
  line('JWS (jose SignJWT, EdDSA)', signJws, rawSign);
  line('JWS + PDF', signPdf, rawSign);
  line('service: issue (hours read, JWS, stored, audited) + its PDF', service, rawSign);
  line('for scale: a one-line PDF from the same kit (fonts embedded, subset)', pdfFloor, rawSign);

  console.log('Verifying');
  const rawVerify = await samples(3000, 300, () => crypto.subtle.verify('Ed25519', ed25519.publicKey, signature, signingInput));
  const localJwks = await samples(2000, 200, () => verifyAttestationJws(jws, async () => jwks));
  const byJws = await samples(2000, 200, () => verification.byJws(jws));
  const byFile = await samples(200, 20, () => verification.byFile(pdf));
  line('baseline: crypto.subtle.verify Ed25519, same input', rawVerify);
  line('JWS against the JWKS held locally (jose, claims checked)', localJwks, rawVerify);
  line('public verification by JWS (key from the database, revocation)', byJws, rawVerify);
  line('public verification of the PDF (document info read, then the same)', byFile, rawVerify);
  await database.close();
}
