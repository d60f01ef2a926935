/**
 * npm run bench: figures that matter for the accounts foundation, with the machine
 * described and ratios against baselines measured in the same run.
 *  - argon2id at OWASP parameters (the cost of every login) vs sha256 of a token
 *    (the cost of every authenticated request);
 *  - authenticated API requests (session cookie, Bearer token) vs /health, through
 *    app.request() on a real SQLite file.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { createApp } from '../src/app.ts';
import { MemoryMailer } from '../src/mail/mailer.ts';
import { hashPassword, verifyPassword } from '../src/accounts/password.ts';
import { hashToken, randomToken } from '../src/lib/secrets.ts';
import { setupLogging } from '../src/logging.ts';

async function time(label: string, n: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < Math.min(10, n); i++) await fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const perOp = (performance.now() - start) / n;
  console.log(`${label.padEnd(46)} ${perOp.toFixed(3).padStart(10)} ms/op  (${n} runs)`);
  return perOp;
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`);
console.log('');

await setupLogging({ env: 'test', logLevel: 'error' });

console.log('Password and token hashing');
const baseHash = await time('baseline: sha256 of a session token', 2000, () => hashToken(randomToken()));
const stored = await hashPassword('une longue phrase de passe');
const argon = await time('argon2id m=19MiB t=2 p=1 (verify)', 30, () => verifyPassword('une longue phrase de passe', stored));
console.log(`ratio argon2id / sha256: ${(argon / baseHash).toFixed(0)}×  (logins are deliberately slow, requests are not)`);
console.log('');

const dir = mkdtempSync(path.join(os.tmpdir(), 'bv-bench-'));
const database = openDatabase(path.join(dir, 'bench.sqlite'));
await migrateToLatest(database.db);
const config = loadConfig({ BV_ENV: 'test', BV_ORIGIN: 'http://localhost:3000', BV_DATA_DIR: dir });
const mailer = new MemoryMailer();
const { app, services } = createApp({ config: { ...config, secret: 'b'.repeat(40) }, db: database.db, mailer });
const { id } = await services.accounts.createAdmin({ email: 'bench@exemple.fr', password: 'une longue phrase de passe', pseudo: 'bench' });
const { token: cookie } = await services.sessions.open(id, 'bench');
const { secret } = await services.sessions.createToken(id, { name: 'bench', scope: 'read', expiresInDays: null });

console.log('HTTP through app.request() on a SQLite file');
const health = await time('baseline: GET /health', 2000, () => app.request('/health'));
const viaCookie = await time('GET /api/v1/me with a session cookie', 2000, () => app.request('/api/v1/me', { headers: { Cookie: `bv_session=${cookie}` } }));
const viaToken = await time('GET /api/v1/me with a Bearer token', 2000, () => app.request('/api/v1/me', { headers: { Authorization: `Bearer ${secret}` } }));
console.log(`ratio cookie / health: ${(viaCookie / health).toFixed(2)}×, token / health: ${(viaToken / health).toFixed(2)}×`);

await database.close();
rmSync(dir, { recursive: true, force: true });
