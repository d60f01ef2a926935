/** SQL for server-side sessions, personal API tokens and single-use email tokens. */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ApiTokensTable, EmailTokenPurpose, EmailTokensTable, SessionsTable } from './account.table.ts';

export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type EmailTokenRow = Selectable<EmailTokensTable>;

export function sessionRepository(db: Db) {
  return {
    async insert(row: Insertable<SessionsTable>): Promise<void> {
      await db.insertInto('sessions').values(row).execute();
    },
    findByHash(tokenHash: string): Promise<SessionRow | undefined> {
      return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    listActive(accountId: string, now: string): Promise<SessionRow[]> {
      return db
        .selectFrom('sessions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('expires_at', '>', now)
        .orderBy('last_seen_at', 'desc')
        .execute();
    },
    async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
    },
    async delete(id: string, accountId: string): Promise<number> {
      const r = await db.deleteFrom('sessions').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async deleteAllOf(accountId: string, exceptId?: string): Promise<void> {
      let q = db.deleteFrom('sessions').where('account_id', '=', accountId);
      if (exceptId) q = q.where('id', '!=', exceptId);
      await q.execute();
    },
    async deleteExpired(now: string): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    },
  };
}

export function apiTokenRepository(db: Db) {
  return {
    async insert(row: Insertable<ApiTokensTable>): Promise<void> {
      await db.insertInto('api_tokens').values(row).execute();
    },
    findByHash(tokenHash: string): Promise<ApiTokenRow | undefined> {
      return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    listOf(accountId: string): Promise<ApiTokenRow[]> {
      return db.selectFrom('api_tokens').selectAll().where('account_id', '=', accountId).orderBy('created_at', 'desc').execute();
    },
    async markUsed(id: string, now: string): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },
    async delete(id: string, accountId: string): Promise<number> {
      const r = await db.deleteFrom('api_tokens').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async deleteAllOf(accountId: string): Promise<void> {
      await db.deleteFrom('api_tokens').where('account_id', '=', accountId).execute();
    },
  };
}

export function emailTokenRepository(db: Db) {
  return {
    async insert(row: Insertable<EmailTokensTable>): Promise<void> {
      await db.insertInto('email_tokens').values(row).execute();
    },
    findByHash(tokenHash: string, purpose: EmailTokenPurpose): Promise<EmailTokenRow | undefined> {
      return db
        .selectFrom('email_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .executeTakeFirst();
    },
    /** Marks the token used only if nobody did before: the row count says who won. */
    async consume(id: string, now: string): Promise<boolean> {
      const r = await db
        .updateTable('email_tokens')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    /** A new link replaces older unused ones of the same purpose. */
    async invalidateOpen(accountId: string, purpose: EmailTokenPurpose, now: string): Promise<void> {
      await db
        .updateTable('email_tokens')
        .set({ used_at: now })
        .where('account_id', '=', accountId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute();
    },
    async deleteAllOf(accountId: string): Promise<void> {
      await db.deleteFrom('email_tokens').where('account_id', '=', accountId).execute();
    },
  };
}

export type SessionRepository = ReturnType<typeof sessionRepository>;
export type ApiTokenRepository = ReturnType<typeof apiTokenRepository>;
export type EmailTokenRepository = ReturnType<typeof emailTokenRepository>;
