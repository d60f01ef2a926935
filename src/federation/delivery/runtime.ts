/**
 * Deliveries get job workers of their own beside the app's main worker: a remote site
 * that is slow or gone costs up to a 30 s timeout per attempt, which must not hold up
 * activation emails, digests and imports; and several deliveries in flight overlap their
 * network waits (a 1,000-inbox fan-out). Same durable queue, same leases and ordering keys:
 * the claim is atomic, so the workers never run one delivery twice at once.
 */
import type { JobRuntime } from '../../jobs/runtime.ts';
import { jobWorker } from '../../jobs/worker.ts';
import { deliveryJobs, type DeliveryDeps } from './deliver.ts';

/** How many deliveries run at once by default. */
export const DELIVERY_WORKERS = 3;

/** The app's job runtime with `workers` delivery workers started, stopped and drained with it. */
export function withDeliveryWorkers(main: JobRuntime, deps: DeliveryDeps, workers = DELIVERY_WORKERS): JobRuntime {
  const { handlers } = deliveryJobs(deps);
  const pool = Array.from({ length: Math.max(1, workers) }, () => jobWorker({ db: deps.db, clock: deps.clock, handlers }));
  return {
    async start() {
      await main.start();
      for (const worker of pool) worker.start();
    },
    async stop() {
      await Promise.all([main.stop(), ...pool.map((worker) => worker.stop())]);
    },
    /** Runs every due job of both until none is left (an outbox dispatch queues deliveries). */
    async drain() {
      let total = 0;
      for (;;) {
        const ran = (await main.drain()) + (await pool[0]!.drain());
        if (ran === 0) return total;
        total += ran;
      }
    },
  };
}
