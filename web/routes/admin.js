// Pages of this domain: path pattern → { page, auth?: 'user' | 'guest', props? }.
// The site administration; each page says plainly when the account is not an admin.
import { AdminHomePage } from '../pages/admin/dashboard.js';
import { AdminSettingsPage } from '../pages/admin/settings.js';
import { AdminAnnouncementsPage } from '../pages/admin/announcements.js';
import { AdminAssociationsPage } from '../pages/admin/associations.js';
import { AdminAccountsPage } from '../pages/admin/accounts.js';
import { AdminDefaultsPage } from '../pages/admin/defaults.js';
import { AdminAuditPage } from '../pages/admin/audit.js';
import { AdminDeliveriesPage } from '../pages/admin/deliveries.js';

export const adminRoutes = {
  '/admin': { page: AdminHomePage, auth: 'user' },
  '/admin/parametres': { page: AdminSettingsPage, auth: 'user' },
  '/admin/annonces': { page: AdminAnnouncementsPage, auth: 'user' },
  '/admin/associations': { page: AdminAssociationsPage, auth: 'user' },
  '/admin/comptes': { page: AdminAccountsPage, auth: 'user' },
  '/admin/valeurs-par-defaut': { page: AdminDefaultsPage, auth: 'user' },
  '/admin/historique': { page: AdminAuditPage, auth: 'user' },
  '/admin/livraisons': { page: AdminDeliveriesPage, auth: 'user' },
};
