// Pages of this domain: path pattern → { page, auth?: 'user' | 'guest', props? }.
// Declaring and one's own list also serve anonymous members (no account, opened through
// their link): those pages send everyone else to the login page themselves. The
// association's pages check the viewer's rights there (viewer.permissions).
import { DeclarePage } from '../pages/declarations/declare.js';
import { MyDeclarationsPage } from '../pages/declarations/mine.js';
import { EditDeclarationPage } from '../pages/declarations/edit.js';
import { AssociationDeclarationsPage } from '../pages/declarations/manage.js';
import { CatalogPage } from '../pages/declarations/catalog.js';
import { StatisticsPage } from '../pages/declarations/statistics.js';
import { RemoteDeclarePage } from '../pages/declarations/remote-declare.js';
import { RemoteEditPage } from '../pages/declarations/remote-edit.js';

export const declarationRoutes = {
  '/declarer': { page: DeclarePage },
  '/mes-benevolats': { page: MyDeclarationsPage },
  '/declarer-ailleurs': { page: RemoteDeclarePage, auth: 'user' },
  '/declarer-ailleurs/:id/modifier': { page: RemoteEditPage, auth: 'user' },
  '/declarations/:id/modifier': { page: EditDeclarationPage },
  '/associations/:handle/declarations': { page: AssociationDeclarationsPage, auth: 'user' },
  '/associations/:handle/categories': { page: CatalogPage, auth: 'user', props: { kind: 'category' } },
  '/associations/:handle/niveaux': { page: CatalogPage, auth: 'user', props: { kind: 'level' } },
  '/associations/:handle/projets': { page: CatalogPage, auth: 'user', props: { kind: 'project' } },
  '/associations/:handle/statistiques': { page: StatisticsPage, auth: 'user' },
};
