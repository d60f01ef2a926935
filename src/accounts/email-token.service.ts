/**
 * Single-use, expiring links sent by email (activation, password reset, email change).
 * Only a hash is stored; a new link of one purpose cancels the older ones.
 */
import type { Db } from '../db/database.ts';
import { AppError } from '../lib/errors.ts';
import { DAY, isoAfter, type Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { hashToken, randomToken } from '../lib/secrets.ts';
import type { EmailTokenPurpose } from './account.table.ts';
import { emailTokenRepository, type EmailTokenRow } from './session.repository.ts';

export const EMAIL_TOKEN_LIFETIME_MS = 3 * DAY;

export function emailTokenService(db: Db, clock: Clock) {
  const repo = emailTokenRepository(db);
  return {
    /** Issues a new link token for the account and cancels older ones of the same purpose. */
    async issue(accountId: string, purpose: EmailTokenPurpose, newEmail: string | null = null): Promise<string> {
      const token = randomToken();
      const now = clock.now().toISOString();
      await repo.invalidateOpen(accountId, purpose, now);
      await repo.insert({
        id: newId(),
        account_id: accountId,
        purpose,
        token_hash: hashToken(token),
        new_email: newEmail,
        created_at: now,
        expires_at: isoAfter(clock, EMAIL_TOKEN_LIFETIME_MS),
        used_at: null,
      });
      return token;
    },
    /** Checks a token without using it up (so a refused new password keeps the link valid). */
    async check(token: string, purpose: EmailTokenPurpose): Promise<EmailTokenRow> {
      const row = await repo.findByHash(hashToken(token), purpose);
      if (!row || row.used_at) throw new AppError('validation', 'token_invalid', { fields: [{ field: 'token', code: 'token_invalid' }] });
      if (row.expires_at <= clock.now().toISOString()) {
        throw new AppError('gone', 'token_expired', { fields: [{ field: 'token', code: 'token_expired' }] });
      }
      return row;
    },
    /** Uses the token up; fails if another request used it first. */
    async consume(row: EmailTokenRow): Promise<void> {
      if (!(await repo.consume(row.id, clock.now().toISOString()))) {
        throw new AppError('validation', 'token_invalid', { fields: [{ field: 'token', code: 'token_invalid' }] });
      }
    },
    /** Cancels unused links of these purposes (e.g. reset links once the password or the address changed). */
    async cancel(accountId: string, purposes: EmailTokenPurpose[]): Promise<void> {
      for (const purpose of purposes) await repo.invalidateOpen(accountId, purpose, clock.now().toISOString());
    },
    deleteAllOf: (accountId: string) => repo.deleteAllOf(accountId),
  };
}

export type EmailTokenService = ReturnType<typeof emailTokenService>;
