/** The only server entry: config → database → migrate → app → serve; clean shutdown on SIGINT/SIGTERM. */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { serve } from '@hono/node-server';
import { getLogger } from '@logtape/logtape';
import { createApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';

const { config, database, mailer } = await bootstrap({ migrate: true });
const logger = getLogger(['benevalibre']);
const { app, services } = createApp({ config, db: database.db, mailer, databaseFile: config.databaseFile });
await services.jobs.start();
services.federationQueue.start(); // Fedify's outgoing deliveries and fan-out, from the `fedify` queue

// With BV_TLS_* the app speaks HTTPS itself (federation tests, proxy-less setups); else plain HTTP behind a proxy.
const tls = config.tls ? { createServer: createHttpsServer, serverOptions: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } } : {};
const server = serve({ fetch: app.fetch, hostname: config.listenHost, port: config.port, ...tls }, (info) => {
  logger.info('Bénévalibre listening on {address}:{port}, public address {origin} ({env})', {
    address: info.address,
    port: info.port,
    origin: config.origin,
    env: config.env,
  });
  if (!config.smtpUrl) logger.info('No BV_SMTP_URL: emails are written to {dir}', { dir: `${config.dataDir}/outbox` });
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info('{signal} received, stopping', { signal });
  server.close();
  await services.jobs.stop(); // lets the running job finish; the others wait in the database
  await services.federationQueue.stop(); // same for Fedify's queue
  await services.accounts.flush();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
