/** Words of this domain (message keys → French and English), merged into src/i18n/messages.ts. */
import type { Language } from '../i18n/messages.ts';

export default {
  // Safeguards (spec §A3): at least one active manager stays.
  last_manager: {
    fr: 'Il faut garder au moins une personne qui gère l’association ({names}) : confiez d’abord ce rôle à quelqu’un d’autre.',
    en: 'At least one person must keep managing the association ({names}): give this role to someone else first.',
  },
  role_in_use: {
    fr: 'Ce rôle est donné à des membres : donnez-leur d’abord un autre rôle.',
    en: 'Members have this role: give them another role first.',
  },
  role_is_default: {
    fr: 'C’est le rôle donné aux nouveaux membres : choisissez d’abord un autre rôle par défaut.',
    en: 'New members get this role: choose another default role first.',
  },
  role_default_required: {
    fr: 'Il faut un rôle par défaut : choisissez plutôt un autre rôle comme rôle par défaut.',
    en: 'A default role is needed: make another role the default instead.',
  },
  role_name_taken: { fr: 'Un autre rôle porte déjà ce nom.', en: 'Another role already has this name.' },
  role_unknown: { fr: 'Ce rôle n’existe pas dans cette association.', en: 'This role does not exist in this association.' },
  role_manager_only: {
    fr: 'Seules les personnes qui gèrent l’association peuvent donner ou retirer le droit de la gérer.',
    en: 'Only people who manage the association can give or take away the right to manage it.',
  },
  role_manager_missing: {
    fr: 'Aucun rôle de cette association ne permet de la gérer.',
    en: 'No role of this association allows managing it.',
  },
  // Memberships
  already_member: {
    fr: 'Vous êtes déjà membre de cette association, ou votre demande attend une réponse.',
    en: 'You are already a member of this association, or your request is awaiting an answer.',
  },
  remote_member_cannot_manage: {
    fr: 'Une personne inscrite sur un autre site ne peut pas gérer l’association : ce rôle est réservé aux comptes de ce site.',
    en: 'A person registered on another site cannot manage the association: this role is for this site’s accounts.',
  },
  not_member: { fr: 'Vous n’êtes pas membre de cette association.', en: 'You are not a member of this association.' },
  // Anonymous members
  logout_first: {
    fr: 'Vous êtes connecté·e à un compte : déconnectez-vous d’abord pour utiliser ce lien.',
    en: 'You are logged in to an account: log out first to use this link.',
  },
  anonymous_link_invalid: {
    fr: 'Ce lien n’est plus valable. Demandez-en un nouveau à l’association.',
    en: 'This link is no longer valid. Ask the association for a new one.',
  },
  anonymous_expiry_past: { fr: 'Choisissez une date qui n’est pas encore passée.', en: 'Choose a date that has not passed yet.' },
  anonymous_date_invalid: { fr: 'Date non valable (AAAA-MM-JJ).', en: 'Invalid date (YYYY-MM-DD).' },
} as const satisfies Record<string, Record<Language, string>>;
