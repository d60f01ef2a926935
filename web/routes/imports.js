// Pages of this domain: path pattern → { page, auth?: 'user' | 'guest', props? }.
// Importing an association from another Bénévalibre site, then following the import.
import { ImportPage } from '../pages/imports/upload.js';
import { ImportProgressPage } from '../pages/imports/progress.js';

export const importRoutes = {
  '/imports': { page: ImportPage, auth: 'user' },
  '/imports/:id': { page: ImportProgressPage, auth: 'user' },
};
