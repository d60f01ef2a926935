/**
 * Membership emails (spec §A8): a join request to those who manage members, and the
 * acceptance to the member. Each in the recipient's own language.
 */
import { render, type MailContext, type RenderedMail } from '../mail/templates.ts';

/** « Nouvelle demande d'adhésion »: to each member who may approve it. */
export function joinRequestMail(ctx: MailContext, who: string, association: string, url: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: `Nouvelle demande d’adhésion : ${association}`,
          greeting: `Bonjour ${ctx.name},`,
          lines: [`${who} demande à rejoindre ${association}.`, 'Vous pouvez accepter ou refuser cette demande depuis la liste des membres.'],
          action: { label: 'Voir les demandes', url },
          after: ['Vous recevez ce message parce que votre rôle permet de gérer les membres de cette association.'],
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: `New membership request: ${association}`,
          greeting: `Hello ${ctx.name},`,
          lines: [`${who} asks to join ${association}.`, 'You can accept or refuse this request from the member list.'],
          action: { label: 'See the requests', url },
          after: ['You receive this message because your role lets you manage the members of this association.'],
        },
        ctx.site,
        'en',
      );
}

/** « Votre adhésion est acceptée »: to the member once approved. */
export function membershipApprovedMail(ctx: MailContext, association: string, url: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: `Votre adhésion est acceptée : ${association}`,
          greeting: `Bonjour ${ctx.name},`,
          lines: [`Bonne nouvelle : votre demande pour rejoindre ${association} est acceptée.`, 'Vous pouvez dès maintenant déclarer vos actions de bénévolat.'],
          action: { label: 'Voir l’association', url },
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: `Your membership is accepted: ${association}`,
          greeting: `Hello ${ctx.name},`,
          lines: [`Good news: your request to join ${association} is accepted.`, 'You can now record your volunteering.'],
          action: { label: 'See the association', url },
        },
        ctx.site,
        'en',
      );
}
