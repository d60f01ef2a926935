import type { ColumnType } from 'kysely';

/** Row types of the accounts tables (snake_case as stored). */

/** 'remote': a Person of another site that joined one of our associations (never logs in, never emailed). */
export type AccountStatus = 'inactive' | 'active' | 'disabled' | 'deleted' | 'remote';
export type Theme = 'light' | 'dark' | 'auto';
export type Language = 'fr' | 'en';

export interface AccountsTable {
  id: string;
  email: string | null;
  password_hash: string | null;
  first_name: string | null;
  last_name: string | null;
  pseudo: string | null;
  theme: Theme;
  language: Language;
  is_admin: number;
  status: AccountStatus;
  terms_accepted_at: string | null;
  age_confirmed_at: string | null;
  former_member_number: number | null;
  created_at: string;
  updated_at: string;
  activated_at: string | null;
  deleted_at: string | null;
  /** The account's handle in the instance's namespace (future actor name); set at registration. */
  handle: string | null;
  /** The actor id of a remote account (status 'remote'); null for our own accounts. */
  remote_iri: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AvatarsTable {
  account_id: string;
  mime: string;
  data: Uint8Array;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  token_hash: string;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export type TokenScope = 'read' | 'write';

export interface ApiTokensTable {
  id: string;
  account_id: string;
  name: string;
  scope: TokenScope;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

export type EmailTokenPurpose = 'activation' | 'password_reset' | 'email_change';

export interface EmailTokensTable {
  id: string;
  account_id: string;
  purpose: EmailTokenPurpose;
  token_hash: string;
  new_email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

