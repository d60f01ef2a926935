/**
 * Fedify's KvStore over the `kv` table. Keys are stored as the JSON of their parts;
 * values as canonical JSON (object keys sorted), so that compare-and-swap is one atomic
 * UPDATE comparing texts — deep equality without a read-then-write race, even between
 * two processes on the same database. Expired entries read as absent and are deleted
 * lazily (and by sweep()).
 */
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { durationMs } from './message-queue.ts';

/** JSON with object keys sorted: equal values give equal texts. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

const encodeKey = (key: KvKey): string => JSON.stringify(key);

export class DatabaseKvStore implements KvStore {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock = systemClock) {
    this.#db = db;
    this.#clock = clock;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  #expiry(options?: KvStoreSetOptions): string | null {
    return options?.ttl ? new Date(this.#clock.now().getTime() + durationMs(options.ttl)).toISOString() : null;
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const k = encodeKey(key);
    const row = await this.#db.selectFrom('kv').select(['value', 'expires_at']).where('key', '=', k).executeTakeFirst();
    if (!row) return undefined;
    if (row.expires_at !== null && row.expires_at <= this.#now()) {
      await this.#db.deleteFrom('kv').where('key', '=', k).where('expires_at', '<=', this.#now()).execute();
      return undefined;
    }
    return JSON.parse(row.value) as T;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const row = { key: encodeKey(key), value: canonicalJson(value ?? null), expires_at: this.#expiry(options) };
    await this.#db
      .insertInto('kv')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, expires_at: row.expires_at }))
      .execute();
  }

  async delete(key: KvKey): Promise<void> {
    await this.#db.deleteFrom('kv').where('key', '=', encodeKey(key)).execute();
  }

  /** Sets `newValue` only if the current value deeply equals `expectedValue` (undefined: absent or expired). */
  async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const k = encodeKey(key);
    const now = this.#now();
    const value = canonicalJson(newValue ?? null);
    const expiresAt = this.#expiry(options);
    if (expectedValue === undefined) {
      // Absent, or present but expired: the upsert only overwrites an expired entry.
      const result = await sql`
        insert into kv (key, value, expires_at) values (${k}, ${value}, ${expiresAt})
        on conflict (key) do update set value = excluded.value, expires_at = excluded.expires_at
        where kv.expires_at is not null and kv.expires_at <= ${now}`.execute(this.#db);
      return Number(result.numAffectedRows ?? 0n) === 1;
    }
    const result = await this.#db
      .updateTable('kv')
      .set({ value, expires_at: expiresAt })
      .where('key', '=', k)
      .where('value', '=', canonicalJson(expectedValue))
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Entries whose key starts with `prefix` (all when absent), ordered by their stored key text. */
  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const now = this.#now();
    let q = this.#db
      .selectFrom('kv')
      .select(['key', 'value'])
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .orderBy('key');
    if (prefix) {
      const exact = encodeKey(prefix);
      const start = `${exact.slice(0, -1)},`; // '["a","b"' + ',' : the key has more parts
      q = q.where((eb) => eb.or([eb('key', '=', exact), eb(eb.fn('substr', [eb.ref('key'), eb.val(1), eb.val(start.length)]), '=', start)]));
    }
    // Read the page first: yielding while a query holds the only connection would block it.
    const rows = await q.execute();
    for (const row of rows) yield { key: JSON.parse(row.key) as KvKey, value: JSON.parse(row.value) as unknown };
  }

  /** Deletes expired entries; returns how many. */
  async sweep(): Promise<number> {
    const result = await this.#db.deleteFrom('kv').where('expires_at', '<=', this.#now()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
