/** Words of declarations for associations of other sites (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../../i18n/messages.ts';

export default {
  remote_declaration_not_member: {
    fr: 'Vous n’êtes pas membre actif de cette association : vous ne pouvez pas y déclarer d’action.',
    en: 'You are not an active member of this association: you cannot record volunteering for it.',
  },
  remote_declaration_association_deleted: {
    fr: 'Cette association a été supprimée sur son site : ses déclarations sont gardées telles quelles et ne peuvent plus changer.',
    en: 'This association was deleted on its site: its records are kept as they are and can no longer change.',
  },
  remote_declaration_not_found: {
    fr: 'Cette action de bénévolat n’existe pas, ou a été retirée.',
    en: 'This volunteering record does not exist, or was withdrawn.',
  },
  remote_declaration_catalog_unavailable: {
    fr: 'Le site de cette association ne répond pas : ses catégories ne peuvent pas être lues. Réessayez plus tard.',
    en: 'The site of this association does not answer: its categories cannot be read. Try again later.',
  },
} as const satisfies Record<string, Record<Language, string>>;
