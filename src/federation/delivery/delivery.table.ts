/** Row type of raw JSON-LD deliveries (migration 2026-11-27T1720-deliveries). */
export type DeliveryStatus = 'queued' | 'failing' | 'dead';

export interface DeliveriesTable {
  id: string;
  activity_id: string;
  /** An account's or association's UUIDv7, or 'instance'. */
  sender_actor_id: string;
  inbox: string;
  host: string;
  ordering_key: string | null;
  /** JSON-LD document, proof included. */
  body: string;
  status: DeliveryStatus;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}
