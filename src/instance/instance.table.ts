/** Instance administration: settings (JSON values), announcements, handles, audit trail. */
export interface InstanceSettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

export type AnnouncementAudience = 'everyone' | 'managers';

export interface AnnouncementsTable {
  id: string;
  title: string;
  content: string;
  audience: AnnouncementAudience;
  publish_at: string;
  expire_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type HandleOwner = 'account' | 'association' | 'federation';

export interface HandlesTable {
  handle: string;
  owner_type: HandleOwner;
  owner_id: string;
  created_at: string;
  released_at: string | null;
}

export interface AuditLogTable {
  id: string;
  association_id: string | null;
  actor_account_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  changes: string | null;
  created_at: string;
}
