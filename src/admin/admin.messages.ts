/** Words of this domain (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../i18n/messages.ts';

export default {
  announcement_expire_before_publish: {
    fr: 'La fin de l’annonce doit venir après le début de sa publication.',
    en: 'The announcement must end after it starts being shown.',
  },
  announcement_date_invalid: {
    fr: 'Date et heure non valables (format ISO 8601 avec fuseau, par exemple 2026-12-01T09:00:00+01:00).',
    en: 'Invalid date and time (ISO 8601 with offset, e.g. 2026-12-01T09:00:00+01:00).',
  },
  default_name_taken: { fr: 'Ce nom est déjà utilisé : choisissez-en un autre.', en: 'This name is already used: choose another one.' },
  default_reference_unknown: { fr: 'Choisissez une des catégories de référence proposées.', en: 'Choose one of the offered reference categories.' },
  default_role_keep_default: {
    fr: 'Il faut un rôle par défaut : choisissez d’abord un autre rôle comme rôle par défaut.',
    en: 'A default role is needed: first make another role the default one.',
  },
  default_role_is_default: {
    fr: 'Le rôle par défaut ne peut pas être supprimé : choisissez d’abord un autre rôle par défaut.',
    en: 'The default role cannot be deleted: first make another role the default one.',
  },
  default_role_manager_needed: {
    fr: 'Il faut au moins un rôle qui permet de gérer l’association : la personne qui crée une association le reçoit.',
    en: 'At least one role must allow managing the association: whoever creates an association receives it.',
  },
  admin_not_yourself: {
    fr: 'Vous ne pouvez pas faire cela sur votre propre compte.',
    en: 'You cannot do this to your own account.',
  },
  admin_account_not_inactive: {
    fr: 'Ce compte est déjà activé : il n’a pas besoin de lien d’activation.',
    en: 'This account is already activated: it needs no activation link.',
  },
  admin_account_not_disabled: { fr: 'Ce compte n’est pas désactivé.', en: 'This account is not disabled.' },
  admin_account_unknown: { fr: 'Aucun compte n’utilise cette adresse e-mail.', en: 'No account uses this email address.' },
  admin_manager_not_active: {
    fr: 'Ce compte n’est pas actif : il doit être activé (et non désactivé) pour gérer une association.',
    en: 'This account is not active: it must be activated (and not disabled) to manage an association.',
  },
  admin_last_admin: {
    fr: 'C’est le dernier compte administrateur : nommez-en un autre d’abord.',
    en: 'This is the last administrator account: appoint another one first.',
  },
} as const satisfies Record<string, Record<Language, string>>;
