/**
 * One export in a process of its own, so its peak memory is its own: the real app on
 * the generated database file (exports read through their read-only connection), the
 * file downloaded through app.request() and counted, and meanwhile a request every
 * 50 ms to see that the others are still answered. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { MemoryMailer } from '../src/mail/mailer.ts';
import { setupLogging } from '../src/logging.ts';
import { percentile } from './lib.ts';

const [file, format, dir, query = ''] = process.argv.slice(2) as [string, string, string, string?];
await setupLogging({ env: 'test', logLevel: 'error' });
const database = openDatabase(file);
const config = loadConfig({ BV_ENV: 'test', BV_ORIGIN: 'http://localhost:3000', BV_DATA_DIR: dir });
const { app, services } = createApp({ config: { ...config, secret: 'b'.repeat(40) }, db: database.db, mailer: new MemoryMailer(), clock: new ManualClock('2026-11-27T12:00:00Z'), databaseFile: file });
const manager = database.sqlite.prepare(`SELECT id FROM accounts WHERE email = 'bench-manager@exemple.fr'`).get() as { id: string };
const { token } = await services.sessions.open(manager.id, 'bench');
const headers = { Cookie: `bv_session=${token}` };

const rssBefore = process.memoryUsage.rss();
let peakRss = rssBefore;
const others: number[] = [];
let exporting = true;
const probe = (async () => {
  while (exporting) {
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    const res = await app.request('/api/v1/me', { headers });
    await res.arrayBuffer();
    others.push(performance.now() - started);
  }
})();

const started = performance.now();
const res = await app.request(`/api/v1/associations/asso-1/declarations/export?format=${format}${query ? `&${query}` : ''}`, { headers });
if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
const reader = res.body!.getReader();
let bytes = 0;
let lines = 0;
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  bytes += value.length;
  if (format === 'csv') for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines += 1;
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}
const ms = performance.now() - started;
exporting = false;
await probe;
// The kernel's high-water mark of this process (resourceUsage().maxRSS would include the
// parent's, inherited at fork).
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
if (hwm) peakRss = Math.max(peakRss, Number(hwm[1]) * 1024);
console.log(JSON.stringify({ ms, bytes, lines, rssBefore, peakRss, others: { n: others.length, p50: percentile(others, 50), p99: percentile(others, 99), max: Math.max(...others) } }));
await database.close();
