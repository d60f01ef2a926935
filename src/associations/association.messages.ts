/** Words of this domain (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../i18n/messages.ts';

export default {
  association_creation_closed: {
    fr: 'La création d’associations est fermée sur ce site. Demandez à l’administration du site.',
    en: 'Creating associations is closed on this site. Ask the site administrators.',
  },
  name_taken: {
    fr: 'Une association porte déjà ce nom sur ce site : choisissez-en un autre.',
    en: 'An association already has this name on this site: choose another one.',
  },
  association_confirm_name: {
    fr: 'Recopiez le nom exact de l’association pour confirmer.',
    en: 'Type the exact name of the association to confirm.',
  },
  association_website_invalid: {
    fr: 'Adresse de site non valable : elle commence par https:// ou http://.',
    en: 'Invalid website address: it starts with https:// or http://.',
  },
  association_country_invalid: {
    fr: 'Pays inconnu : choisissez-en un dans la liste.',
    en: 'Unknown country: choose one from the list.',
  },
  association_time_zone_invalid: {
    fr: 'Fuseau horaire inconnu : choisissez-en un dans la liste.',
    en: 'Unknown time zone: choose one from the list.',
  },
  association_activity_field_unknown: {
    fr: 'Domaine d’activité inconnu : choisissez-en un dans la liste.',
    en: 'Unknown activity field: choose one from the list.',
  },
  association_before_invalid: {
    fr: 'Repère de page non valable.',
    en: 'Invalid page marker.',
  },
  logo_type: {
    fr: 'Logo : image PNG, JPEG ou WebP uniquement.',
    en: 'Logo: PNG, JPEG or WebP images only.',
  },
  logo_size: {
    fr: 'Logo trop lourd ({max} Ko au maximum).',
    en: 'Logo too large ({max} KB at most).',
  },
} as const satisfies Record<string, Record<Language, string>>;
