/** Words of this domain (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../i18n/messages.ts';

export default {
  unsubscribe_invalid: {
    fr: 'Ce lien de désabonnement n’est pas valable. Vous pouvez choisir vos e-mails dans votre profil.',
    en: 'This unsubscribe link is not valid. You can choose your emails in your profile.',
  },
} as const satisfies Record<string, Record<Language, string>>;
