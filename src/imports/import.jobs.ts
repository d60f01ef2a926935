/**
 * The durable jobs of imports: the import itself (payload `{ importId }`) and its
 * emails (set-password and « association migrée »), enqueued in the import's
 * transaction so they leave only if the association was written.
 */
import type { JobHandler } from '../jobs/worker.ts';
import type { Mailer } from '../mail/mailer.ts';
import { IMPORT_QUEUE, importService, type ImportServiceDeps } from './import.service.ts';
import { IMPORT_EMAIL_QUEUE, type ImportEmail } from './import.write.ts';

export function importJobs(deps: ImportServiceDeps & { mailer: Mailer }) {
  const imports = importService(deps);
  const runImport: JobHandler = async (payload) => {
    const { importId } = payload as { importId: string };
    await imports.runJob(importId);
  };
  const sendEmail: JobHandler = async (payload) => {
    const { to, language, subject, text, html } = payload as ImportEmail;
    await deps.mailer.send({ to, language, subject, text, html });
  };
  return { handlers: { [IMPORT_QUEUE]: runImport, [IMPORT_EMAIL_QUEUE]: sendEmail } satisfies Record<string, JobHandler> };
}
