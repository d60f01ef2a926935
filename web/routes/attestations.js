// Pages of this domain: path pattern → { page, auth?: 'user' | 'guest', props? }.
// /verifier is public (employers, schools and services verify without an account).
import { MyAttestationsPage } from '../pages/attestations/mine.js';
import { VerifyPage } from '../pages/attestations/verify.js';
import { AssociationAttestationsPage } from '../pages/attestations/association.js';

export const attestationRoutes = {
  '/attestations': { page: MyAttestationsPage, auth: 'user' },
  '/verifier': { page: VerifyPage },
  '/associations/:handle/attestations': { page: AssociationAttestationsPage, auth: 'user' },
};
