/** Words of following associations of other sites (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../i18n/messages.ts';

export default {
  following_actor_invalid: {
    fr: 'Adresse d’association non valable : recherchez d’abord l’association, puis suivez-la depuis sa fiche.',
    en: 'Invalid association address: look the association up first, then follow it from its profile.',
  },
  following_local: {
    fr: 'Cette association est sur ce site : ses actualités sont déjà sur sa page.',
    en: 'This association is on this site: its news are already on its page.',
  },
  following_not_association: {
    fr: 'Aucune association à suivre à cette adresse, ou son site ne répond pas. Réessayez plus tard.',
    en: 'No association to follow at this address, or its site does not answer. Try again later.',
  },
  following_not_found: {
    fr: 'Vous ne suivez pas cette association.',
    en: 'You do not follow this association.',
  },
} as const satisfies Record<string, Record<Language, string>>;
