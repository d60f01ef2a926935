/**
 * The interface words: every French key has its English twin (and the reverse), and every
 * `t('…')` written literally in the pages names a key that exists — a missing word would
 * otherwise show its raw key to a volunteer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const web = join(import.meta.dirname);

async function words(file: string): Promise<Record<string, string>> {
  return ((await import(pathToFileURL(file).href)) as { default: Record<string, string> }).default;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'tests' || e.name === 'i18n' ? [] : sources(path);
    return e.name.endsWith('.js') ? [path] : [];
  });
}

describe('interface words', () => {
  it('French and English have the same keys, file by file', async () => {
    const pairs = [['i18n/fr.js', 'i18n/en.js'], ...readdirSync(join(web, 'i18n/domains')).filter((f) => f.endsWith('.fr.js')).map((f) => [`i18n/domains/${f}`, `i18n/domains/${f.replace('.fr.js', '.en.js')}`])];
    expect(pairs.length).toBeGreaterThan(10);
    for (const [frFile, enFile] of pairs) {
      const fr = Object.keys(await words(join(web, frFile!))).sort();
      const en = Object.keys(await words(join(web, enFile!))).sort();
      expect({ file: frFile, missingInEnglish: fr.filter((k) => !en.includes(k)), missingInFrench: en.filter((k) => !fr.includes(k)) })
        .toEqual({ file: frFile, missingInEnglish: [], missingInFrench: [] });
    }
  });

  it('every literal t(…) key used by the pages exists', async () => {
    const known = new Set<string>(Object.keys(await words(join(web, 'i18n/fr.js'))));
    for (const f of readdirSync(join(web, 'i18n/domains')).filter((f) => f.endsWith('.fr.js'))) {
      for (const k of Object.keys(await words(join(web, 'i18n/domains', f)))) known.add(k);
    }
    const missing: string[] = [];
    let used = 0;
    for (const file of sources(web)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_.-]+)'/g)) {
        used += 1;
        if (!known.has(m[1]!)) missing.push(`${file.slice(web.length + 1)}: ${m[1]}`);
      }
    }
    expect(used).toBeGreaterThan(500);
    expect(missing).toEqual([]);
  });
});
