// Pages of this domain: path pattern → { page, auth?: 'user' | 'guest', props? }.
// News are read by visitors too (members-only ones need a login, checked by the API);
// /rejoindre is reached from an association's page on another site and needs an account
// here; the admin pages say plainly when the account is not an admin.
import { NewsListPage } from '../pages/news/list.js';
import { NewsItemPage } from '../pages/news/item.js';
import { JoinRemotePage } from '../pages/discovery/join-page.js';
import { FollowedPage } from '../pages/discovery/followed-page.js';
import { AdminReportsPage } from '../pages/admin/reports.js';
import { AdminBlockedDomainsPage } from '../pages/admin/blocked-domains.js';

export const newsRoutes = {
  '/associations/:handle/actualites': { page: NewsListPage },
  '/associations/:handle/actualites/:newsId': { page: NewsItemPage },
  '/rejoindre': { page: JoinRemotePage, auth: 'user' },
  '/suivies': { page: FollowedPage, auth: 'user' },
  '/admin/signalements': { page: AdminReportsPage, auth: 'user' },
  '/admin/domaines-bloques': { page: AdminBlockedDomainsPage, auth: 'user' },
};
