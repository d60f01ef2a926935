/**
 * The accounts foundation (issue 2): argon2id at OWASP parameters (the cost of every
 * login) vs sha256 of a token (the cost of every authenticated request); authenticated
 * API requests (session cookie, Bearer token) vs /health, through app.request() on a
 * real SQLite file.
 */
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { createApp } from '../src/app.ts';
import { MemoryMailer } from '../src/mail/mailer.ts';
import { hashPassword, verifyPassword } from '../src/accounts/password.ts';
import { hashToken, randomToken } from '../src/lib/secrets.ts';
import { time } from './lib.ts';

export async function accountsBench(dir: string): Promise<void> {
  console.log('Password and token hashing');
  const baseHash = await time('baseline: sha256 of a session token', 2000, () => hashToken(randomToken()));
  const stored = await hashPassword('une longue phrase de passe');
  const argon = await time('argon2id m=19MiB t=2 p=1 (verify)', 30, () => verifyPassword('une longue phrase de passe', stored));
  console.log(`ratio argon2id / sha256: ${(argon / baseHash).toFixed(0)}×  (logins are deliberately slow, requests are not)`);
  console.log('');

  const database = openDatabase(path.join(dir, 'accounts.sqlite'));
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
}
