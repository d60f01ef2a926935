/** Row type of imported Bénévalibre files (spec §A11). */
export type ImportStatus = 'pending' | 'running' | 'done' | 'failed';

export interface ImportsTable {
  id: string;
  /** The file's `metadata.token`: the same file imported twice is recognised. */
  file_token: string;
  association_id: string | null;
  status: ImportStatus;
  /** JSON of the import report. */
  report: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** JSON of the uploaded file while the job waits; cleared once done or failed (personal data). */
  file: string | null;
  /** JSON of the manager's choices (category mappings, another name). */
  choices: string;
  /** Phases done out of the total, for the progress page. */
  progress_done: number;
  progress_total: number;
  /** Message key of the reason, when failed. */
  error: string | null;
}
