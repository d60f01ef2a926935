// Pages of this domain: path pattern → { page, auth?: 'user' | 'guest', props? }.
// The list and an association's page are public (visitors discover associations);
// creating and changing need an account. /acces is the anonymous members' link: it
// must work without an account, and asks logged-in people to log out first.
import { AssociationsPage } from '../pages/associations/list.js';
import { CreateAssociationPage } from '../pages/associations/create.js';
import { AssociationPage } from '../pages/associations/detail.js';
import { AssociationSettingsPage } from '../pages/associations/settings.js';
import { AccessPage } from '../pages/associations/access.js';

export const associationRoutes = {
  '/associations': { page: AssociationsPage },
  // Exact paths win over patterns (main.js), so « nouvelle » is never read as an address.
  '/associations/nouvelle': { page: CreateAssociationPage, auth: 'user' },
  '/associations/:handle': { page: AssociationPage },
  '/associations/:handle/parametres': { page: AssociationSettingsPage, auth: 'user' },
  '/acces': { page: AccessPage },
};
