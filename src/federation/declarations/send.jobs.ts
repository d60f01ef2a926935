/**
 * Flow 4, reconciliation on the volunteer's side: every hour, declarations still without
 * a decision are sent again (send.service.ts `resendUndecided`: the same Create/Update
 * id and document, an hour after the first sending, then at most once a day each), so a
 * declaration lost on the way — or answered while our site was down — ends with a
 * decision. Scheduled when the job runtime starts, then by each run for the next hour.
 */
import type { Db } from '../../db/database.ts';
import { jobRepository } from '../../jobs/job.repository.ts';
import type { JobHandler } from '../../jobs/worker.ts';
import type { Clock } from '../../lib/clock.ts';
import { remoteDeclarationService } from './send.service.ts';

export const RECONCILE_QUEUE = 'declarations-reconcile';
const HOUR_MS = 60 * 60 * 1000;

export function remoteDeclarationJobs(deps: { db: Db; clock: Clock; origin: string }) {
  /** The run of the next full hour (one job per hour: its id makes scheduling idempotent). */
  async function scheduleReconciliation(): Promise<void> {
    const now = deps.clock.now();
    const next = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
    await jobRepository(deps.db).insertIfAbsent(
      { id: `${RECONCILE_QUEUE}:${next.toISOString()}`, queue: RECONCILE_QUEUE, payload: null, runAt: next.toISOString() },
      now.toISOString(),
    );
  }

  const reconcile: JobHandler = async () => {
    await scheduleReconciliation(); // first: the chain never breaks
    await remoteDeclarationService(deps).resendUndecided();
  };

  return { handlers: { [RECONCILE_QUEUE]: reconcile }, scheduleReconciliation };
}
