/** What the benchmarks share: the machine line, timings, percentiles, a seeded PRNG, fast ordered ids. */
import os from 'node:os';
import { execFileSync } from 'node:child_process';

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let sqlite = '?';
  try {
    sqlite = execFileSync(process.execPath, ['-e', "const D=require('better-sqlite3');console.log(new D(':memory:').prepare('select sqlite_version() v').get().v)"], { encoding: 'utf8' }).trim();
  } catch {
    // better-sqlite3 missing: leave the version unknown
  }
  return `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, SQLite ${sqlite}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

/** Mean time of `fn` after a warm-up, printed as one line. */
export async function time(label: string, n: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < Math.min(10, n); i++) await fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const perOp = (performance.now() - start) / n;
  console.log(`${label.padEnd(46)} ${perOp.toFixed(3).padStart(10)} ms/op  (${n} runs)`);
  return perOp;
}

/** Nearest-rank percentile of durations (ms). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Durations of `n` calls after `warmup` unmeasured ones. */
export async function samples(n: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    out.push(performance.now() - start);
  }
  return out;
}

export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** mulberry32: small, fast, seeded — the same data on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * UUIDv7-shaped ids (time-ordered like the app's) without the cost of `uuid`'s v7()
 * (~ 13 µs each here, too slow for a million rows): the instant, then a counter.
 */
export function orderedIds(): (ms: number) => string {
  let counter = 0;
  return (ms) => {
    const t = ms.toString(16).padStart(12, '0');
    const c = (counter++).toString(16).padStart(15, '0');
    return `${t.slice(0, 8)}-${t.slice(8)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6).padStart(12, '0')}`;
  };
}
