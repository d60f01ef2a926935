/**
 * npm run bench: figures with the machine described and ratios against baselines
 * measured in the same run (bench/README.md keeps the last figures).
 *  - accounts: argon2id vs sha256, authenticated requests vs /health;
 *  - declarations recorded per second through the whole HTTP stack vs a bare Hono JSON endpoint;
 *  - association statistics p50 / p95 at 10,000 and at 1,000,000 declarations;
 *  - CSV and ODS export of 1,000,000 declarations: time and peak memory;
 *  - delivery: our job queue vs @fedify/sqlite's, fan-out of one activity to 1,000 inboxes;
 *  - inbox: signed activities accepted and processed per second at 50 concurrent senders;
 *  - valuation: yearly summary (page, CSV, PDF) of 50,000 valued declarations, the freeze on validation;
 *  - attestations: signed (JWS + PDF) and verified per second vs raw Ed25519.
 * `npm run bench -- accounts statistics` runs only those parts.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { setupLogging } from '../src/logging.ts';
import { machine } from './lib.ts';
import { accountsBench } from './accounts.bench.ts';
import { declarationsBench } from './declarations.bench.ts';
import { statisticsBench } from './statistics.bench.ts';
import { exportsBench } from './exports.bench.ts';
import { deliveryBench } from './delivery.bench.ts';
import { inboxBench } from './inbox.bench.ts';
import { valuationBench } from './valuation.bench.ts';
import { attestationsBench } from './attestations.bench.ts';

const parts: Record<string, (dir: string) => Promise<void>> = {
  accounts: accountsBench,
  declarations: declarationsBench,
  statistics: statisticsBench,
  exports: exportsBench,
  delivery: deliveryBench,
  inbox: inboxBench,
  valuation: valuationBench,
  attestations: attestationsBench,
};
const chosen = process.argv.slice(2).filter((a) => a in parts);
const started = performance.now();

console.log(machine());
console.log(`Date: ${new Date().toISOString()}`);
console.log('');
await setupLogging({ env: 'test', logLevel: 'error' });

const dir = mkdtempSync(path.join(os.tmpdir(), 'bv-bench-'));
try {
  for (const [name, run] of Object.entries(parts)) {
    if (chosen.length > 0 && !chosen.includes(name)) continue;
    console.log(`== ${name}`);
    await run(dir);
    console.log('');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Whole run: ${((performance.now() - started) / 1000).toFixed(0)} s`);
