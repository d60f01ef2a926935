// Pages of this domain: path pattern → { page, auth?: 'user' | 'guest', props? }.
// Managing an association's members, roles, anonymous members and history; each page
// checks the viewer's rights in that association (viewer.permissions).
import { MembersPage } from '../pages/members/members.js';
import { RolesPage } from '../pages/members/roles.js';
import { AnonymousMembersPage } from '../pages/members/anonymous.js';
import { AssociationAuditPage } from '../pages/members/audit.js';

export const memberRoutes = {
  '/associations/:handle/membres': { page: MembersPage, auth: 'user' },
  '/associations/:handle/roles': { page: RolesPage, auth: 'user' },
  '/associations/:handle/membres-anonymes': { page: AnonymousMembersPage, auth: 'user' },
  '/associations/:handle/historique': { page: AssociationAuditPage, auth: 'user' },
};
