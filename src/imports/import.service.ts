/**
 * The import of a Bénévalibre migration file (spec §A11) as a durable job. `start`
 * checks everything (the dry run with the manager's choices) and, only when it is ok,
 * stores the file and the choices in a pending `imports` row and enqueues the `imports`
 * job in the same transaction. `runJob` re-plans (the database may have changed), asks
 * the origin whether the migration is open, writes everything in one quick transaction
 * (import.write.ts), then tells the origin the new address, updating the progress
 * between phases. Idempotent: a job run twice, or the same file imported twice, never
 * duplicates (the file's token, and each action's origin key, are remembered).
 */
import { getLogger } from '@logtape/logtape';
import { displayName } from '../accounts/account.view.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { closeOrigin, type OriginFetch, type OriginOutcome } from './origin.ts';
import { planImport, type DryRunReport, type ImportChoices } from './import.plan.ts';
import type { ImportStatus } from './import.table.ts';
import { writeImport, type AnonymousLink } from './import.write.ts';

const logger = getLogger(['benevalibre', 'imports']);

/** Queue of the import jobs (payload: `{ importId }`). */
export const IMPORT_QUEUE = 'imports';
/** The job's phases, in order: the progress counts them. */
export const IMPORT_PHASES = ['check', 'origin', 'write', 'close'] as const;
const TOTAL = IMPORT_PHASES.length;

export interface ImportServiceDeps {
  db: Db;
  clock: Clock;
  origin: string;
  settings: { get(): Promise<{ name: string; associationCreationOpen: boolean; associationCreationModerated: boolean }> };
  fetch?: OriginFetch | undefined;
}

export interface Importer { accountId: string; label: string; isAdmin?: boolean | undefined }

export interface StartResult {
  importId: string;
  status: ImportStatus;
  /** True when this file was imported (or is being imported) already: nothing new is queued. */
  alreadyImported: boolean;
}

export interface ImportView {
  id: string;
  status: ImportStatus;
  /** 0..1, and the phases done out of the total. */
  progress: number;
  steps: { done: number; total: number; phase: string | null };
  associationId: string | null;
  /** The imported association's address and name, once written. */
  association: { id: string; handle: string; name: string } | null;
  error: string | null;
  createdAt: string;
  report: Record<string, unknown> & { anonymousLinks?: AnonymousLink[]; origin?: OriginOutcome };
}

const fieldsOf = (report: DryRunReport) =>
  report.problems.map((p) => ({ field: `${p.model}:${p.key}:${p.field}`, code: p.code, ...(p.params ? { params: p.params } : {}) }));

export function importService(deps: ImportServiceDeps) {
  const { db, clock, origin } = deps;
  const now = () => clock.now().toISOString();

  async function progress(importId: string, done: number, set: { status?: ImportStatus; report?: string } = {}): Promise<void> {
    await db.updateTable('imports').set({ ...set, progress_done: done, updated_at: now() }).where('id', '=', importId).execute();
  }
  async function fail(importId: string, error: MessageKey, report?: Record<string, unknown>): Promise<void> {
    logger.warn('Import {id} failed: {error}', { id: importId, error });
    await db.updateTable('imports').set({ status: 'failed', error, file: null, updated_at: now(), ...(report ? { report: JSON.stringify(report) } : {}) })
      .where('id', '=', importId).execute();
  }
  /** The file had been imported by another import: this one is done, pointing there. */
  async function alreadyDone(importId: string, previous: { id: string; associationId: string | null }): Promise<void> {
    await db.updateTable('imports').set({
      status: 'done', association_id: previous.associationId, file: null, progress_done: TOTAL, updated_at: now(),
      report: JSON.stringify({ alreadyImported: { importId: previous.id, associationId: previous.associationId } }),
    }).where('id', '=', importId).execute();
  }

  /** Tells the origin the new address when the migration was open there (the last phase; safe to repeat). */
  async function close(importId: string, associationId: string, report: ImportView['report']): Promise<void> {
    const endpoint = typeof report.endpoint === 'string' ? report.endpoint : null;
    const token = typeof report.token === 'string' ? report.token : null;
    const outcome = report.origin === 'open' && endpoint && token
      ? await closeOrigin.close(endpoint, token, `${origin}/associations/${associationId}`, deps.fetch)
      : report.origin ?? 'skipped';
    await progress(importId, TOTAL, { report: JSON.stringify({ ...report, origin: outcome }) });
  }

  return {
    async dryRun(file: unknown, choices: ImportChoices = {}): Promise<DryRunReport> {
      return (await planImport(db, file, choices, clock.now())).report;
    },

    /** Checks everything, then queues the import (nothing of the association is written here). */
    async start(importer: Importer, file: unknown, choices: ImportChoices): Promise<StartResult> {
      // An import creates an association: the same rule as creating one (spec §A2).
      if (!(await deps.settings.get()).associationCreationOpen && !importer.isAdmin) throw new AppError('forbidden', 'association_creation_closed');
      const plan = await planImport(db, file, choices, clock.now());
      const a = plan.archive;
      if (!a || !plan.report.ok) throw new AppError('validation', 'validation_failed', { fields: fieldsOf(plan.report) });
      return inTransaction(db, async (trx) => {
        // One import per file at a time: a pending, running or done one answers for it.
        const current = await trx.selectFrom('imports').select(['id', 'status']).where('file_token', '=', a.metadata.token)
          .where('status', 'in', ['pending', 'running', 'done']).orderBy('created_at').executeTakeFirst();
        if (current) return { importId: current.id, status: current.status, alreadyImported: true };
        const importId = newId();
        await trx.insertInto('imports').values({
          id: importId, file_token: a.metadata.token, association_id: null, status: 'pending', created_by: importer.accountId, created_at: now(), updated_at: now(),
          report: JSON.stringify({ ...plan.report, problems: [] }), file: JSON.stringify(file), choices: JSON.stringify(choices),
          progress_done: 0, progress_total: TOTAL, error: null,
        }).execute();
        await enqueueJob(trx, clock, IMPORT_QUEUE, { importId });
        return { importId, status: 'pending' as const, alreadyImported: false };
      });
    },

    /** The job: re-plan, ask the origin, write in one pass, tell the origin. Safe to run again. */
    async runJob(importId: string): Promise<void> {
      const row = await db.selectFrom('imports').selectAll().where('id', '=', importId).executeTakeFirst();
      if (!row || row.status === 'failed') return;
      const stored = JSON.parse(row.report) as ImportView['report'];
      if (row.status === 'done') {
        // A run stopped after the write (crash): only telling the origin may be left.
        if (row.progress_done < TOTAL && row.association_id) await close(importId, row.association_id, stored);
        return;
      }
      if (row.file === null) return fail(importId, 'import_file_gone');
      const account = row.created_by === null ? undefined
        : await db.selectFrom('accounts').select(['id', 'first_name', 'last_name', 'pseudo', 'former_member_number', 'is_admin']).where('id', '=', row.created_by).where('status', '=', 'active').executeTakeFirst();
      if (!account) return fail(importId, 'import_importer_gone');
      const importer = { accountId: account.id, label: displayName(account) };

      await progress(importId, 0, { status: 'running' });
      const plan = await planImport(db, JSON.parse(row.file) as unknown, JSON.parse(row.choices) as ImportChoices, clock.now());
      const a = plan.archive;
      if (plan.report.alreadyImported) return alreadyDone(importId, { id: plan.report.alreadyImported.importId, associationId: plan.report.alreadyImported.associationId });
      if (!a || !plan.report.ok) return fail(importId, 'import_plan_failed', { ...plan.report });
      await progress(importId, 1);

      const opened = await closeOrigin.check(a.metadata.endpoint, deps.fetch);
      await progress(importId, 2);

      const settings = await deps.settings.get(); // before the transaction (one connection)
      // Under moderation the association waits for an admin's approval, as a created one does.
      const moderated = settings.associationCreationModerated && account.is_admin !== 1;
      const report = { origin: opened, endpoint: a.metadata.endpoint, token: a.metadata.token };
      let outcome;
      try {
        outcome = await writeImport(db, clock, { importId, plan: { ...plan, archive: a }, importer, site: settings.name, origin, report, moderated });
      } catch (error) {
        logger.error('Import {id}: the write failed and was rolled back: {error}', { id: importId, error });
        return fail(importId, 'import_write_failed');
      }
      if (!outcome.written) return alreadyDone(importId, outcome.previous);
      await progress(importId, 3);
      logger.info('Association {id} imported from {endpoint}', { id: outcome.associationId, endpoint: a.metadata.endpoint });
      const written = await db.selectFrom('imports').select('report').where('id', '=', importId).executeTakeFirstOrThrow();
      await close(importId, outcome.associationId, JSON.parse(written.report) as ImportView['report']);
    },

    /** An import as its importer (or an admin) sees it; undefined when not theirs. */
    async view(importId: string, who: { accountId: string; isAdmin: boolean }): Promise<ImportView | undefined> {
      const row = await db.selectFrom('imports').leftJoin('associations as a', 'a.id', 'imports.association_id')
        .select(['imports.id', 'status', 'progress_done', 'progress_total', 'association_id', 'error', 'imports.created_at', 'imports.created_by', 'report', 'a.handle', 'a.name'])
        .where('imports.id', '=', importId).executeTakeFirst();
      if (!row || (row.created_by !== who.accountId && !who.isAdmin)) return undefined;
      const total = Math.max(1, row.progress_total);
      // Done in the database once written; shown running until the origin has been told too.
      const finished = row.status === 'done' && row.progress_done >= row.progress_total;
      const status: ImportStatus = row.status === 'done' && !finished ? 'running' : row.status;
      const done = finished ? total : Math.min(row.progress_done, total);
      const { endpoint: _endpoint, token: _token, ...report } = JSON.parse(row.report) as ImportView['report'];
      return {
        id: row.id, status, progress: done / total, steps: { done, total, phase: finished || row.status === 'failed' ? null : (IMPORT_PHASES[done] ?? null) },
        associationId: row.association_id, association: row.association_id && row.handle && row.name ? { id: row.association_id, handle: row.handle, name: row.name } : null, error: row.error, createdAt: row.created_at, report,
      };
    },
  };
}

/** The imports an account started, newest first (the progress page can be left and found again). */
export async function importsOf(db: Db, accountId: string) {
  const rows = await db.selectFrom('imports').leftJoin('associations as a', 'a.id', 'imports.association_id')
    .select(['imports.id', 'imports.status', 'imports.error', 'imports.created_at', 'a.name', 'a.handle', 'imports.report'])
    .where('imports.created_by', '=', accountId).orderBy('imports.created_at', 'desc').limit(50).execute();
  return rows.map((r) => {
    const report = JSON.parse(r.report) as { counts?: { actions?: number } };
    return { id: r.id, status: r.status, error: r.error, createdAt: r.created_at, association: r.handle && r.name ? { handle: r.handle, name: r.name } : null, actions: report.counts?.actions ?? null };
  });
}

export type ImportService = ReturnType<typeof importService>;
