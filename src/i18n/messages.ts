/**
 * Server-side words, French first. Keys are stable codes also returned to API clients
 * (`errors[].code`), so integrations can branch on them without parsing text.
 */
export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];

import associationMessages from '../associations/association.messages.ts';
import membershipMessages from '../memberships/membership.messages.ts';
import adminMessages from '../admin/admin.messages.ts';
import declarationMessages from '../declarations/declaration.messages.ts';
import catalogMessages from '../catalog/catalog.messages.ts';
import importMessages from '../imports/import.messages.ts';
import notificationMessages from '../notifications/notification.messages.ts';
import moderationMessages from '../moderation/moderation.messages.ts';
import followingMessages from '../federation/following.messages.ts';
import remoteMembershipMessages from '../federation/remote-membership.messages.ts';
import remoteDeclarationMessages from '../federation/declarations/send.messages.ts';
import valuationMessages from '../valuation/valuation.messages.ts';
import cecMessages from '../cec/cec.messages.ts';
import attestationMessages from '../attestations/attestation.messages.ts';

const baseMessages = {
  // problems (title)
  validation_failed: { fr: 'Certains champs sont à corriger.', en: 'Some fields need correcting.' },
  not_found: { fr: 'Page ou ressource introuvable.', en: 'Page or resource not found.' },
  method_not_allowed: { fr: 'Cette action n’est pas permise ici.', en: 'This method is not allowed here.' },
  payload_too_large: { fr: 'Le contenu envoyé est trop volumineux.', en: 'The content sent is too large.' },
  unsupported_media_type: { fr: 'Ce type de contenu n’est pas accepté.', en: 'This content type is not accepted.' },
  not_acceptable: { fr: 'Aucun format de réponse ne convient.', en: 'No acceptable response format.' },
  internal_error: {
    fr: 'Une erreur inattendue est survenue. Rien de ce que vous aviez enregistré n’est perdu ; réessayez.',
    en: 'An unexpected error occurred. Nothing you had saved is lost; please try again.',
  },
  unauthenticated: { fr: 'Veuillez vous connecter.', en: 'Please log in.' },
  forbidden: { fr: 'Vous n’avez pas le droit de faire cela.', en: 'You are not allowed to do this.' },
  csrf_failed: {
    fr: 'La page a expiré. Rechargez-la puis recommencez.',
    en: 'The page has expired. Reload it and try again.',
  },
  token_scope_read: {
    fr: 'Ce jeton d’accès ne permet que la lecture.',
    en: 'This access token only allows reading.',
  },
  rate_limited: {
    fr: 'Trop de tentatives. Réessayez dans {seconds} secondes.',
    en: 'Too many attempts. Try again in {seconds} seconds.',
  },
  registration_closed: {
    fr: 'Les inscriptions sont fermées sur ce site.',
    en: 'Registration is closed on this site.',
  },
  invalid_credentials: { fr: 'Adresse e-mail ou mot de passe incorrect.', en: 'Wrong email address or password.' },
  account_inactive: {
    fr: 'Votre compte n’est pas encore activé : ouvrez le lien reçu par e-mail, ou demandez-en un nouveau.',
    en: 'Your account is not activated yet: open the link sent by email, or ask for a new one.',
  },
  account_disabled: {
    fr: 'Ce compte a été désactivé par l’administration du site.',
    en: 'This account has been disabled by the site administrators.',
  },
  token_invalid: {
    fr: 'Ce lien n’est pas valable ou a déjà servi. Demandez-en un nouveau.',
    en: 'This link is not valid or has already been used. Ask for a new one.',
  },
  token_expired: {
    fr: 'Ce lien a expiré. Demandez-en un nouveau.',
    en: 'This link has expired. Ask for a new one.',
  },
  email_taken: { fr: 'Cette adresse e-mail est déjà utilisée.', en: 'This email address is already in use.' },
  // field errors
  required: { fr: 'Ce champ est obligatoire.', en: 'This field is required.' },
  invalid: { fr: 'Valeur non valable.', en: 'Invalid value.' },
  invalid_email: { fr: 'Adresse e-mail non valable.', en: 'Invalid email address.' },
  too_long: { fr: '{max} caractères au maximum.', en: '{max} characters at most.' },
  too_short: { fr: '{min} caractères au minimum.', en: '{min} characters at least.' },
  too_big: { fr: 'Au plus {max}.', en: 'At most {max}.' },
  too_small: { fr: 'Au moins {min}.', en: 'At least {min}.' },
  invalid_choice: { fr: 'Choisissez une des valeurs proposées.', en: 'Choose one of the offered values.' },
  password_too_short: { fr: 'Au moins 8 caractères.', en: 'At least 8 characters.' },
  password_too_long: { fr: '256 caractères au maximum.', en: '256 characters at most.' },
  password_common: {
    fr: 'Ce mot de passe est trop courant : choisissez-en un autre, par exemple une phrase.',
    en: 'This password is too common: choose another one, a sentence for example.',
  },
  password_wrong: { fr: 'Mot de passe incorrect.', en: 'Wrong password.' },
  name_required: {
    fr: 'Indiquez au moins un prénom, un nom ou un pseudonyme.',
    en: 'Give at least a first name, a last name or a pseudonym.',
  },
  terms_required: {
    fr: 'Acceptez les conditions d’utilisation et la politique de confidentialité.',
    en: 'Accept the terms of use and the privacy notice.',
  },
  age_required: {
    fr: 'Confirmez avoir 15 ans ou plus, ou l’accord d’un parent.',
    en: 'Confirm you are 15 or older, or have a parent’s consent.',
  },
  same_email: { fr: 'C’est déjà votre adresse actuelle.', en: 'This is already your current address.' },
  handle_format: {
    fr: 'De 2 à 30 caractères : lettres minuscules sans accent, chiffres et « _ ».',
    en: '2 to 30 characters: lower-case letters without accents, digits and “_”.',
  },
  handle_reserved: { fr: 'Cette adresse est réservée : choisissez-en une autre.', en: 'This address is reserved: choose another one.' },
  handle_taken: { fr: 'Cette adresse est déjà prise : choisissez-en une autre.', en: 'This address is already taken: choose another one.' },
  avatar_type: {
    fr: 'Image PNG, JPEG ou WebP uniquement.',
    en: 'PNG, JPEG or WebP images only.',
  },
  avatar_size: { fr: 'Image trop lourde ({max} Ko au maximum).', en: 'Image too large ({max} KB at most).' },
} as const satisfies Record<string, Record<Language, string>>;

/** Each domain keeps its words beside its code; all keys share one namespace. */
export const messages = {
  ...baseMessages,
  ...associationMessages,
  ...membershipMessages,
  ...adminMessages,
  ...declarationMessages,
  ...catalogMessages,
  ...importMessages,
  ...notificationMessages,
  ...moderationMessages,
  ...followingMessages,
  ...remoteMembershipMessages,
  ...remoteDeclarationMessages,
  ...valuationMessages,
  ...cecMessages,
  ...attestationMessages,
};

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, lang: Language, params: Record<string, string | number> = {}): string {
  return messages[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export const isMessageKey = (value: string): value is MessageKey => Object.hasOwn(messages, value);

/** Picks fr or en from an Accept-Language header, French when nothing matches. */
export function negotiateLanguage(header: string | undefined | null, fallback: Language = 'fr'): Language {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return fallback;
}
