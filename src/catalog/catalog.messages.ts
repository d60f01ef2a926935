/** Words of this domain (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../i18n/messages.ts';

export default {
  catalog_name_taken: {
    fr: 'Un autre élément de cette liste porte déjà ce nom.',
    en: 'Another item of this list already has this name.',
  },
  catalog_default_category_unknown: {
    fr: 'Catégorie de référence inconnue : choisissez-en une dans la liste.',
    en: 'Unknown default category: choose one from the list.',
  },
  category_in_use: {
    fr: 'Des actions de bénévolat utilisent cette catégorie : elle ne peut pas être supprimée. Renommez-la plutôt.',
    en: 'Volunteering actions use this category: it cannot be deleted. Rename it instead.',
  },
  category_last: {
    fr: 'Il faut garder au moins une catégorie : sans elle, personne ne pourrait déclarer.',
    en: 'At least one category must remain: without one nobody could record anything.',
  },
  level_in_use: {
    fr: 'Des actions de bénévolat utilisent ce niveau : il ne peut pas être supprimé. Renommez-le plutôt.',
    en: 'Volunteering actions use this level: it cannot be deleted. Rename it instead.',
  },
  project_in_use: {
    fr: 'Des actions de bénévolat sont rattachées à ce projet : il ne peut pas être supprimé. Renommez-le plutôt.',
    en: 'Volunteering actions belong to this project: it cannot be deleted. Rename it instead.',
  },
} as const satisfies Record<string, Record<Language, string>>;
