/** npm run migrate [-- down]: applies (or undoes the last of) the migrations of migrations/. */
import { bootstrap } from '../bootstrap.ts';
import { migrateDown, migrateToLatest } from './migrator.ts';

const { database } = await bootstrap({ migrate: false });
const down = process.argv.includes('down');
const names = down ? await migrateDown(database.db) : await migrateToLatest(database.db);
console.log(names.length ? `${down ? 'Undone' : 'Applied'}: ${names.join(', ')}` : 'Nothing to do: the database is up to date.');
await database.close();
