/**
 * Declaration emails (spec §A8): one awaits approval (to those who manage declarations),
 * it is validated (to its author), it is refused with a reason (to its author, beyond
 * Bénévalibre). Each in the recipient's language; sent through notify().
 */
import type { Language } from '../i18n/messages.ts';
import { render, type MailContext, type RenderedMail } from '../mail/templates.ts';

/** What the emails say about the declaration. */
export interface DeclarationBrief {
  association: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  durationMinutes: number;
  /** "12.50" */
  distanceKm: string;
}

/** "2 h 30", "45 min", "3 h": the way the interface writes durations. */
export function formatDuration(minutes: number, lang: Language): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  if (m === 0) return `${h} h`;
  return lang === 'fr' ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h ${m} min`;
}

/** « 27 novembre 2026 » / "27 November 2026": a calendar date, no time zone to shift it. */
export function formatDate(date: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** « 2 h 30, 12,50 km »: the time and the distance given (French writes a decimal comma). */
function effort(d: DeclarationBrief, lang: Language): string {
  const km = d.distanceKm !== '0.00' ? `${lang === 'fr' ? d.distanceKm.replace('.', ',') : d.distanceKm} km` : null;
  return [d.durationMinutes > 0 ? formatDuration(d.durationMinutes, lang) : null, km].filter(Boolean).join(', ');
}

/** « Une action de bénévolat attend votre validation »: to each member who may approve it. */
export function declarationPendingMail(ctx: MailContext, d: DeclarationBrief, author: string, url: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: `Une action de bénévolat attend votre validation : ${d.association}`,
          greeting: `Bonjour ${ctx.name},`,
          lines: [
            `${author} a déclaré une action de bénévolat pour ${d.association} :`,
            `« ${d.title} », le ${formatDate(d.date, 'fr')} (${effort(d, 'fr')}).`,
            'Vous pouvez la valider, en valider une partie ou la refuser en expliquant pourquoi.',
          ],
          action: { label: 'Voir les actions à valider', url },
          after: ['Vous recevez ce message parce que votre rôle permet de valider les actions de bénévolat de cette association.'],
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: `A volunteering record awaits your approval: ${d.association}`,
          greeting: `Hello ${ctx.name},`,
          lines: [
            `${author} recorded volunteering for ${d.association}:`,
            `“${d.title}”, on ${formatDate(d.date, 'en')} (${effort(d, 'en')}).`,
            'You can approve it, approve part of it, or refuse it saying why.',
          ],
          action: { label: 'See the records to approve', url },
          after: ['You receive this message because your role lets you approve the volunteering records of this association.'],
        },
        ctx.site,
        'en',
      );
}

/** « Votre action de bénévolat est validée »: to its author. */
export function declarationValidatedMail(ctx: MailContext, d: DeclarationBrief, validated: { minutes: number; reason: string | null }, url: string): RenderedMail {
  const partial = validated.minutes < d.durationMinutes;
  return ctx.lang === 'fr'
    ? render(
        {
          subject: 'Votre action de bénévolat est validée',
          greeting: `Bonjour ${ctx.name},`,
          lines: [
            `${d.association} a validé votre action « ${d.title} » du ${formatDate(d.date, 'fr')} (${effort(d, 'fr')}).`,
            ...(partial
              ? [`Durée validée : ${formatDuration(validated.minutes, 'fr')} sur ${formatDuration(d.durationMinutes, 'fr')} déclarées.`, `Motif : ${validated.reason ?? ''}`]
              : []),
            'Merci pour votre engagement !',
          ],
          action: { label: 'Voir mes bénévolats', url },
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: 'Your volunteering record is approved',
          greeting: `Hello ${ctx.name},`,
          lines: [
            `${d.association} approved your record “${d.title}” of ${formatDate(d.date, 'en')} (${effort(d, 'en')}).`,
            ...(partial
              ? [`Approved duration: ${formatDuration(validated.minutes, 'en')} of the ${formatDuration(d.durationMinutes, 'en')} recorded.`, `Reason: ${validated.reason ?? ''}`]
              : []),
            'Thank you for your commitment!',
          ],
          action: { label: 'See my volunteering', url },
        },
        ctx.site,
        'en',
      );
}

/** « Votre action de bénévolat n’a pas été validée », with the reason: to its author. */
export function declarationRejectedMail(ctx: MailContext, d: DeclarationBrief, reason: string, url: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: 'Votre action de bénévolat n’a pas été validée',
          greeting: `Bonjour ${ctx.name},`,
          lines: [
            `${d.association} n’a pas validé votre action « ${d.title} » du ${formatDate(d.date, 'fr')}.`,
            `Motif : ${reason}`,
            'Vous pouvez la corriger et l’envoyer de nouveau depuis « Mes bénévolats ».',
          ],
          action: { label: 'Corriger mon action', url },
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: 'Your volunteering record was not approved',
          greeting: `Hello ${ctx.name},`,
          lines: [
            `${d.association} did not approve your record “${d.title}” of ${formatDate(d.date, 'en')}.`,
            `Reason: ${reason}`,
            'You can correct it and send it again from “My volunteering”.',
          ],
          action: { label: 'Correct my record', url },
        },
        ctx.site,
        'en',
      );
}
