// Interface words in French (default) and English. Plain words only: the people we
// build for are volunteers, not technicians (ux.md, "Principles" and "Words").
import { getState } from './store.js';
import baseFr from './i18n/fr.js';
import baseEn from './i18n/en.js';
// Each domain keeps its words in its own pair of files, merged here.
import associationsFr from './i18n/domains/associations.fr.js';
import associationsEn from './i18n/domains/associations.en.js';
import membersFr from './i18n/domains/members.fr.js';
import membersEn from './i18n/domains/members.en.js';
import adminFr from './i18n/domains/admin.fr.js';
import adminEn from './i18n/domains/admin.en.js';
import declarationsFr from './i18n/domains/declarations.fr.js';
import declarationsEn from './i18n/domains/declarations.en.js';
import newsFr from './i18n/domains/news.fr.js';
import newsEn from './i18n/domains/news.en.js';
import moderationFr from './i18n/domains/moderation.fr.js';
import moderationEn from './i18n/domains/moderation.en.js';
import deliveriesFr from './i18n/domains/deliveries.fr.js';
import deliveriesEn from './i18n/domains/deliveries.en.js';
import importsFr from './i18n/domains/imports.fr.js';
import importsEn from './i18n/domains/imports.en.js';
import followingFr from './i18n/domains/following.fr.js';
import followingEn from './i18n/domains/following.en.js';
import remoteMembershipsFr from './i18n/domains/remote-memberships.fr.js';
import remoteMembershipsEn from './i18n/domains/remote-memberships.en.js';
import remoteDeclarationsFr from './i18n/domains/remote-declarations.fr.js';
import remoteDeclarationsEn from './i18n/domains/remote-declarations.en.js';

const fr = { ...baseFr, ...associationsFr, ...membersFr, ...adminFr, ...declarationsFr, ...importsFr };
const en = { ...baseEn, ...associationsEn, ...membersEn, ...adminEn, ...declarationsEn, ...importsEn };
// News, discovery and moderation (issue 6).
Object.assign(fr, newsFr, moderationFr);
Object.assign(en, newsEn, moderationEn);
Object.assign(fr, deliveriesFr);
Object.assign(en, deliveriesEn);
Object.assign(fr, followingFr);
Object.assign(en, followingEn);
// Memberships across sites (issue 7).
Object.assign(fr, remoteMembershipsFr);
Object.assign(en, remoteMembershipsEn);
Object.assign(fr, remoteDeclarationsFr);
Object.assign(en, remoteDeclarationsEn);
// Attestations and their public verification (issue 8).
import attestationsFr from './i18n/domains/attestations.fr.js';
import attestationsEn from './i18n/domains/attestations.en.js';
Object.assign(fr, attestationsFr);
Object.assign(en, attestationsEn);
// Valuation (issue 8).
import valuationFr from './i18n/domains/valuation.fr.js';
import valuationEn from './i18n/domains/valuation.en.js';
Object.assign(fr, valuationFr);
Object.assign(en, valuationEn);
// CEC helper, volunteer record, personal data (issue 8).
import cecFr from './i18n/domains/cec.fr.js';
import cecEn from './i18n/domains/cec.en.js';
Object.assign(fr, cecFr);
Object.assign(en, cecEn);
const dictionaries = { fr, en };

/**
 * Translates a key into the current language; `{name}` placeholders are replaced
 * from `params`. Falls back to French, then to the key itself so a missing word is
 * visible during development instead of an empty space.
 */
export function t(key, params) {
  const lang = getState().lang;
  let text = dictionaries[lang]?.[key] ?? fr[key] ?? key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
  }
  return text;
}

export function locale() {
  return getState().lang === 'en' ? 'en-GB' : 'fr-FR';
}

/** Date and time in the person's language, e.g. « 3 mars 2026 à 14:05 ». */
export function formatDateTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

export function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long' }).format(date);
}
