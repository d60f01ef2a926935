/** Words of the import of Bénévalibre files (message keys → French and English), merged into src/i18n/messages.ts. */
export default {
  import_file_invalid: {
    fr: 'Ce fichier n’est pas un fichier de migration Bénévalibre 2.x : {detail}',
    en: 'This file is not a Bénévalibre 2.x migration file: {detail}',
  },
  import_date_future: { fr: 'La date est dans le futur.', en: 'The date is in the future.' },
  import_model_unknown: { fr: 'Type d’objet inconnu : {model}.', en: 'Unknown object type: {model}.' },
  import_association_count: {
    fr: 'Le fichier doit contenir exactement une association.',
    en: 'The file must contain exactly one association.',
  },
  import_other_association: {
    fr: 'Cet objet appartient à une autre association ({name}).',
    en: 'This object belongs to another association ({name}).',
  },
  import_reference_broken: {
    fr: 'Référence introuvable dans le fichier : {ref}.',
    en: 'Reference not found in the file: {ref}.',
  },
  import_field_missing: { fr: 'Champ manquant ou mal formé.', en: 'Missing or malformed field.' },
  import_duration_invalid: {
    fr: 'Durée illisible (attendu « J HH:MM:SS » ou ISO 8601).',
    en: 'Unreadable duration (expected "D HH:MM:SS" or ISO 8601).',
  },
  import_duplicate: { fr: 'Objet présent deux fois dans le fichier.', en: 'Object present twice in the file.' },
  import_category_unmapped: {
    fr: 'Catégorie par défaut « {name} » inconnue ici : choisissez la catégorie de référence correspondante.',
    en: 'Default category "{name}" is unknown here: choose the matching reference category.',
  },
  import_name_taken: {
    fr: 'Une association porte déjà ce nom ici : choisissez-en un autre.',
    en: 'An association already has this name here: choose another.',
  },
  import_file_gone: {
    fr: 'Le fichier de cet import n’est plus disponible : recommencez l’import.',
    en: 'This import’s file is no longer available: start the import again.',
  },
  import_importer_gone: {
    fr: 'Le compte qui a lancé cet import n’est plus actif.',
    en: 'The account that started this import is no longer active.',
  },
  import_plan_failed: {
    fr: 'Les données ont changé depuis la vérification : vérifiez le fichier à nouveau.',
    en: 'The data changed since the check: check the file again.',
  },
  import_write_failed: {
    fr: 'L’enregistrement a échoué ; rien n’a été écrit. Réessayez plus tard.',
    en: 'Saving failed; nothing was written. Try again later.',
  },
};
