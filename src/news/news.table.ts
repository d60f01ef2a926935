/** Association news (flow 6): public news also goes to followers; members-only news to members. */
export type NewsVisibility = 'public' | 'members';

export interface NewsTable {
  id: string;
  association_id: string;
  title: string;
  body: string;
  visibility: NewsVisibility;
  author_account_id: string | null;
  published_at: string;
  updated_at: string;
  deleted_at: string | null;
}
