/**
 * Serves the browser front end: the HTML shell for every page URL (client routing with
 * real URLs), the modules of `web/` under /assets, and Preact/htm from node_modules under
 * /vendor — no CDN, so an instance behind a strict network still works.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const webDir = path.join(root, 'web');

const VENDOR: Record<string, string> = {
  'preact/preact.mjs': 'node_modules/preact/dist/preact.mjs',
  'preact/hooks.mjs': 'node_modules/preact/hooks/dist/hooks.mjs',
  'htm/htm.module.js': 'node_modules/htm/dist/htm.module.js',
};

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const importMap = JSON.stringify({
  imports: {
    preact: '/vendor/preact/preact.mjs',
    'preact/hooks': '/vendor/preact/hooks.mjs',
    htm: '/vendor/htm/htm.module.js',
  },
});

/** The CSP hash of the inline import map (browsers accept import maps only inline). */
export const importMapHash = `sha256-${createHash('sha256').update(importMap).digest('base64')}`;

export function shellHtml(lang: 'fr' | 'en' = 'fr'): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bénévalibre</title><meta name="description" content="Valoriser l'engagement bénévole">
<link rel="stylesheet" href="/assets/styles.css"><link rel="icon" href="/assets/favicon.svg">
<script type="importmap">${importMap}</script>
<script type="module" src="/assets/main.js"></script></head><body><div id="app"><noscript>Bénévalibre a besoin de JavaScript. / Bénévalibre needs JavaScript.</noscript></div></body></html>`;
}

async function sendFile(file: string, cache: string): Promise<Response | undefined> {
  const type = TYPES[path.extname(file)];
  if (!type) return undefined;
  try {
    const [body, stat] = await Promise.all([fs.readFile(file), fs.stat(file)]);
    return new Response(new Uint8Array(body), {
      headers: { 'Content-Type': type, 'Cache-Control': cache, ETag: `"${stat.size.toString(36)}-${stat.mtimeMs.toString(36)}"` },
    });
  } catch {
    return undefined;
  }
}

export function webRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/vendor/*', async (c, next) => {
    const target = VENDOR[c.req.path.slice('/vendor/'.length)];
    const res = target ? await sendFile(path.join(root, target), 'public, max-age=86400') : undefined;
    return res ?? next();
  });

  app.get('/assets/*', async (c, next) => {
    const rel = decodeURIComponent(c.req.path.slice('/assets/'.length));
    const file = path.resolve(webDir, rel);
    // Only files inside web/, never tests.
    if (!file.startsWith(webDir + path.sep) || /\.test\.|\/tests?\//.test(file)) return next();
    const res = await sendFile(file, 'no-cache');
    return res ?? next();
  });

  // Every other GET that asks for HTML gets the shell; the client router shows the page
  // (or its own "page not found").
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/.well-known/')) return next();
    if (!(c.req.header('Accept') ?? '*/*').match(/text\/html|\*\/\*/)) return next();
    return c.html(shellHtml(c.get('lang')), 200, { 'Cache-Control': 'no-cache', Vary: 'Accept, Accept-Language' });
  });

  return app;
}
