// Pages of valuation (issue 8): the yearly summary and the rates of an association (the
// API checks who may see them; the frame says it plainly otherwise), the SMIC for admins.
import { ValuationSummaryPage } from '../pages/valuation/summary.js';
import { ValuationRatesPage } from '../pages/valuation/rates.js';
import { AdminSmicPage } from '../pages/valuation/smic.js';

export const valuationRoutes = {
  '/associations/:handle/valorisation': { page: ValuationSummaryPage, auth: 'user' },
  '/associations/:handle/valorisation/taux': { page: ValuationRatesPage, auth: 'user' },
  '/admin/smic': { page: AdminSmicPage, auth: 'user' },
};
