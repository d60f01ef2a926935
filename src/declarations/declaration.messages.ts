/** Words of this domain (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../i18n/messages.ts';

export default {
  // Fields
  declaration_date_invalid: { fr: 'Date non valable (AAAA-MM-JJ).', en: 'Invalid date (YYYY-MM-DD).' },
  declaration_date_too_early: { fr: 'La date ne peut pas être avant le 1er janvier 2000.', en: 'The date cannot be before 1 January 2000.' },
  declaration_date_future: { fr: 'La date ne peut pas être dans le futur.', en: 'The date cannot be in the future.' },
  declaration_end_date_order: {
    fr: 'La date de fin doit être après la date de début (laissez-la vide pour une action d’un seul jour).',
    en: 'The end date must be after the start date (leave it empty for a one-day action).',
  },
  declaration_duration_too_long: {
    fr: 'La durée ne peut pas dépasser {hours} h pour les jours indiqués (24 h par jour).',
    en: 'The duration cannot exceed {hours} h for these days (24 h a day).',
  },
  declaration_distance_invalid: {
    fr: 'Distance non valable : un nombre de kilomètres, 0 ou plus, avec au plus deux décimales (ex. 12,5).',
    en: 'Invalid distance: a number of kilometres, 0 or more, with at most two decimals (e.g. 12.5).',
  },
  declaration_distance_too_big: { fr: 'La distance ne peut pas dépasser 100 000 km.', en: 'The distance cannot exceed 100,000 km.' },
  declaration_distance_required: {
    fr: 'Sans durée, indiquez la distance parcourue (un déplacement seul compte aussi).',
    en: 'Without a duration, give the distance travelled (travel alone counts too).',
  },
  declaration_category_unknown: {
    fr: 'Catégorie inconnue dans cette association : choisissez-en une dans la liste.',
    en: 'Unknown category in this association: choose one from the list.',
  },
  declaration_project_unknown: {
    fr: 'Projet inconnu dans cette association : choisissez-en un dans la liste.',
    en: 'Unknown project in this association: choose one from the list.',
  },
  declaration_level_unknown: {
    fr: 'Niveau inconnu dans cette association : choisissez-en un dans la liste.',
    en: 'Unknown level in this association: choose one from the list.',
  },
  declaration_author_unknown: {
    fr: 'Cette personne n’est pas membre de l’association : choisissez-en une dans la liste.',
    en: 'This person is not a member of the association: choose one from the list.',
  },
  declaration_author_id_required: {
    fr: 'Choisissez la personne qui a fait cette action.',
    en: 'Choose the person who did this action.',
  },
  declaration_validated_minutes_too_big: {
    fr: 'La durée validée ne peut pas dépasser la durée déclarée ({max} min).',
    en: 'The validated duration cannot exceed the declared duration ({max} min).',
  },
  declaration_reason_required: {
    fr: 'Expliquez pourquoi : la personne verra ce motif.',
    en: 'Say why: the person will see this reason.',
  },
  declaration_ids_unknown: {
    fr: 'Certaines actions n’existent pas dans cette association (ou plus).',
    en: 'Some actions do not exist in this association (any more).',
  },
  declaration_period_order: { fr: 'La fin de la période doit être après son début.', en: 'The end of the period must be after its start.' },
  // Refusals
  declaration_not_member: {
    fr: 'Seul·es les membres de l’association (adhésion acceptée) peuvent déclarer leur bénévolat.',
    en: 'Only members of the association (membership accepted) can record their volunteering.',
  },
  declaration_validated_locked: {
    fr: 'Cette action est déjà validée : pour la supprimer, demandez à un·e gestionnaire de l’association.',
    en: 'This action is already validated: to delete it, ask a manager of the association.',
  },
  declaration_idempotency_conflict: {
    fr: 'Cette déclaration a déjà été envoyée par quelqu’un d’autre. Rechargez la page puis recommencez.',
    en: 'This declaration was already sent by someone else. Reload the page and try again.',
  },
} as const satisfies Record<string, Record<Language, string>>;
