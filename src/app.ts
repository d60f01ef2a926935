/**
 * createApp(deps): the root Hono app. Every dependency comes in explicitly so tests can
 * build isolated instances side by side.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { getLogger } from '@logtape/logtape';
import type { Config } from './config.ts';
import { pingDatabase, type Db } from './db/database.ts';
import type { Mailer } from './mail/mailer.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { memoryRateLimiter, type RateLimiter } from './lib/rate-limiter.ts';
import { negotiateLanguage } from './i18n/messages.ts';
import type { AppEnv } from './http/context.ts';
import { handleError, problem } from './http/problem.ts';
import { securityHeaders } from './http/security-headers.ts';
import { authenticate } from './http/auth.middleware.ts';
import { defaultThrottleRules, type ThrottleRules } from './http/throttle.ts';
import { newRouter } from './http/openapi.ts';
import { renderApiDocs } from './http/api-docs.ts';
import { accountService } from './accounts/account.service.ts';
import { sessionService } from './accounts/session.service.ts';
import { accountRoutes } from './accounts/account.routes.ts';
import { profileRoutes } from './accounts/profile.routes.ts';
import { accessRoutes } from './accounts/access.routes.ts';
import { instanceRoutes } from './instance/instance.routes.ts';
import { settingsService } from './instance/settings.service.ts';
import type { DomainDeps } from './http/domain-deps.ts';
import { referenceRoutes } from './reference/reference.routes.ts';
import { associationRoutes } from './associations/association.routes.ts';
import { membershipRoutes } from './memberships/membership.routes.ts';
import { anonymousSessionService } from './memberships/anonymous-session.service.ts';
import { adminRoutes } from './admin/admin.routes.ts';
import { catalogRoutes } from './catalog/catalog.routes.ts';
import { declarationRoutes } from './declarations/declaration.routes.ts';
import { statisticsRoutes } from './statistics/statistics.routes.ts';
import { exportRoutes } from './exports/export.routes.ts';
import { notificationRoutes } from './notifications/notification.routes.ts';
import { IMPORT_BODY_LIMIT, importRoutes } from './imports/import.routes.ts';
import { ATTESTATION_BODY_LIMIT } from './attestations/attestation.routes.ts';
import { importJobs } from './imports/import.jobs.ts';
import { notificationJobs } from './notifications/notification.jobs.ts';
import { jobRuntime } from './jobs/runtime.ts';
import { importMapHash, webRoutes } from './web/web.routes.ts';
import { buildFederation, federationData, federationQueue } from './federation/federation.ts';
import { federationMiddleware } from './federation/mount.ts';
import { catalogObjectRoutes } from './federation/catalog-objects.routes.ts';
import { jwksRoutes } from './federation/jwks.routes.ts';
import { validationObjectRoutes } from './federation/validation-objects.routes.ts';
import { newsRoutes } from './news/news.routes.ts';
import { cecRoutes } from './cec/cec.routes.ts';
import { privacyRoutes } from './privacy/privacy.routes.ts';
import { passportRoutes } from './passport/passport.routes.ts';
import { moderationRoutes } from './moderation/moderation.routes.ts';
import { lookupRoutes } from './federation/lookup.routes.ts';
import { followingRoutes } from './federation/following.routes.ts';
import { remoteMembershipRoutes } from './federation/remote-membership.routes.ts';
import { remoteDeclarationRoutes } from './federation/declarations/send.routes.ts';
import { remoteDeclarationJobs } from './federation/declarations/send.jobs.ts';
import { outboxDispatchJobs } from './federation/outbox-dispatch.ts';
import { withDeliveryWorkers } from './federation/delivery/runtime.ts';
import { deliveriesRoutes } from './federation/delivery/deliveries.routes.ts';
import { attestationRoutes } from './attestations/attestation.routes.ts';
import { valuationRoutes } from './valuation/valuation.routes.ts';

export interface AppDeps {
  config: Config & { secret: string };
  db: Db;
  mailer: Mailer;
  clock?: Clock;
  limiter?: RateLimiter;
  throttleRules?: ThrottleRules;
  /** Set by main.ts: the SQLite file, for read-only connections beside the writer. */
  databaseFile?: string;
}

export const API_BODY_LIMIT = 1024 * 1024;
const logger = getLogger(['benevalibre', 'http']);

function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    // Behind one trusted proxy the last address it appended is the client's.
    const forwarded = c.req.header('X-Forwarded-For');
    const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
    if (last) return last;
  }
  return c.env?.incoming?.socket.remoteAddress ?? 'unknown'; // app.request() in tests has no socket
}

export function createApp(deps: AppDeps) {
  const { config, db, mailer } = deps;
  const clock = deps.clock ?? systemClock;
  const limiter = deps.limiter ?? memoryRateLimiter();
  const rules = deps.throttleRules ?? defaultThrottleRules;

  const settings = settingsService(db, clock, { name: config.instanceName, registrationOpen: config.registrationOpen });
  const sessions = sessionService(db, clock, config.secret);
  const accounts = accountService({ db, clock, mailer, settings: { origin: config.origin, current: settings.get } });

  const app = new Hono<AppEnv>();
  app.onError(handleError);

  app.use(requestId());
  app.use(async (c, next) => {
    // `?lang=` first: download links are plain navigations, whose Accept-Language is the
    // browser's, not the language chosen on the site.
    const asked = c.req.query('lang');
    c.set('lang', asked === 'fr' || asked === 'en' ? asked : negotiateLanguage(c.req.header('Accept-Language')));
    c.set('clientIp', clientIp(c, config.trustProxy));
    const started = performance.now();
    await next();
    // Paths only, never query strings: links carry tokens there.
    logger.info('{method} {path} {status} {ms} ms', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      requestId: c.get('requestId'),
    });
  });
  app.use(securityHeaders({ secure: config.secure, scriptHashes: [importMapHash] }));

  // Federation (issue 6): Fedify's routes first, before the API and the web shell.
  const fedDeps = { db, clock, origin: config.origin, settings, mailer, allowPrivateAddress: config.allowPrivateAddresses };
  const federation = buildFederation(fedDeps);
  const fedData = federationData(fedDeps);
  /** A Fedify context outside any request (publishers, jobs, lookups). */
  const federationContext = () => federation.createContext(new URL(config.origin), fedData);
  const fedQueue = federationQueue(federation, fedData);
  app.use(federationMiddleware(federation, fedData));
  app.route('/', catalogObjectRoutes(fedData)); // raw JSON-LD Fedify's classes cannot carry
  app.route('/', jwksRoutes(fedData));
  // A Validation's id: its signed document, for the declaration's site and the association only.
  app.route('/', validationObjectRoutes(fedData, (request) => federation.createContext(request, fedData)));

  app.get('/health', async (c) => {
    const ok = await pingDatabase(db);
    return c.json({ status: ok ? 'ok' : 'degraded', database: ok ? 'ok' : 'unreachable' }, ok ? 200 : 503);
  });

  const [apiLimit, importLimit, attestationLimit] = [API_BODY_LIMIT, IMPORT_BODY_LIMIT, ATTESTATION_BODY_LIMIT].map((maxSize) => bodyLimit({ maxSize, onError: (c) => problem(c, 413, 'payload_too_large') }));
  const limitFor = (path: string) => (path.startsWith('/api/v1/imports') ? importLimit! : path.startsWith('/api/v1/attestations/verification') ? attestationLimit! : apiLimit!);
  app.use('/api/*', (c, next) => limitFor(c.req.path)(c, next));
  const anonymous = anonymousSessionService(db, clock);
  app.use('/api/*', authenticate({ sessions, anonymous, origin: config.origin, secure: config.secure, limiter, rules }));
  // Without an explicit Accept-Language, answer in the account's own language.
  app.use('/api/*', async (c, next) => {
    const auth = c.get('auth');
    if (auth && !c.req.header('Accept-Language') && !c.req.query('lang')) c.set('lang', auth.account.language);
    await next();
  });

  const routeDeps = { accounts, sessions, limiter, rules, secure: config.secure };
  // What every domain router gets; each builds its own services from it.
  const domainDeps: DomainDeps = {
    db,
    clock,
    mailer,
    origin: config.origin,
    secure: config.secure,
    settings,
    accounts,
    sessions,
    limiter,
    rules,
    databaseFile: deps.databaseFile ?? null,
    secret: config.secret,
  };
  // Durable jobs (emails, digests; later imports and federation): started by main.ts.
  const notifications = notificationJobs({ db, clock, mailer, origin: config.origin, secret: config.secret, settings });
  const imports = importJobs({ db, clock, mailer, origin: config.origin, settings });
  // Outbox events become deliveries after commit; raw JSON-LD goes through our own
  // delivery workers, beside the main worker so a dead remote site never delays emails.
  const outbox = outboxDispatchJobs({ db, clock, federationContext });
  // Flow 4: our declarations still without a decision on other sites are sent again.
  const declarationsSent = remoteDeclarationJobs({ db, clock, origin: config.origin });
  const jobs = withDeliveryWorkers(
    jobRuntime({
      db, clock, handlers: { ...notifications.handlers, ...imports.handlers, ...outbox.handlers, ...declarationsSent.handlers },
      onStart: async () => {
        await notifications.scheduleDigest();
        await declarationsSent.scheduleReconciliation();
      },
    }),
    { db, clock, origin: config.origin, allowPrivateAddresses: config.allowPrivateAddresses },
  );

  const api = newRouter();
  api.route('/', instanceRoutes(settings));
  api.route('/', accountRoutes(routeDeps));
  api.route('/', profileRoutes(routeDeps));
  api.route('/', accessRoutes(routeDeps));
  api.route('/', referenceRoutes(domainDeps));
  api.route('/', associationRoutes(domainDeps));
  api.route('/', membershipRoutes(domainDeps));
  api.route('/', adminRoutes(domainDeps));
  api.route('/', catalogRoutes(domainDeps));
  api.route('/', declarationRoutes(domainDeps));
  api.route('/', statisticsRoutes(domainDeps));
  api.route('/', exportRoutes(domainDeps));
  api.route('/', notificationRoutes(domainDeps));
  api.route('/', importRoutes(domainDeps));
  api.route('/', newsRoutes(domainDeps));
  api.route('/', cecRoutes({ ...domainDeps, federationContext }));
  api.route('/', privacyRoutes(domainDeps));
  api.route('/', passportRoutes(domainDeps));
  api.route('/', moderationRoutes(domainDeps));
  api.route('/', deliveriesRoutes(domainDeps));
  api.route('/', valuationRoutes(domainDeps));
  api.route('/', lookupRoutes({ ...domainDeps, federationContext }));
  api.route('/', followingRoutes({ ...domainDeps, federationContext }));
  api.route('/', remoteMembershipRoutes({ ...domainDeps, federationContext }));
  api.route('/', remoteDeclarationRoutes({ ...domainDeps, federationContext }));
  api.route('/', attestationRoutes({ ...domainDeps, federationContext }));
  app.route('/api/v1', api);

  const openApiDocument = () =>
    api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Bénévalibre', version: '1', description: 'API JSON de Bénévalibre / Bénévalibre JSON API' },
      servers: [{ url: `${config.origin}/api/v1` }],
    });
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/docs', (c) => c.html(renderApiDocs(openApiDocument() as Parameters<typeof renderApiDocs>[0])));

  app.route('/', webRoutes());

  app.notFound((c) => {
    const known = app.routes.filter((r) => r.method !== 'ALL' && matches(r.path, c.req.path));
    if (known.length > 0) {
      return problem(c, 405, 'method_not_allowed', { headers: { Allow: [...new Set(known.map((r) => r.method))].join(', ') } });
    }
    return problem(c, 404, 'not_found');
  });

  return { app, services: { accounts, sessions, settings, jobs, federation, federationQueue: fedQueue, federationContext }, limiter };
}

function matches(pattern: string, pathname: string): boolean {
  if (pattern.includes('*')) return false;
  const re = new RegExp(`^${pattern.replace(/:[^/]+/g, '[^/]+')}/?$`);
  return re.test(pathname);
}

export type App = ReturnType<typeof createApp>;
