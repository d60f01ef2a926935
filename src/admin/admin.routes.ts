/**
 * Instance administration (spec §A9) under /admin/*, for administrators only, plus the
 * public list of announcements. Each part lives in its own router file.
 */
import { newRouter } from '../http/openapi.ts';
import type { DomainDeps } from '../http/domain-deps.ts';
import { auditService } from '../audit/audit.service.ts';
import { announcementService } from '../instance/announcement.service.ts';
import { announcementRoutes } from '../instance/announcement.routes.ts';
import { requireAdmin } from './admin.middleware.ts';
import { statsService } from './stats.service.ts';
import { adminAccountsService } from './admin-accounts.service.ts';
import { adminAccountsRoutes } from './admin-accounts.routes.ts';
import { defaultsService } from './defaults.service.ts';
import { defaultsRoutes } from './defaults.routes.ts';
import { instanceAdminRoutes } from './instance-admin.routes.ts';
import { adminAssociationsRoutes } from './admin-associations.routes.ts';
import { associationService } from '../associations/association.service.ts';
import { membershipService } from '../memberships/membership.service.ts';

export function adminRoutes(deps: DomainDeps) {
  const { db, clock } = deps;
  const app = newRouter();
  // One guard for the whole prefix, so no admin route can forget it (401, then 403).
  app.use('/admin/*', requireAdmin);
  app.route('/', instanceAdminRoutes({ settings: deps.settings, audit: auditService(db, clock), stats: statsService(db) }));
  app.route('/', announcementRoutes(announcementService(db, clock)));
  app.route('/', defaultsRoutes(defaultsService(db, clock)));
  const accounts = adminAccountsService({ db, clock, accounts: deps.accounts });
  app.route('/', adminAccountsRoutes(accounts));
  app.route('/', adminAssociationsRoutes({ accounts, associations: associationService(deps), memberships: membershipService(deps) }));
  return app;
}
