// Frozen in time: a search and sort key for association names, without case or accents,
// so « ecole » finds « École » and « École » sorts among the E, not after Z (SQLite
// compares bytes). Computed by the application; filled here for existing rows.
import type { Kysely } from 'kysely';

const searchKey = (name: string) =>
  name
    .toLocaleLowerCase('fr')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\s+/g, ' ')
    .trim();

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('associations').addColumn('search_key', 'text', (c) => c.notNull().defaultTo('')).execute();
  const rows = (await db.selectFrom('associations').select(['id', 'name']).execute()) as { id: string; name: string }[];
  for (const row of rows) await db.updateTable('associations').set({ search_key: searchKey(row.name) }).where('id', '=', row.id).execute();
  await db.schema.createIndex('associations_search_key').on('associations').column('search_key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('associations_search_key').execute();
  await db.schema.alterTable('associations').dropColumn('search_key').execute();
}
