/** Words of the CEC helper, the volunteer record and personal data (merged into src/i18n/messages.ts). */
import type { Language } from '../i18n/messages.ts';

export default {
  cec_year_invalid: {
    fr: 'Choisissez une année entre 2000 et {max}.',
    en: 'Choose a year between 2000 and {max}.',
  },
  cec_validator_not_active: {
    fr: 'Seul un membre dont l’adhésion est acceptée peut être valideur CEC.',
    en: 'Only a member whose membership is accepted can be the CEC validator.',
  },
  cec_validator_not_local: {
    fr: 'Le valideur CEC doit avoir un compte sur ce site (pas sur un autre site Bénévalibre).',
    en: 'The CEC validator must have an account on this site (not on another Bénévalibre site).',
  },
} as const satisfies Record<string, Record<Language, string>>;
