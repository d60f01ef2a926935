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
}
