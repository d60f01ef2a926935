/** Email preferences per person and kind (immediate, daily digest, none) and digest items. */
export type NotificationMode = 'immediate' | 'digest' | 'none';

export interface NotificationPreferencesTable {
  account_id: string;
  kind: string;
  mode: NotificationMode;
}

export interface DigestItemsTable {
  id: string;
  account_id: string;
  kind: string;
  payload: string;
  created_at: string;
  sent_at: string | null;
}
