/** Words of moderation and discovery (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../i18n/messages.ts';

export default {
  domain_invalid: {
    fr: 'Adresse de site non valable : écrivez par exemple benevoles.exemple.org.',
    en: 'Invalid site address: write for example benevoles.exemple.org.',
  },
  domain_own: {
    fr: 'C’est l’adresse de ce site : il ne peut pas se bloquer lui-même.',
    en: 'This is this site’s own address: it cannot block itself.',
  },
  domain_already_blocked: {
    fr: 'Ce site est déjà bloqué.',
    en: 'This site is already blocked.',
  },
  report_already_resolved: {
    fr: 'Ce signalement est déjà traité.',
    en: 'This report is already dealt with.',
  },
  lookup_invalid: {
    fr: 'Écrivez une adresse comme @nom@site.org ou https://site.org/associations/nom.',
    en: 'Write an address such as @name@site.org or https://site.org/associations/name.',
  },
  lookup_not_found: {
    fr: 'Association introuvable à cette adresse. Vérifiez l’adresse, ou réessayez plus tard si le site ne répond pas.',
    en: 'No association found at this address. Check the address, or try again later if the site does not answer.',
  },
  lookup_blocked: {
    fr: 'Ce site est bloqué par l’administration de ce site.',
    en: 'This site is blocked by this site’s administrators.',
  },
} as const satisfies Record<string, Record<Language, string>>;
