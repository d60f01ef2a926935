/**
 * Exports of the two declaration lists (spec §A7) with their current filters: CSV, ODS
 * or JSON, streamed. Rows come in keyset pages of PAGE_SIZE, read only when the client
 * asks for more (the stream pulls), through a read-only connection when the database
 * is a file: an export of a million declarations holds one page in memory and never
 * holds the app's connection for more than one page.
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import type { Language } from '../i18n/messages.ts';
import { declarationQueries, type AssociationFilter, type MyFilter } from '../declarations/declaration-queries.service.ts';
import type { DeclarationFilter } from '../declarations/declaration.repository.ts';
import { membershipRepository } from '../memberships/membership.repository.ts';
import { todayIn, type Asker } from '../memberships/access.ts';
import type { ExportRow } from './export-format.ts';
import { exportRepository, partsFor, type Cursor } from './export.repository.ts';
import { openReader } from './export.reader.ts';
import { CONTENT_TYPES, csv, json, ods, type ExportFormat } from './export-writers.ts';

export const PAGE_SIZE = 1000;

export interface ExportFile {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

export interface ExportDeps {
  db: Db;
  clock: Clock;
  databaseFile: string | null;
  /** Rows per keyset page (tests use small pages to cross page boundaries). */
  pageSize?: number;
}

/** A pull stream over an async generator: the next chunk is made only when asked for. */
function pullStream(source: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await source.next();
          if (done) controller.close();
          else controller.enqueue(value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await source.return(undefined); // runs the generators' `finally`: the read-only connection closes
      },
    },
    { highWaterMark: 1 },
  );
}

export function exportService(deps: ExportDeps) {
  const { db, clock, databaseFile } = deps;
  const pageSize = deps.pageSize ?? PAGE_SIZE;
  const queries = declarationQueries({ db });

  /** Every matching row, page after page; the connection opens at the first page and closes after the last. */
  async function* pages(filter: DeclarationFilter): AsyncGenerator<ExportRow[]> {
    const reader = openReader(db, databaseFile);
    try {
      const repo = exportRepository(reader.db);
      for (const part of partsFor(filter)) {
        let after: Cursor | null = null;
        for (;;) {
          const rows = await repo.page(filter, part, after, pageSize);
          if (rows.length > 0) yield rows;
          // better-sqlite3 answers synchronously and a fast client keeps pulling: without a
          // turn of the event loop between pages, no other request would be served meanwhile.
          await new Promise((resolve) => setImmediate(resolve));
          if (rows.length < pageSize) break;
          const last = rows.at(-1)!;
          after = { date: last.date, created_at: last.created_at, id: last.id };
        }
      }
    } finally {
      await reader.close();
    }
  }

  function file(filter: DeclarationFilter, format: ExportFormat, lang: Language, name: string): ExportFile {
    const now = clock.now();
    const day = todayIn('Europe/Paris', now);
    const source =
      format === 'csv' ? csv(pages(filter), lang) : format === 'ods' ? ods(pages(filter), lang, now, lang === 'fr' ? 'Bénévolat' : 'Volunteering') : json(pages(filter), lang);
    return { filename: `benevolat-${name}-${day}.${format}`, contentType: CONTENT_TYPES[format], body: pullStream(source) };
  }

  /** The handle of an association for the file name (handles are ASCII slugs). */
  async function handleOf(associationId: string | undefined): Promise<string | null> {
    if (!associationId) return null;
    return (await membershipRepository(db).findAssociation(associationId))?.handle ?? null;
  }

  return {
    /** « Mes bénévolats » exported: the asker's own declarations (an account's, or an anonymous member's). */
    async mine(asker: Asker, f: Omit<MyFilter, 'page'>, format: ExportFormat, lang: Language): Promise<ExportFile> {
      const filter = await queries.myFilter(asker, { ...f, page: 1 });
      const name = f.associationId ? ((await handleOf(filter.associationId)) ?? 'mes-benevolats') : 'mes-benevolats';
      return file(filter, format, lang, name);
    },

    /** The association's list exported (manageDeclarations, like the list). */
    async ofAssociation(asker: Asker, ref: string, f: Omit<AssociationFilter, 'page'>, format: ExportFormat, lang: Language): Promise<ExportFile> {
      const { filter } = await queries.associationFilter(asker, ref, { ...f, page: 1 });
      return file(filter, format, lang, (await handleOf(filter.associationId)) ?? 'association');
    },
  };
}

export type ExportService = ReturnType<typeof exportService>;
