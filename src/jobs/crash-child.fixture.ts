/**
 * Test helper run as a child process by queue.test.ts: opens the database file given as
 * first argument, claims one job of queue `crash` and never finishes it, so the parent
 * can kill it with SIGKILL while it holds the job.
 */
import { openDatabase } from '../db/database.ts';
import { jobWorker } from './worker.ts';

const [file, leaseMs] = process.argv.slice(2);
const database = openDatabase(file!);
const worker = jobWorker({
  db: database.db,
  leaseMs: Number(leaseMs),
  handlers: {
    crash: () => {
      process.stdout.write('holding\n');
      return new Promise<void>(() => undefined); // hangs until killed
    },
  },
});
while (!(await worker.runOne())) await new Promise((r) => setTimeout(r, 20));
