/**
 * The daily digest email (spec §A8) and the unsubscribe footer added to every
 * notification: plain words, in the recipient's language.
 */
import { render, type MailContext, type RenderedMail } from '../mail/templates.ts';
import type { DigestPayload } from './notifier.ts';

/** « Votre résumé du jour »: one email listing the day's notifications. */
export function digestMail(ctx: MailContext, items: DigestPayload[], preferencesUrl: string): RenderedMail {
  const lines = items.map((i) => (i.url ? `• ${i.summary} ${i.url}` : `• ${i.summary}`));
  return ctx.lang === 'fr'
    ? render(
        {
          subject: items.length === 1 ? `Votre résumé du jour : 1 nouvelle` : `Votre résumé du jour : ${items.length} nouvelles`,
          greeting: `Bonjour ${ctx.name},`,
          lines: ['Voici ce qui s’est passé depuis le dernier résumé :', ...lines],
          action: { label: 'Choisir les e-mails que je reçois', url: preferencesUrl },
          after: ['Vous recevez ce résumé une fois par jour parce que vous l’avez choisi plutôt qu’un e-mail à chaque fois.'],
        },
        ctx.site,
        'fr',
      )
    : render(
        {
          subject: items.length === 1 ? 'Your daily summary: 1 update' : `Your daily summary: ${items.length} updates`,
          greeting: `Hello ${ctx.name},`,
          lines: ['Here is what happened since the last summary:', ...lines],
          action: { label: 'Choose the emails I receive', url: preferencesUrl },
          after: ['You receive this summary once a day because you chose it instead of one email each time.'],
        },
        ctx.site,
        'en',
      );
}

/**
 * Adds a footer to a notification: where to choose one's emails. The one-click link
 * itself travels in the List-Unsubscribe header only: a GET on it changes nothing (link
 * scanners open every link), so putting it in the body would mislead the reader.
 */
export function withPreferencesFooter(mail: RenderedMail, lang: 'fr' | 'en', preferencesUrl: string): RenderedMail {
  const label = lang === 'fr' ? 'Choisir les e-mails que je reçois' : 'Choose the emails I receive';
  const escaped = preferencesUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const footer = `<p style="font-size:13px;color:#5c534c"><a href="${escaped}">${label}</a></p>`;
  return {
    subject: mail.subject,
    text: `${mail.text}\n\n${label}${lang === 'fr' ? ' :' : ':'} ${preferencesUrl}`,
    html: mail.html.includes('</body>') ? mail.html.replace('</body>', `${footer}</body>`) : `${mail.html}${footer}`,
  };
}
