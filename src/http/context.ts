/** What every request carries through Hono's context. */
import type { IncomingMessage } from 'node:http';
import type { Language } from '../i18n/messages.ts';
import type { AccountRow } from '../accounts/account.repository.ts';
import type { TokenScope } from '../accounts/account.table.ts';

export interface Authentication {
  account: AccountRow;
  /** 'session' = browser cookie (CSRF applies); 'token' = personal API token (Bearer). */
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  scope: TokenScope;
}

/** An anonymous member's link session (spec §A3): set only when no account is logged in. */
export interface AnonymousAccess {
  sessionId: string;
  anonymousMemberId: string;
  associationId: string;
  csrfToken: string;
}

export interface AppEnv {
  /** Set by @hono/node-server; absent under app.request() in tests. */
  Bindings: { incoming?: IncomingMessage } | undefined;
  Variables: {
    requestId: string;
    lang: Language;
    clientIp: string;
    auth: Authentication | undefined;
    anonymous: AnonymousAccess | undefined;
  };
}
