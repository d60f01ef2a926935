/**
 * CSV and ODS export of 1,000,000 declarations (one association holding them all):
 * time, size and peak memory of the process, each export in a fresh child process;
 * plus how long other requests waited meanwhile.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generate } from './dataset.ts';
import { mib } from './lib.ts';

const run = promisify(execFile);

interface Result {
  ms: number;
  bytes: number;
  lines: number;
  rssBefore: number;
  peakRss: number;
  others: { n: number; p50: number; p99: number; max: number };
}
const DECLARATIONS = 1_000_000;

export async function exportsBench(dir: string): Promise<void> {
  const file = path.join(dir, 'exports.sqlite');
  const data = await generate({ file, declarations: DECLARATIONS, associations: 1, volunteers: 2_000, years: 5, today: '2026-11-27' });
  console.log(`${DECLARATIONS.toLocaleString('en')} declarations of one association generated in ${(data.generateMs / 1000).toFixed(1)} s`);
  await data.database.close();
  const child = fileURLToPath(new URL('./export-child.ts', import.meta.url));
  // The same exports filtered to this year (~ a fifth of the rows): memory must not follow the rows.
  for (const [format, query] of [['csv', ''], ['ods', ''], ['csv', 'from=2026-01-01'], ['ods', 'from=2026-01-01']] as const) {
    const { stdout } = await run(process.execPath, [child, file, format, dir, query], { maxBuffer: 1 << 20 });
    const r = JSON.parse(stdout.trim().split('\n').pop()!) as Result;
    if (format === 'csv' && !query && r.lines !== DECLARATIONS + 1) throw new Error(`CSV: ${r.lines} lines for ${DECLARATIONS} declarations`);
    const rows = format === 'csv' ? r.lines - 1 : null;
    console.log(
      `${format.toUpperCase()} export${query ? ` (${query}${rows ? `: ${rows.toLocaleString('en')} rows` : ''})` : ` of ${DECLARATIONS.toLocaleString('en')}`}: ${(r.ms / 1000).toFixed(1)} s, ${mib(r.bytes)}; ` +
        `peak RSS ${mib(r.peakRss)} (+${mib(r.peakRss - r.rssBefore)} over the ${mib(r.rssBefore)} before); ` +
        `other requests meanwhile: ${r.others.n}, p50 ${r.others.p50.toFixed(1)} ms, p99 ${r.others.p99.toFixed(1)} ms, max ${r.others.max.toFixed(1)} ms`,
    );
  }
}
