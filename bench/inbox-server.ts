/**
 * The server the inbox throughput is measured against (a child process, so senders and
 * server do not share one event loop): the real app on a SQLite file with one
 * association, private addresses allowed (the senders' actors live on 127.0.0.1), plus
 * a bare Hono JSON endpoint as the baseline. argv: data directory, port. Prints one JSON
 * line once listening.
 */
import path from 'node:path';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { MemoryMailer } from '../src/mail/mailer.ts';
import { setupLogging } from '../src/logging.ts';
import { generate } from './dataset.ts';

const [dir, port] = process.argv.slice(2);
await setupLogging({ env: 'test', logLevel: 'error' });
const file = path.join(dir!, 'inbox.sqlite');
const data = await generate({ file, declarations: 0, associations: 1, volunteers: 5, years: 1, today: '2026-11-27' });
// Back to the settings every app connection has (the generator loads with fewer guarantees).
data.database.sqlite.pragma('synchronous = NORMAL');
data.database.sqlite.pragma('foreign_keys = ON');
const origin = `http://127.0.0.1:${port}`;
const config = loadConfig({ BV_ENV: 'test', BV_ORIGIN: origin, BV_DATA_DIR: dir, BV_ALLOW_PRIVATE_ADDRESSES: 'true' });
const { app } = createApp({ config: { ...config, secret: 'b'.repeat(40) }, db: data.database.db, mailer: new MemoryMailer(), databaseFile: file });

const root = new Hono();
root.post('/bench/bare', async (c) => c.json({ received: await c.req.json() }, 202));
root.route('/', app);

const server = serve({ fetch: root.fetch, hostname: '127.0.0.1', port: Number(port) }, () => {
  console.log(JSON.stringify({ origin, associationId: data.largest.id }));
});
process.on('SIGTERM', () => {
  server.close();
  const count = data.database.sqlite.prepare('SELECT COUNT(*) AS n FROM inbox_activities').get() as { n: number };
  console.error(JSON.stringify({ processed: count.n }));
  void data.database.close().then(() => process.exit(0));
});
