/** The whole database as Kysely sees it: each feature contributes its tables. */
import type {
  AccountsTable,
  ApiTokensTable,
  AvatarsTable,
  EmailTokensTable,
  SessionsTable,
} from '../accounts/account.table.ts';

export interface Database {
  accounts: AccountsTable;
  avatars: AvatarsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  email_tokens: EmailTokensTable;
}
