/** The durable job queue and the key-value store (also used by Fedify). */
export interface JobsTable {
  id: string;
  queue: string;
  payload: string;
  ordering_key: string | null;
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  failed_at: string | null;
}

export interface KvTable {
  key: string;
  value: string;
  expires_at: string | null;
}
