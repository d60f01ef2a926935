/**
 * Test helper run as a child process by delivery.test.ts: opens the database file given
 * as first argument and runs the delivery worker with a short lease; the parent's stub
 * inbox never answers, so the child holds the delivery until the parent kills it.
 */
import { openDatabase } from '../../db/database.ts';
import { systemClock } from '../../lib/clock.ts';
import { jobWorker } from '../../jobs/worker.ts';
import { deliveryJobs } from './deliver.ts';

const [file, leaseMs, origin] = process.argv.slice(2);
const database = openDatabase(file!);
const jobs = deliveryJobs({ db: database.db, clock: systemClock, origin: origin!, allowPrivateAddresses: true });
const worker = jobWorker({ db: database.db, clock: systemClock, leaseMs: Number(leaseMs), handlers: jobs.handlers });
while (!(await worker.runOne())) await new Promise((r) => setTimeout(r, 20));
