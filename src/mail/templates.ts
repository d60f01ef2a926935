/**
 * Transactional email texts, French and English, in text and HTML. Plain words: many
 * readers are not at ease with computers, so each mail says what to do and what happens
 * if they did not ask for it.
 */
import type { Language } from '../i18n/messages.ts';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface Paragraphs {
  subject: string;
  greeting: string;
  lines: string[];
  action?: { label: string; url: string };
  after?: string[];
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Lays out one email in text and HTML; domain mail modules build on it. */
export function render(p: Paragraphs, site: string, lang: Language): RenderedMail {
  const sign = lang === 'fr' ? `— L’équipe de ${site}` : `— The ${site} team`;
  const text = [
    p.greeting,
    '',
    ...p.lines,
    ...(p.action ? ['', `${p.action.label} :`.replace(' :', lang === 'fr' ? ' :' : ':'), p.action.url] : []),
    ...(p.after ? ['', ...p.after] : []),
    '',
    sign,
  ].join('\n');
  const html = `<!doctype html><html lang="${lang}"><body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#2b2622">
<p>${escape(p.greeting)}</p>
${p.lines.map((l) => `<p>${escape(l)}</p>`).join('\n')}
${p.action ? `<p><a href="${escape(p.action.url)}" style="display:inline-block;padding:12px 20px;background:#b4461e;color:#fff;border-radius:8px;text-decoration:none">${escape(p.action.label)}</a></p><p style="font-size:14px">${escape(p.action.url)}</p>` : ''}
${(p.after ?? []).map((l) => `<p style="font-size:14px;color:#5c534c">${escape(l)}</p>`).join('\n')}
<p>${escape(sign)}</p></body></html>`;
  return { subject: p.subject, text, html };
}

export interface MailContext {
  site: string;
  name: string;
  lang: Language;
}

export function activationMail(ctx: MailContext, url: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: `Activez votre compte ${ctx.site}`,
          greeting: `Bonjour ${ctx.name},`,
          lines: ['Merci de votre inscription. Pour activer votre compte, cliquez sur le bouton ci-dessous.'],
          action: { label: 'Activer mon compte', url },
          after: ['Ce lien est valable 3 jours.', 'Si vous n’avez pas demandé ce compte, ignorez ce message : rien ne sera créé sans vous.'],
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: `Activate your ${ctx.site} account`,
          greeting: `Hello ${ctx.name},`,
          lines: ['Thank you for registering. To activate your account, click the button below.'],
          action: { label: 'Activate my account', url },
          after: ['This link is valid for 3 days.', 'If you did not ask for this account, ignore this message.'],
        },
        ctx.site,
        'en',
      );
}

export function alreadyRegisteredMail(ctx: MailContext, loginUrl: string, resetUrl: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: `Vous avez déjà un compte ${ctx.site}`,
          greeting: `Bonjour ${ctx.name},`,
          lines: [
            'Quelqu’un (vous peut-être) a voulu créer un compte avec cette adresse, mais vous en avez déjà un.',
            `Pour vous connecter : ${loginUrl}`,
          ],
          action: { label: 'J’ai oublié mon mot de passe', url: resetUrl },
          after: ['Si ce n’était pas vous, ignorez ce message : votre compte ne change pas.'],
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: `You already have a ${ctx.site} account`,
          greeting: `Hello ${ctx.name},`,
          lines: ['Someone (maybe you) tried to register with this address, but you already have an account.', `To log in: ${loginUrl}`],
          action: { label: 'I forgot my password', url: resetUrl },
          after: ['If it was not you, ignore this message: your account is unchanged.'],
        },
        ctx.site,
        'en',
      );
}

export function passwordResetMail(ctx: MailContext, url: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: `Nouveau mot de passe pour ${ctx.site}`,
          greeting: `Bonjour ${ctx.name},`,
          lines: ['Vous avez demandé à changer votre mot de passe. Cliquez sur le bouton pour en choisir un nouveau.'],
          action: { label: 'Choisir un nouveau mot de passe', url },
          after: ['Ce lien est valable 3 jours et ne sert qu’une fois.', 'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.'],
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: `New password for ${ctx.site}`,
          greeting: `Hello ${ctx.name},`,
          lines: ['You asked to change your password. Click the button to choose a new one.'],
          action: { label: 'Choose a new password', url },
          after: ['This link is valid for 3 days and works once.', 'If you did not ask for it, ignore this message: your password is unchanged.'],
        },
        ctx.site,
        'en',
      );
}

export function emailChangeMail(ctx: MailContext, url: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: `Confirmez votre nouvelle adresse pour ${ctx.site}`,
          greeting: `Bonjour ${ctx.name},`,
          lines: ['Vous avez demandé à utiliser cette adresse e-mail pour votre compte. Confirmez-la en cliquant sur le bouton.'],
          action: { label: 'Confirmer cette adresse', url },
          after: ['Ce lien est valable 3 jours. Tant qu’il n’est pas ouvert, votre ancienne adresse reste en service.'],
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: `Confirm your new address for ${ctx.site}`,
          greeting: `Hello ${ctx.name},`,
          lines: ['You asked to use this email address for your account. Confirm it by clicking the button.'],
          action: { label: 'Confirm this address', url },
          after: ['This link is valid for 3 days. Until it is opened, your old address stays in use.'],
        },
        ctx.site,
        'en',
      );
}

export function emailChangedNoticeMail(ctx: MailContext, newEmail: string): RenderedMail {
  return ctx.lang === 'fr'
    ? render(
        {
          subject: `Votre adresse e-mail ${ctx.site} a changé`,
          greeting: `Bonjour ${ctx.name},`,
          lines: [`L’adresse de votre compte est désormais ${newEmail}.`, 'Si vous n’êtes pas à l’origine de ce changement, contactez l’administration du site.'],
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: `Your ${ctx.site} email address changed`,
          greeting: `Hello ${ctx.name},`,
          lines: [`Your account’s address is now ${newEmail}.`, 'If you did not make this change, contact the site administrators.'],
        },
        ctx.site,
        'en',
      );
}
