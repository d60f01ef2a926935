/**
 * notify(): the one way a domain emails a person about something that happened (spec
 * §A8). According to the recipient's preference for this kind, it stores a digest item
 * (sent in the 07:00 Europe/Paris digest), enqueues an immediate email job, or does
 * nothing. It never sends anything itself: call it INSIDE the transaction of the change,
 * so the email exists only if the change commits and leaves only after the commit (the
 * job worker sends it, adding the signed List-Unsubscribe link).
 *
 * Usage (e.g. in a declaration service):
 *
 *   const site = (await deps.settings.get()).name;          // BEFORE the transaction
 *   await inTransaction(db, async (trx) => {
 *     … the change …
 *     await notify(trx, {
 *       accountId: authorId,
 *       kind: 'declaration_validated',
 *       site,
 *       clock: deps.clock,
 *       url: `${origin}/benevolats`,
 *       render: (ctx) => declarationValidatedMail(ctx, declaration.title),
 *     });
 *   });
 *
 * `render` receives `{ site, name, lang }` (the recipient's display name and language)
 * and returns `{ subject, text, html }` (see `render()` in src/mail/templates.ts).
 * Never call `settings.get()` or anything using the main `db` inside the transaction:
 * SQLite has one connection and such a call waits forever.
 *
 * In tests the worker started by test apps sends the email shortly after the request;
 * `await t.services.jobs.drain()` runs every due job at once before reading a mailbox.
 */
import { displayName } from '../accounts/account.view.ts';
import type { Db } from '../db/database.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import type { MailContext, RenderedMail } from '../mail/templates.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import type { NotificationMode } from './notification.table.ts';

/** Kinds a person may set per preference (immediate / digest / none). */
export const NOTIFICATION_KINDS = [
  'declaration_pending',
  'declaration_validated',
  'declaration_rejected',
  'membership_request',
  'membership_approved',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Default for every kind: immediate (a manager of a busy association may choose the digest). */
export const DEFAULT_MODE: NotificationMode = 'immediate';

/** Queue of the immediate emails (job payload: EmailJob). */
export const EMAIL_QUEUE = 'email';

export interface Notification {
  /** The recipient (an account; skipped when not active or without an address). */
  accountId: string;
  kind: NotificationKind;
  /** Name of the instance (`(await settings.get()).name`, read before the transaction). */
  site: string;
  /** Renders the email in the recipient's language. */
  render: (ctx: MailContext) => RenderedMail;
  /** The page the digest links this item to (e.g. the list to act on). */
  url?: string | undefined;
  /** The digest's line for this item; by default the email's first sentence after the greeting. */
  summary?: string | undefined;
  /** Defaults to the system clock; pass the service's clock so tests can move time. */
  clock?: Clock | undefined;
}

/** What notify() did: the mode applied, or `skipped` (no active recipient with an address). */
export type NotifyOutcome = NotificationMode | 'skipped';

/** Payload of an immediate email job. */
export interface EmailJob {
  accountId: string;
  kind: NotificationKind;
  to: string;
  language: 'fr' | 'en';
  subject: string;
  text: string;
  html: string;
}

/** Payload of a digest item: one line of the daily digest. */
export interface DigestPayload {
  subject: string;
  summary: string;
  url: string | null;
}

/** First line of a rendered text after the greeting (render() lays out greeting, blank, lines…). */
export function firstLine(mail: RenderedMail): string {
  const [, ...rest] = mail.text.split('\n');
  return rest.find((l) => l.trim() !== '')?.trim() ?? mail.subject;
}

/** The mode a person chose for a kind (immediate when never set). */
export async function modeOf(db: Db, accountId: string, kind: string): Promise<NotificationMode> {
  const row = await db
    .selectFrom('notification_preferences')
    .select('mode')
    .where('account_id', '=', accountId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.mode ?? DEFAULT_MODE;
}

/**
 * Notifies one person according to their preference for `kind`: enqueues an immediate
 * email job, stores a digest item, or does nothing. Pass the transaction of the change.
 */
export async function notify(db: Db, n: Notification): Promise<NotifyOutcome> {
  const clock = n.clock ?? systemClock;
  const recipient = await db
    .selectFrom('accounts')
    .select(['id', 'email', 'language', 'first_name', 'last_name', 'pseudo', 'former_member_number'])
    .where('id', '=', n.accountId)
    .where('status', '=', 'active')
    .where('email', 'is not', null)
    .$narrowType<{ email: string }>()
    .executeTakeFirst();
  if (!recipient) return 'skipped';
  const mode = await modeOf(db, recipient.id, n.kind);
  if (mode === 'none') return 'none';
  const mail = n.render({ site: n.site, name: displayName(recipient), lang: recipient.language });
  if (mode === 'digest') {
    const payload: DigestPayload = { subject: mail.subject, summary: n.summary ?? firstLine(mail), url: n.url ?? null };
    await db
      .insertInto('digest_items')
      .values({ id: newId(), account_id: recipient.id, kind: n.kind, payload: JSON.stringify(payload), created_at: clock.now().toISOString(), sent_at: null })
      .execute();
    return 'digest';
  }
  const job: EmailJob = { accountId: recipient.id, kind: n.kind, to: recipient.email, language: recipient.language, ...mail };
  await enqueueJob(db, clock, EMAIL_QUEUE, job, { maxAttempts: 8 });
  return 'immediate';
}
