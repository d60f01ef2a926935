/** Words of valuation (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../i18n/messages.ts';

export default {
  valuation_period_order: { fr: 'La date de fin doit venir après la date de début.', en: 'The end date must come after the start date.' },
  valuation_coefficient_invalid: {
    fr: 'Indiquez un coefficient entre 1 et 5, avec au plus trois décimales (par exemple 1,45).',
    en: 'Enter a coefficient between 1 and 5, with at most three decimals (for example 1.45).',
  },
  valuation_items_required: { fr: 'Indiquez au moins un taux horaire.', en: 'Enter at least one hourly rate.' },
  valuation_item_unknown: {
    fr: 'Ce niveau ou cette catégorie n’existe pas dans l’association, ou figure deux fois.',
    en: 'This level or category does not exist in the association, or appears twice.',
  },
  valuation_rna_invalid: {
    fr: 'Le numéro RNA commence par W suivi de 9 chiffres (par exemple W212001234).',
    en: 'The RNA number is W followed by 9 digits (for example W212001234).',
  },
  valuation_siren_invalid: { fr: 'Le numéro SIREN compte 9 chiffres.', en: 'The SIREN number has 9 digits.' },
  valuation_siren_key: {
    fr: 'Ce numéro SIREN n’existe pas : un chiffre est sans doute mal recopié.',
    en: 'This SIREN number does not exist: a digit is probably mistyped.',
  },
  valuation_rate_date_taken: {
    fr: 'Un taux commence déjà à cette date : modifiez-le plutôt.',
    en: 'A rate already starts on this date: change that one instead.',
  },
  valuation_smic_date_taken: {
    fr: 'Une valeur du SMIC commence déjà à cette date pour ce territoire.',
    en: 'A SMIC value already starts on this date for this territory.',
  },
} as const satisfies Record<string, Record<Language, string>>;
