/**
 * Fedify's KvStore over the `kv` table: get/set/delete, list by prefix, TTL (on a
 * manual clock, and a real short one), and compare-and-swap including races between
 * two connections to the same file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Temporal } from '@js-temporal/polyfill';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { ManualClock } from '../lib/clock.ts';
import type { KvStoreSetOptions } from '@fedify/fedify';
import { DatabaseKvStore, canonicalJson } from './kv-store.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bv-kv-'));
const opened: DatabaseHandle[] = [];
afterAll(async () => {
  for (const d of opened) await d.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(file = ':memory:') {
  const handle = openDatabase(file);
  opened.push(handle);
  await migrateToLatest(handle.db);
  return handle.db;
}

// Fedify types TTLs with the standard Temporal; at run time it uses this same polyfill.
type Ttl = NonNullable<KvStoreSetOptions['ttl']>;
const duration = (d: { seconds?: number; milliseconds?: number }) => Temporal.Duration.from(d) as Ttl;
const seconds = (n: number) => duration({ seconds: n });

async function all(iterable: AsyncIterable<{ key: readonly string[]; value: unknown }>) {
  const out: { key: readonly string[]; value: unknown }[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

describe('DatabaseKvStore', () => {
  it('gets, sets, overwrites and deletes JSON values', async () => {
    const kv = new DatabaseKvStore(await open());
    expect(await kv.get(['a'])).toBeUndefined();
    await kv.set(['a'], { b: [1, 'deux', null], c: true });
    expect(await kv.get(['a'])).toEqual({ b: [1, 'deux', null], c: true });
    await kv.set(['a'], 'autre');
    expect(await kv.get(['a'])).toBe('autre');
    await kv.delete(['a']);
    expect(await kv.get(['a'])).toBeUndefined();
    await kv.delete(['missing']); // no error
  });

  it('lists by prefix, matching whole key parts only', async () => {
    const kv = new DatabaseKvStore(await open());
    await kv.set(['x', 'a'], 1);
    await kv.set(['x', 'a', 'b'], 2);
    await kv.set(['x', 'ab'], 3);
    await kv.set(['x%', '_'], 4);
    await kv.set(['y'], 5);
    expect((await all(kv.list(['x', 'a']))).map((e) => e.value).sort()).toEqual([1, 2]);
    expect((await all(kv.list(['x']))).map((e) => e.value).sort()).toEqual([1, 2, 3]);
    expect((await all(kv.list(['x%']))).map((e) => e.key)).toEqual([['x%', '_']]);
    expect(await all(kv.list())).toHaveLength(5);
  });

  it('expires values after their TTL (manual clock), also in list() and cas()', async () => {
    const clock = new ManualClock();
    const kv = new DatabaseKvStore(await open(), clock);
    await kv.set(['t'], 'bref', { ttl: seconds(60) });
    await kv.set(['t', 'long'], 'durable');
    clock.advance(59_999);
    expect(await kv.get(['t'])).toBe('bref');
    clock.advance(1);
    expect(await kv.get(['t'])).toBeUndefined();
    await kv.set(['t'], 'encore', { ttl: seconds(1) });
    clock.advance(1000);
    expect((await all(kv.list(['t']))).map((e) => e.value)).toEqual(['durable']);
    expect(await kv.cas(['t'], 'encore', 'non')).toBe(false); // expired: reads as absent
    expect(await kv.cas(['t'], undefined, 'oui')).toBe(true);
    expect(await kv.get(['t'])).toBe('oui');
    expect(await kv.sweep()).toBe(0);
  });

  it('expires with a real short TTL', async () => {
    const kv = new DatabaseKvStore(await open());
    await kv.set(['real'], 1, { ttl: duration({ milliseconds: 150 }) });
    expect(await kv.get(['real'])).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(await kv.get(['real'])).toBeUndefined();
  });

  it('cas: compares deeply (key order does not matter), absent as undefined', async () => {
    const kv = new DatabaseKvStore(await open());
    expect(await kv.cas(['c'], 'x', 'y')).toBe(false);
    expect(await kv.get(['c'])).toBeUndefined();
    expect(await kv.cas(['c'], undefined, { a: 1, b: { d: 2, c: 3 } })).toBe(true);
    expect(await kv.cas(['c'], undefined, 'again')).toBe(false);
    expect(await kv.cas(['c'], { b: { c: 3, d: 2 }, a: 1 }, [1, 2])).toBe(true);
    expect(await kv.cas(['c'], [2, 1], 'no')).toBe(false);
    expect(await kv.get(['c'])).toEqual([1, 2]);
    expect(canonicalJson({ b: 1, a: { z: 1, y: 2 } })).toBe('{"a":{"y":2,"z":1},"b":1}');
  });

  it('cas races: of many concurrent increments on two connections, each value is won once', async () => {
    const file = path.join(dir, 'race.sqlite');
    const stores = [new DatabaseKvStore(await open(file)), new DatabaseKvStore(await open(file))];
    await stores[0]!.set(['counter'], 0);
    let wins = 0;
    const worker = async (kv: DatabaseKvStore) => {
      for (let i = 0; i < 50; i++) {
        const current = (await kv.get<number>(['counter']))!;
        if (await kv.cas(['counter'], current, current + 1)) wins++;
      }
    };
    await Promise.all([worker(stores[0]!), worker(stores[1]!), worker(stores[0]!), worker(stores[1]!)]);
    // Every successful swap added exactly one: no lost update, no double win.
    expect(await stores[1]!.get(['counter'])).toBe(wins);
    expect(wins).toBeGreaterThan(0);
    // Concurrent creations: exactly one wins.
    const created = await Promise.all(stores.flatMap((kv) => [kv.cas(['once'], undefined, 'a'), kv.cas(['once'], undefined, 'b')]));
    expect(created.filter(Boolean)).toHaveLength(1);
  });
});
