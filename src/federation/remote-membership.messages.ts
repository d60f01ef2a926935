/** Words of memberships in associations of other sites (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../i18n/messages.ts';

export default {
  remote_membership_local: {
    fr: 'Cette association est sur ce site : rejoignez-la depuis sa page.',
    en: 'This association is on this site: join it from its page.',
  },
  remote_membership_not_association: {
    fr: 'Aucune association à rejoindre à cette adresse, ou son site ne répond pas. Réessayez plus tard.',
    en: 'No association to join at this address, or its site does not answer. Try again later.',
  },
  remote_membership_exists: {
    fr: 'Vous êtes déjà membre de cette association, ou votre demande attend une réponse.',
    en: 'You are already a member of this association, or your request is awaiting an answer.',
  },
  remote_membership_not_found: {
    fr: 'Vous n’êtes pas membre de cette association.',
    en: 'You are not a member of this association.',
  },
} as const satisfies Record<string, Record<Language, string>>;
