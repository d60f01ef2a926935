/**
 * Declarations recorded per second through the whole HTTP stack (session cookie, CSRF,
 * body validation, rules, one transaction with the declaration, its validation and the
 * audit entry) versus a bare Hono JSON endpoint on the same server: same load generator
 * (autocannon), connections and duration.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const CONNECTIONS = 10;
const DURATION = 10;

interface Server {
  port: number;
  cookie: string;
  csrf: string;
  associationId: string;
  categoryId: string;
  origin: string;
}

async function load(url: string, headers: Record<string, string>, body: string, duration = DURATION) {
  const result = await autocannon({ url, method: 'POST', headers, body, connections: CONNECTIONS, duration });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return result;
}

export async function declarationsBench(dir: string): Promise<void> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./http-server.ts', import.meta.url)), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  const server = JSON.parse(line) as Server;
  const base = `http://127.0.0.1:${server.port}`;
  const body = JSON.stringify({ categoryId: server.categoryId, title: 'Permanence d’accueil', date: '2025-06-15', durationMinutes: 150, distanceKm: '12.5' });
  const json = { 'Content-Type': 'application/json' };
  const full = { ...json, Cookie: server.cookie, 'X-CSRF-Token': server.csrf, Origin: server.origin };
  try {
    const check = await fetch(`${base}/api/v1/associations/${server.associationId}/declarations`, { method: 'POST', headers: full, body });
    if (check.status !== 201) throw new Error(`declaration refused: ${check.status} ${await check.text()}`);
    // Warm-up of both paths, then the measures.
    await load(`${base}/bench/bare`, json, body, 2);
    await load(`${base}/api/v1/associations/${server.associationId}/declarations`, full, body, 2);
    const bare = await load(`${base}/bench/bare`, json, body);
    const declarations = await load(`${base}/api/v1/associations/${server.associationId}/declarations`, full, body);
    const line = (label: string, r: autocannon.Result) =>
      console.log(`${label.padEnd(46)} ${r.requests.average.toFixed(0).padStart(7)} req/s   latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`);
    console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s each, server in its own process`);
    line('baseline: bare Hono JSON endpoint', bare);
    line('POST /associations/{id}/declarations', declarations);
    console.log(`ratio declarations / bare: ${((declarations.requests.average / bare.requests.average) * 100).toFixed(1)} % (${(bare.requests.average / declarations.requests.average).toFixed(1)}× slower: session, CSRF, validation, transaction)`);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    const counted = /\{"declarations":(\d+)\}/.exec(stderr);
    if (counted) console.log(`declarations stored: ${Number(counted[1]).toLocaleString('en')}`);
  }
}
