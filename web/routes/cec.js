// Pages of the CEC helper, the volunteer record and personal data (issue 8): path
// pattern → { page, auth?, props? }. The privacy notice is for everyone; the rest needs a
// login (the association's CEC list also says plainly who may see it).
import { MyCecPage } from '../pages/cec/my-cec.js';
import { AssociationCecPage } from '../pages/cec/association-cec.js';
import { PassportPage } from '../pages/passport/passport.js';
import { PrivacyPage } from '../pages/privacy/privacy.js';

export const cecRoutes = {
  '/cec': { page: MyCecPage, auth: 'user' },
  '/associations/:handle/cec': { page: AssociationCecPage, auth: 'user' },
  '/passeport': { page: PassportPage, auth: 'user' },
  '/confidentialite': { page: PrivacyPage },
};
