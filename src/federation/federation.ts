/**
 * The Fedify builder (federation.md, Principles): one `Federation<FederationData>` per
 * app, storing its cache and its queue in the project's database (never the in-memory
 * ones outside tests), with the dispatchers and inbox listeners of this folder.
 *
 * Other modules plug in at two places below: delivery options (retry policy, circuit
 * breaker, error handler: delivery/fedify-options.ts) and `federationModules` (the
 * permanent failure handler, the news outbox and objects …), each a function receiving
 * the federation once, before the first request.
 */
import { createFederation, type Federation, type FederationOptions, type Message } from '@fedify/fedify';
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { SettingsService } from '../instance/settings.service.ts';
import { DatabaseKvStore } from '../jobs/kv-store.ts';
import { DatabaseMessageQueue } from '../jobs/message-queue.ts';
import { jobWorker } from '../jobs/worker.ts';
import { registerActors } from './actors.ts';
import { registerCollections } from './collections.ts';
import { registerInbox } from './inbox/inbox.ts';
import { registerNodeInfo, SOFTWARE_VERSION } from './nodeinfo.ts';
import { registerNewsFederation } from './news.ts';
import { fedifyDeliveryOptions, registerPermanentFailureHandler } from './delivery/fedify-options.ts';
import { fedifyOutboxQueue } from './delivery/outbox-queue.ts';

/** What every dispatcher and inbox listener finds in `ctx.data`. */
export interface FederationData {
  db: Db;
  clock: Clock;
  /** Public origin without trailing slash, e.g. https://benevoles.example.org */
  origin: string;
  settings: SettingsService;
  mailer: Mailer;
}

export type AppFederation = Federation<FederationData>;

/** A piece of federation registered by another module (news, delivery …). */
export type FederationModule = (federation: AppFederation) => void;

export interface FederationDeps extends FederationData {
  /** Tests and the local three-instance bed only: config.ts refuses it in production. */
  allowPrivateAddress: boolean;
  /** Modules registered after the core ones (see federationModules below). */
  modules?: readonly FederationModule[] | undefined;
}

/** Name of Fedify's queue in the `jobs` table. */
export const FEDIFY_QUEUE = 'fedify';

/**
 * Delivery options (src/federation/delivery/): outboxRetryPolicy (≥ 2 days:
 * Mastodon retries for 2–3 days, Fedify's default gives up after about half an hour),
 * circuitBreaker, onOutboxError, permanentFailureStatusCodes. Spread into
 * createFederation(); keep it a plain function of the deps.
 */
function deliveryOptions(deps: FederationDeps): Partial<FederationOptions<FederationData>> {
  return fedifyDeliveryOptions<FederationData>(deps);
}

/**
 * Modules every app registers after the core (the permanent failure handler via
 * `federation.setOutboxPermanentFailureHandler`; `registerNewsFederation`).
 * Add an import and an entry here.
 */
const federationModules: readonly FederationModule[] = [registerNewsFederation, registerPermanentFailureHandler];

/** Builds the app's Federation with its dispatchers, collections, inbox listeners and NodeInfo. */
export function buildFederation(deps: FederationDeps): AppFederation {
  const queue = new DatabaseMessageQueue(deps.db, { clock: deps.clock, queue: FEDIFY_QUEUE });
  const outbox = fedifyOutboxQueue(queue, deps.db);
  const federation = createFederation<FederationData>({
    kv: new DatabaseKvStore(deps.db, deps.clock),
    // No inbox queue on purpose: an activity is processed inside its POST, so the
    // sender gets 202 only once it is stored (or a 5xx and retries) — at least once
    // without a second durable copy; outgoing work is queued (durable, retried).
    // Outbox messages to a blocked host are neither queued nor run; retries keep their
    // place in their ordering key (delivery/outbox-queue.ts).
    // Fan-out shares the wrapped object on purpose: Fedify starts one listener per
    // distinct queue object, and two listeners over one `jobs` queue would each claim
    // the other's messages — outbox ones then running without the blocked-host check.
    queue: { outbox: outbox, fanout: outbox },
    manuallyStartQueue: true, // main.ts starts it beside the jobs; tests drain it
    origin: deps.origin,
    allowPrivateAddress: deps.allowPrivateAddress,
    userAgent: { software: `Benevalibre/${SOFTWARE_VERSION}`, url: new URL(deps.origin) },
    ...deliveryOptions(deps),
  });
  registerActors(federation);
  registerCollections(federation);
  registerInbox(federation);
  registerNodeInfo(federation);
  for (const register of [...federationModules, ...(deps.modules ?? [])]) register(federation);
  return federation;
}

/** The data handed to Fedify with every request and queued task. */
export function federationData(deps: FederationDeps): FederationData {
  const { db, clock, origin, settings, mailer } = deps;
  return { db, clock, origin, settings, mailer };
}

/**
 * Fedify's queue worker for the process: started by main.ts beside the jobs; tests do
 * not start it but call drain() to run queued deliveries at once.
 */
export function federationQueue(federation: AppFederation, data: FederationData) {
  let controller: AbortController | undefined;
  let running: Promise<void> | undefined;
  // The same handler Fedify's own worker uses, run on demand over the `fedify` queue.
  const drainer = jobWorker({
    db: data.db,
    clock: data.clock,
    // The queue holds only what Fedify enqueued itself, as plain JSON of its Message.
    handlers: { [FEDIFY_QUEUE]: (payload) => federation.processQueuedTask(data, payload as Message) },
  });
  return {
    /** Starts Fedify's workers (outbox and fanout) in the background. */
    start(): void {
      if (controller) return;
      controller = new AbortController();
      running = federation.startQueue(data, { signal: controller.signal });
    },
    /** Stops polling and waits for the running message to finish. */
    async stop(): Promise<void> {
      controller?.abort();
      await running;
      controller = undefined;
      running = undefined;
    },
    /** Runs every due message now (tests); returns how many ran. */
    drain: (): Promise<number> => drainer.drain(),
  };
}

export type FederationQueue = ReturnType<typeof federationQueue>;
