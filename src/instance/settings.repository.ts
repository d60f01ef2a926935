/** SQL for instance settings (one JSON value per key). */
import type { Db } from '../db/database.ts';

export function settingsRepository(db: Db) {
  return {
    async all(): Promise<Map<string, string>> {
      const rows = await db.selectFrom('instance_settings').select(['key', 'value']).execute();
      return new Map(rows.map((r) => [r.key, r.value]));
    },
    async put(key: string, value: string, now: string, by: string | null): Promise<void> {
      await db
        .insertInto('instance_settings')
        .values({ key, value, updated_at: now, updated_by: by })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: by }))
        .execute();
    },
  };
}
