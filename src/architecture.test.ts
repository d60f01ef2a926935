/**
 * Dependency direction (engineering guide): routes → services → repositories → db.
 * Services import neither Hono nor Fedify; repositories import no service or route;
 * migrations import nothing from src/; only config.ts reads process.env.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

const production = filesUnder('src').filter((f) => !f.endsWith('.test.ts') && !f.startsWith('src/testing/'));

describe('dependency direction', () => {
  it('finds the layers it checks', () => {
    expect(production.some((f) => f.endsWith('.service.ts'))).toBe(true);
    expect(production.some((f) => f.endsWith('.repository.ts'))).toBe(true);
    expect(production.some((f) => f.endsWith('.routes.ts'))).toBe(true);
  });

  it('services import neither Hono nor Fedify nor routes', () => {
    const offenders = production
      .filter((f) => f.endsWith('.service.ts'))
      .flatMap((f) => importsOf(f).filter((i) => /^(hono|@hono\/|@fedify\/)/.test(i) || i.endsWith('.routes.ts')).map((i) => `${f} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it('repositories import no service, route, Hono or Fedify', () => {
    const offenders = production
      .filter((f) => f.endsWith('.repository.ts'))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => /\.(service|routes)\.ts$/.test(i) || /^(hono|@hono\/|@fedify\/)/.test(i))
          .map((i) => `${f} → ${i}`),
      );
    expect(offenders).toEqual([]);
  });

  it('nothing below the HTTP layer imports routes or the http folder', () => {
    const lower = production.filter((f) => /\.(service|repository|table)\.ts$/.test(f) || f.startsWith('src/lib/') || f.startsWith('src/db/'));
    const offenders = lower.flatMap((f) =>
      importsOf(f)
        .filter((i) => i.includes('/http/') || i.endsWith('.routes.ts'))
        .map((i) => `${f} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('migrations import nothing from src/', () => {
    const migrations = filesUnder('migrations').filter((f) => !f.endsWith('.test.ts'));
    expect(migrations.length).toBeGreaterThan(0);
    const offenders = migrations.flatMap((f) => importsOf(f).filter((i) => i.startsWith('.')).map((i) => `${f} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it('only src/config.ts reads process.env', () => {
    const offenders = production.filter((f) => f !== 'src/config.ts' && readFileSync(path.join(root, f), 'utf8').includes('process.env'));
    expect(offenders).toEqual([]);
  });
});
