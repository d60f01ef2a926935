/**
 * The emails of an import (spec §A11), French and English, laid out by the project's
 * mail templates: new members choose a password (their account is waiting, inactive),
 * existing members learn their association has moved here (« association migrée »).
 */
import { render, type MailContext, type RenderedMail } from '../mail/templates.ts';

export function importSetPasswordMail(ctx: MailContext, association: string, url: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: `Votre compte ${ctx.site} : choisissez un mot de passe`,
          greeting: `Bonjour ${ctx.name},`,
          lines: [
            `L’association « ${association} » a déménagé sur ${ctx.site}, avec tout son historique de bénévolat.`,
            'Un compte vous y attend, à cette adresse e-mail. Pour l’utiliser, choisissez votre mot de passe.',
          ],
          action: { label: 'Choisir mon mot de passe', url },
          after: ['Ce lien est valable 3 jours ; passé ce délai, utilisez « Mot de passe oublié ».', 'Si vous ne connaissez pas cette association, ignorez ce message.'],
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: `Your ${ctx.site} account: choose a password`,
          greeting: `Hello ${ctx.name},`,
          lines: [
            `The association “${association}” has moved to ${ctx.site}, with its whole volunteering history.`,
            'An account is waiting for you there, at this email address. To use it, choose your password.',
          ],
          action: { label: 'Choose my password', url },
          after: ['This link is valid for 3 days; after that, use “Forgot password”.', 'If you do not know this association, ignore this message.'],
        },
        ctx.site,
        'en',
      );
}

export function associationMigratedMail(ctx: MailContext, association: string, url: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: `Association migrée : ${association}`,
          greeting: `Bonjour ${ctx.name},`,
          lines: [
            `L’association « ${association} », dont vous êtes membre, a déménagé sur ${ctx.site} avec tout son historique.`,
            'Vous la retrouvez avec votre compte habituel : rien à faire de votre côté.',
          ],
          action: { label: 'Voir l’association', url },
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: `Association moved: ${association}`,
          greeting: `Hello ${ctx.name},`,
          lines: [
            `The association “${association}”, of which you are a member, has moved to ${ctx.site} with its whole history.`,
            'You will find it with your usual account: nothing to do on your side.',
          ],
          action: { label: 'See the association', url },
        },
        ctx.site,
        'en',
      );
}
