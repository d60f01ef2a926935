/**
 * Emails of this domain (spec §A8), French or English by the recipient's account language:
 * a new association awaits approval (to every instance admin), an association was
 * approved (to its managers).
 */
import type { Language } from '../i18n/messages.ts';
import { render, type RenderedMail } from '../mail/templates.ts';

export interface AssociationMailContext {
  site: string;
  /** The recipient's display name. */
  name: string;
  lang: Language;
}

/** To each admin when the instance moderates new associations. */
export function associationToApproveMail(
  ctx: AssociationMailContext,
  association: { name: string; createdBy: string },
  url: string,
): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: 'Nouvelle association à valider',
          greeting: `Bonjour ${ctx.name},`,
          lines: [
            `${association.createdBy} vient de créer l’association « ${association.name} ».`,
            'Elle reste invisible tant que vous ne l’avez pas validée.',
          ],
          action: { label: 'Voir les associations à valider', url },
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: 'New association awaiting approval',
          greeting: `Hello ${ctx.name},`,
          lines: [
            `${association.createdBy} has just created the association “${association.name}”.`,
            'It stays invisible until you approve it.',
          ],
          action: { label: 'See associations awaiting approval', url },
        },
        ctx.site,
        'en',
      );
}

/** To each manager of the association once the admin approved it. */
export function associationApprovedMail(ctx: AssociationMailContext, association: { name: string }, url: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: 'Votre association est validée',
          greeting: `Bonjour ${ctx.name},`,
          lines: [
            `L’association « ${association.name} » a été validée par l’administration du site.`,
            'Ses membres peuvent maintenant la trouver, la rejoindre et déclarer leur bénévolat.',
          ],
          action: { label: 'Ouvrir la page de l’association', url },
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: 'Your association has been approved',
          greeting: `Hello ${ctx.name},`,
          lines: [
            `The association “${association.name}” has been approved by the site administrators.`,
            'Its members can now find it, join it and record their volunteering.',
          ],
          action: { label: 'Open the association’s page', url },
        },
        ctx.site,
        'en',
      );
}
