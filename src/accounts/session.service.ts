/**
 * Server-side sessions and personal API tokens. The cookie holds a random token; the
 * database holds only its hash, so a stolen database copy opens no session. Sessions
 * slide forward while used and are revocable one by one or all at once.
 */
import type { Db } from '../db/database.ts';
import { AppError } from '../lib/errors.ts';
import { DAY, MINUTE, isoAfter, type Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { hashToken, hmac, randomToken } from '../lib/secrets.ts';
import { accountRepository, type AccountRow } from './account.repository.ts';
import type { TokenScope } from './account.table.ts';
import { apiTokenRepository, sessionRepository, type ApiTokenRow, type SessionRow } from './session.repository.ts';

export const SESSION_LIFETIME_MS = 30 * DAY;
const TOUCH_EVERY_MS = 5 * MINUTE;

export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
}

export interface ApiTokenView {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

const toTokenView = (t: ApiTokenRow): ApiTokenView => ({
  id: t.id,
  name: t.name,
  scope: t.scope,
  createdAt: t.created_at,
  expiresAt: t.expires_at,
  lastUsedAt: t.last_used_at,
});

export function sessionService(db: Db, clock: Clock, secret: string) {
  const sessions = sessionRepository(db);
  const tokens = apiTokenRepository(db);
  const accounts = accountRepository(db);
  const now = () => clock.now().toISOString();

  return {
    /** The CSRF token is derived from the session id: nothing more to store or rotate. */
    csrfTokenFor(sessionId: string): string {
      return hmac(secret, `csrf:${sessionId}`);
    },

    /** Opens a session (at login, or rotated after a password change). */
    async open(accountId: string, userAgent: string | null): Promise<{ token: string; session: SessionRow }> {
      const token = randomToken('bvs_');
      const session: SessionRow = {
        id: newId(),
        account_id: accountId,
        token_hash: hashToken(token),
        user_agent: userAgent ? userAgent.slice(0, 300) : null,
        created_at: now(),
        last_seen_at: now(),
        expires_at: isoAfter(clock, SESSION_LIFETIME_MS),
      };
      await sessions.insert(session);
      return { token, session };
    },

    /** The session and account behind a cookie value, if still valid and the account active. */
    async resolve(token: string): Promise<{ session: SessionRow; account: AccountRow } | undefined> {
      const session = await sessions.findByHash(hashToken(token));
      if (!session || session.expires_at <= now()) return undefined;
      const account = await accounts.findById(session.account_id);
      if (!account || account.status !== 'active') return undefined;
      if (clock.now().getTime() - new Date(session.last_seen_at).getTime() > TOUCH_EVERY_MS) {
        await sessions.touch(session.id, now(), isoAfter(clock, SESSION_LIFETIME_MS));
      }
      return { session, account };
    },

    async list(accountId: string, currentId: string | undefined): Promise<SessionView[]> {
      return (await sessions.listActive(accountId, now())).map((s) => ({
        id: s.id,
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
        userAgent: s.user_agent,
        current: s.id === currentId,
      }));
    },

    async revoke(accountId: string, sessionId: string): Promise<void> {
      if ((await sessions.delete(sessionId, accountId)) === 0) throw new AppError('not_found', 'not_found');
    },
    revokeOthers: (accountId: string, currentId: string) => sessions.deleteAllOf(accountId, currentId),
    revokeAll: (accountId: string) => sessions.deleteAllOf(accountId),

    // Personal API tokens -------------------------------------------------------------

    /** Creates a token; the secret is returned once and never stored. */
    async createToken(
      accountId: string,
      input: { name: string; scope: TokenScope; expiresInDays: number | null },
    ): Promise<{ token: ApiTokenView; secret: string }> {
      const secretValue = randomToken('bvt_');
      const row: ApiTokenRow = {
        id: newId(),
        account_id: accountId,
        name: input.name,
        scope: input.scope,
        token_hash: hashToken(secretValue),
        created_at: now(),
        expires_at: input.expiresInDays === null ? null : isoAfter(clock, input.expiresInDays * DAY),
        last_used_at: null,
      };
      await tokens.insert(row);
      return { token: toTokenView(row), secret: secretValue };
    },

    async listTokens(accountId: string): Promise<ApiTokenView[]> {
      return (await tokens.listOf(accountId)).map(toTokenView);
    },

    async revokeToken(accountId: string, tokenId: string): Promise<void> {
      if ((await tokens.delete(tokenId, accountId)) === 0) throw new AppError('not_found', 'not_found');
    },

    async resolveToken(secretValue: string): Promise<{ token: ApiTokenRow; account: AccountRow } | undefined> {
      const token = await tokens.findByHash(hashToken(secretValue));
      if (!token || (token.expires_at !== null && token.expires_at <= now())) return undefined;
      const account = await accounts.findById(token.account_id);
      if (!account || account.status !== 'active') return undefined;
      if (!token.last_used_at || clock.now().getTime() - new Date(token.last_used_at).getTime() > MINUTE) {
        await tokens.markUsed(token.id, now());
      }
      return { token, account };
    },
  };
}

export type SessionService = ReturnType<typeof sessionService>;
