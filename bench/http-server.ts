/**
 * The server the declaration throughput is measured against (a child process, so the
 * load generator and the server do not share one event loop): the real app on a SQLite
 * file, plus a bare Hono JSON endpoint on the same server as the baseline. Prints what
 * the load generator needs as one JSON line.
 */
import path from 'node:path';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { MemoryMailer } from '../src/mail/mailer.ts';
import { setupLogging } from '../src/logging.ts';
import { generate } from './dataset.ts';

const dir = process.argv[2]!;
await setupLogging({ env: 'test', logLevel: 'error' });
const file = path.join(dir, 'declarations.sqlite');
// One unmoderated association (each declaration is validated at once: a validation row too).
const data = await generate({ file, declarations: 0, associations: 1, volunteers: 10, years: 1, today: '2026-11-27' });
const config = loadConfig({ BV_ENV: 'test', BV_ORIGIN: 'http://localhost:3000', BV_DATA_DIR: dir });
const { app, services } = createApp({ config: { ...config, secret: 'b'.repeat(40) }, db: data.database.db, mailer: new MemoryMailer(), databaseFile: file });
const { token, session } = await services.sessions.open(data.managerId, 'bench');
const category = data.database.sqlite.prepare('SELECT id FROM categories WHERE association_id = ? ORDER BY position LIMIT 1').get(data.largest.id) as { id: string };

const root = new Hono();
// The baseline: parse the same JSON body, answer JSON — no session, no database.
root.post('/bench/bare', async (c) => c.json({ received: await c.req.json() }, 201));
root.route('/', app);

const server = serve({ fetch: root.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  console.log(JSON.stringify({
    port: info.port,
    cookie: `bv_session=${token}`,
    csrf: services.sessions.csrfTokenFor(session.id),
    associationId: data.largest.id,
    categoryId: category.id,
    origin: config.origin,
  }));
});
process.on('SIGTERM', () => {
  server.close();
  const count = data.database.sqlite.prepare('SELECT COUNT(*) AS n FROM declarations').get() as { n: number };
  console.error(JSON.stringify({ declarations: count.n }));
  void data.database.close().then(() => process.exit(0));
});
