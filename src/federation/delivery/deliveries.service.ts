/**
 * What the admins see of outgoing deliveries, per remote host: our raw JSON-LD
 * deliveries (table `deliveries`) and Fedify's own outbox messages still in the `jobs`
 * table (queue `fedify`), the host's circuit and block state; and « Réessayer
 * maintenant », which runs a host's failing and dead deliveries again at once.
 */
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { auditService, type Actor } from '../../audit/audit.service.ts';
import { deliveryRepository, remoteHostRepository } from './delivery.repository.ts';
import { CIRCUIT_THRESHOLD } from './policy.ts';

/** Name of Fedify's queue in the `jobs` table (federation.ts FEDIFY_QUEUE). */
const FEDIFY_QUEUE = 'fedify';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface HostDeliveries {
  host: string;
  queued: number;
  failing: number;
  dead: number;
  circuit: CircuitState;
  circuitOpenUntil: string | null;
  consecutiveFailures: number;
  blocked: boolean;
  lastError: string | null;
  lastFailureAt: string | null;
  lastSuccessAt: string | null;
}

interface FedifyJob {
  id: string;
  host: string;
  status: 'queued' | 'failing' | 'dead';
}

/** Fedify's outbox messages waiting in the jobs table, with their target host. */
async function fedifyJobs(db: Db): Promise<FedifyJob[]> {
  const rows = await db.selectFrom('jobs').select(['id', 'payload', 'failed_at', 'last_error']).where('queue', '=', FEDIFY_QUEUE).execute();
  const jobs: FedifyJob[] = [];
  for (const row of rows) {
    let message: { type?: unknown; inbox?: unknown; attempt?: unknown };
    try {
      message = JSON.parse(row.payload) as typeof message;
    } catch {
      continue;
    }
    if (message.type !== 'outbox' || typeof message.inbox !== 'string' || !URL.canParse(message.inbox)) continue;
    // Fedify retries by queueing a new message with attempt + 1.
    const status = row.failed_at ? 'dead' : typeof message.attempt === 'number' && message.attempt > 0 ? 'failing' : 'queued';
    jobs.push({ id: row.id, host: new URL(message.inbox).host, status });
  }
  return jobs;
}

/** Per-host delivery figures and « Réessayer maintenant » for the admins. */
export function deliveriesService(db: Db, clock: Clock) {
  const deliveries = deliveryRepository(db);
  const hosts = remoteHostRepository(db);

  return {
    /** Hosts with something queued, failing or dead, or a circuit not closed; troubles first. */
    async list(): Promise<HostDeliveries[]> {
      const now = clock.now().toISOString();
      const byHost = new Map<string, HostDeliveries>();
      const entry = (host: string): HostDeliveries => {
        let e = byHost.get(host);
        if (!e) {
          e = { host, queued: 0, failing: 0, dead: 0, circuit: 'closed', circuitOpenUntil: null, consecutiveFailures: 0, blocked: false, lastError: null, lastFailureAt: null, lastSuccessAt: null };
          byHost.set(host, e);
        }
        return e;
      };
      for (const c of await deliveries.countsByHost()) entry(c.host)[c.status] += c.count;
      for (const e of byHost.values()) e.lastError = await deliveries.lastError(e.host);
      for (const j of await fedifyJobs(db)) entry(j.host)[j.status] += 1;
      for (const h of await hosts.list()) {
        const troubled = h.circuit_open_until !== null || h.consecutive_failures > 0;
        if (!byHost.has(h.host) && !troubled) continue; // healthy and idle: nothing to show
        const e = entry(h.host);
        e.blocked = h.blocked_at !== null;
        e.consecutiveFailures = h.consecutive_failures;
        e.circuitOpenUntil = h.circuit_open_until;
        e.circuit = h.circuit_open_until && h.circuit_open_until > now ? 'open' : h.consecutive_failures >= CIRCUIT_THRESHOLD ? 'half-open' : 'closed';
        e.lastError = e.lastError ?? h.last_error;
        e.lastFailureAt = h.last_failure_at;
        e.lastSuccessAt = h.last_success_at;
      }
      const weight = (e: HostDeliveries) => e.dead * 1e6 + e.failing * 1e3 + e.queued;
      return [...byHost.values()].sort((a, b) => weight(b) - weight(a) || a.host.localeCompare(b.host));
    },

    /**
     * Runs the host's deliveries (ours and Fedify's: dead, failing, or queued but
     * postponed by its open circuit) again now, closing its circuit so that they are not
     * postponed again. A blocked host stays blocked:
     * its deliveries come back dead at once. Audited.
     */
    async retryHost(actor: Actor, host: string): Promise<{ host: string; retried: number }> {
      const now = clock.now().toISOString();
      const fedify = (await fedifyJobs(db)).filter((j) => j.host === host).map((j) => j.id);
      const retried = await db.transaction().execute(async (trx) => {
        const ours = await deliveryRepository(trx).retryHost(host, now);
        await remoteHostRepository(trx).closeCircuit(host);
        if (fedify.length > 0) {
          await trx.updateTable('jobs').set({ run_at: now, failed_at: null }).where('id', 'in', fedify).where('locked_by', 'is', null).execute();
        }
        const total = ours + fedify.length;
        await auditService(trx, clock).record(actor, { associationId: null, action: 'deliveries.retry', targetType: 'remote_host', targetId: host, changes: { retried: [null, total] } });
        return total;
      });
      return { host, retried };
    },
  };
}

export type DeliveriesService = ReturnType<typeof deliveriesService>;
