/**
 * Keyset pages of declarations for the exports, in the lists' order (spec §A4): pending
 * first, then newest by date, then by creation. Each page starts after the last row of
 * the previous one, so a page costs the same at the start and at the end of a million.
 */
import type { Db } from '../db/database.ts';
import { filteredDeclarations, type DeclarationFilter } from '../declarations/declaration.repository.ts';
import type { ExportRow } from './export-format.ts';

/** Where the previous page ended. */
export interface Cursor {
  date: string;
  created_at: string;
  id: string;
}

/** The pending declarations first, then the others: each part in date, creation, id order (descending). */
export type Part = 'pending' | 'others';

/** The parts an export reads, given the status filter. */
export function partsFor(filter: DeclarationFilter): Part[] {
  if (!filter.status) return ['pending', 'others'];
  return filter.status === 'pending' ? ['pending'] : ['others'];
}

export function exportRepository(db: Db) {
  return {
    page(filter: DeclarationFilter, part: Part, after: Cursor | null, limit: number): Promise<ExportRow[]> {
      let q = filteredDeclarations(db, filter);
      q = part === 'pending' ? q.where('declarations.status', '=', 'pending') : q.where('declarations.status', '!=', 'pending');
      if (after) {
        q = q.where((eb) =>
          eb(eb.refTuple('declarations.date', 'declarations.created_at', 'declarations.id'), '<', eb.tuple(after.date, after.created_at, after.id)),
        );
      }
      return q
        .innerJoin('associations', 'associations.id', 'declarations.association_id')
        .innerJoin('categories', 'categories.id', 'declarations.category_id')
        .leftJoin('projects', 'projects.id', 'declarations.project_id')
        .leftJoin('levels', 'levels.id', 'declarations.level_id')
        .leftJoin('accounts', 'accounts.id', 'declarations.author_account_id')
        .leftJoin('anonymous_members', 'anonymous_members.id', 'declarations.author_anonymous_id')
        .leftJoin('validations', 'validations.id', 'declarations.validation_id')
        .select([
          'declarations.id',
          'declarations.date',
          'declarations.end_date',
          'declarations.created_at',
          'declarations.status',
          'declarations.title',
          'declarations.description',
          'declarations.duration_minutes',
          'declarations.distance_hundredths',
          'declarations.author_type',
          'accounts.first_name',
          'accounts.last_name',
          'accounts.pseudo',
          'accounts.former_member_number',
          'anonymous_members.name as anonymous_name',
          'associations.name as association_name',
          'categories.name as category_name',
          'projects.name as project_name',
          'levels.name as level_name',
          'validations.validated_minutes',
        ])
        .orderBy('declarations.date', 'desc')
        .orderBy('declarations.created_at', 'desc')
        .orderBy('declarations.id', 'desc')
        .limit(limit)
        .execute();
    },
  };
}
