/**
 * The jobs that send notifications: the immediate email (enqueued by notify() inside the
 * change's transaction) and the daily digest — at 07:00 Europe/Paris a `digest` job
 * fans out one `digest_email` job per person with unsent items, then schedules the next
 * day's. Every job is idempotent: a job retried after a crash sends at most what is
 * still unsent (an email may leave twice only if the crash falls between the SMTP
 * answer and the commit that marks it sent).
 */
import { getLogger } from '@logtape/logtape';
import { displayName } from '../accounts/account.view.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { jobRepository } from '../jobs/job.repository.ts';
import type { JobHandler } from '../jobs/worker.ts';
import type { Clock } from '../lib/clock.ts';
import type { Mailer } from '../mail/mailer.ts';
import { nextDigestAt } from './digest-time.ts';
import { digestMail, withPreferencesFooter } from './notification.mails.ts';
import { EMAIL_QUEUE, type DigestPayload, type EmailJob } from './notifier.ts';
import { unsubscribeUrl } from './unsubscribe.ts';

const logger = getLogger(['benevalibre', 'notifications']);

export const DIGEST_QUEUE = 'digest';
export const DIGEST_EMAIL_QUEUE = 'digest_email';

export interface NotificationJobDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  origin: string;
  secret: string;
  settings: { get(): Promise<{ name: string }> };
}

interface DigestJob {
  date: string;
}

interface DigestEmailJob {
  accountId: string;
  /** Items created up to this instant belong to this digest. */
  until: string;
}

function activeRecipient(db: Db, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'email', 'language', 'first_name', 'last_name', 'pseudo', 'former_member_number'])
    .where('id', '=', accountId)
    .where('status', '=', 'active')
    .where('email', 'is not', null)
    .$narrowType<{ email: string }>()
    .executeTakeFirst();
}

export function notificationJobs(deps: NotificationJobDeps) {
  const { db, clock, mailer, origin, secret, settings } = deps;
  const preferencesUrl = `${origin}/profil`;

  /** Makes sure the next digest is in the queue (its id, named by the date, keeps it unique). */
  async function scheduleDigest(trx: Db = db): Promise<void> {
    const now = clock.now();
    const next = nextDigestAt(now);
    const payload: DigestJob = { date: next.date };
    await jobRepository(trx).insertIfAbsent(
      { id: `digest:${next.date}`, queue: DIGEST_QUEUE, payload, runAt: next.at.toISOString() },
      now.toISOString(),
    );
  }

  const sendEmail: JobHandler = async (payload) => {
    const job = payload as EmailJob;
    // An account deleted or disabled since: its address must no longer be used.
    if (!(await activeRecipient(db, job.accountId))) return;
    const mail = withPreferencesFooter(job, job.language, preferencesUrl);
    await mailer.send({
      to: job.to,
      language: job.language,
      ...mail,
      listUnsubscribe: unsubscribeUrl(origin, secret, { accountId: job.accountId, kind: job.kind }),
    });
  };

  const fanOutDigest: JobHandler = async (_payload, { job }) => {
    const until = job.run_at;
    await inTransaction(db, async (trx) => {
      await scheduleDigest(trx); // first: the chain of daily digests never breaks
      const accounts = await trx
        .selectFrom('digest_items')
        .select('account_id')
        .distinct()
        .where('sent_at', 'is', null)
        .where('created_at', '<=', until)
        .execute();
      const now = clock.now().toISOString();
      for (const { account_id } of accounts) {
        const email: DigestEmailJob = { accountId: account_id, until };
        await jobRepository(trx).insertIfAbsent(
          { id: `${job.id}:${account_id}`, queue: DIGEST_EMAIL_QUEUE, payload: email, runAt: now, maxAttempts: 8 },
          now,
        );
      }
    });
  };

  const sendDigest: JobHandler = async (payload) => {
    const { accountId, until } = payload as DigestEmailJob;
    const items = await db
      .selectFrom('digest_items')
      .select(['id', 'payload'])
      .where('account_id', '=', accountId)
      .where('sent_at', 'is', null)
      .where('created_at', '<=', until)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    if (items.length === 0) return;
    const recipient = await activeRecipient(db, accountId);
    if (recipient) {
      const site = (await settings.get()).name;
      const mail = digestMail(
        { site, name: displayName(recipient), lang: recipient.language },
        items.map((i) => JSON.parse(i.payload) as DigestPayload),
        preferencesUrl,
      );
      await mailer.send({
        to: recipient.email,
        language: recipient.language,
        ...mail,
        listUnsubscribe: unsubscribeUrl(origin, secret, { accountId, kind: 'digest' }),
      });
    } else {
      logger.info('Digest of an inactive account dropped ({count} items)', { count: items.length });
    }
    await db
      .updateTable('digest_items')
      .set({ sent_at: clock.now().toISOString() })
      .where('id', 'in', items.map((i) => i.id))
      .execute();
  };

  return {
    handlers: { [EMAIL_QUEUE]: sendEmail, [DIGEST_QUEUE]: fanOutDigest, [DIGEST_EMAIL_QUEUE]: sendDigest } satisfies Record<string, JobHandler>,
    scheduleDigest,
  };
}
