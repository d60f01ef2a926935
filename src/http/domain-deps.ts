/** What createApp hands every domain router; routers build their services from it. */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { RateLimiter } from '../lib/rate-limiter.ts';
import type { ThrottleRules } from './throttle.ts';
import type { SettingsService } from '../instance/settings.service.ts';
import type { AccountService } from '../accounts/account.service.ts';
import type { SessionService } from '../accounts/session.service.ts';

export interface DomainDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  origin: string;
  secure: boolean;
  settings: SettingsService;
  accounts: AccountService;
  sessions: SessionService;
  limiter: RateLimiter;
  rules: ThrottleRules;
  /** The database file, for a second read-only connection (long reads such as exports);
   * null for in-memory test databases, where reads share the main connection. */
  databaseFile: string | null;
  /** Secret of the instance, to sign links (e.g. List-Unsubscribe) without storing them. */
  secret: string;
}
