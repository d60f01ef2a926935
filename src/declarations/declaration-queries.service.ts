/**
 * The two declaration lists (spec §A4), pending first then newest, 20 a page:
 * « Mes bénévolats » (a person's own, or an anonymous member's own, with filters
 * association, status, period) and the association's list for those who manage its
 * declarations (filters member, anonymous member, project, category, level, status, period).
 */
import type { Db } from '../db/database.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { accessTo, type Asker } from '../memberships/access.ts';
import { membershipRepository } from '../memberships/membership.repository.ts';
import { requirePermission, standingIn } from '../memberships/policy.ts';
import { PAGE_SIZE, rightsOf } from './declaration.access.ts';
import { declarationRepository, type DeclarationFilter } from './declaration.repository.ts';
import type { DeclarationStatus } from './declaration.table.ts';
import { toDeclarationView, type DeclarationView, type Rights } from './declaration.view.ts';

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface Period {
  status?: DeclarationStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
}

export interface MyFilter extends Period {
  /** Association id or handle. */
  associationId?: string | undefined;
}

export interface AssociationFilter extends Period {
  authorAccountId?: string | undefined;
  authorAnonymousId?: string | undefined;
  projectId?: string | undefined;
  categoryId?: string | undefined;
  levelId?: string | undefined;
}

function checkPeriod(p: Period): void {
  if (p.from && p.to && p.from > p.to) throw fieldError('to', 'declaration_period_order');
}

/** An id no row has: an unknown association filters everything out rather than nothing. */
const NOTHING = '-';

/** The two declaration lists and their filters (shared with the exports). */
export function declarationQueries(deps: { db: Db }) {
  const { db } = deps;

  /**
   * The filter of « Mes bénévolats » for the asker: an account's declarations as author,
   * or an anonymous member's in their one association. Also used by the exports.
   */
  async function myFilter(asker: Asker, f: MyFilter): Promise<DeclarationFilter> {
    checkPeriod(f);
    const period = { status: f.status, from: f.from, to: f.to };
    const v = asker.viewer;
    let associationId: string | undefined;
    if (f.associationId) associationId = (await membershipRepository(db).findAssociation(f.associationId))?.id ?? NOTHING;
    if (v.kind === 'anonymous') {
      if (associationId && associationId !== v.associationId) associationId = NOTHING;
      return { ...period, associationId: associationId ?? v.associationId, authorAnonymousId: v.anonymousMemberId };
    }
    if (v.kind !== 'account') throw new AppError('unauthenticated', 'unauthenticated');
    return { ...period, associationId, authorAccountId: v.accountId };
  }

  /** The filter of an association's list, after checking the asker manages its declarations. */
  async function associationFilter(asker: Asker, ref: string, f: AssociationFilter): Promise<{ filter: DeclarationFilter; rights: Rights }> {
    const { association, standing } = await accessTo(db, asker, ref);
    requirePermission(standing, 'manage_declarations');
    checkPeriod(f);
    const { page: _page, ...rest } = f;
    return { filter: { ...rest, associationId: association.id }, rights: rightsOf(asker, standing) };
  }

  return {
    myFilter,
    associationFilter,

    /** « Mes bénévolats »: the asker's own declarations. */
    async mine(asker: Asker, f: MyFilter): Promise<Paged<DeclarationView>> {
      const filter = await myFilter(asker, f);
      const { rows, total } = await declarationRepository(db).page(filter, f.page, PAGE_SIZE);
      // Rights differ per association (still a member? does it moderate?): one look-up each.
      const rights = new Map<string, Rights>();
      for (const id of new Set(rows.map((r) => r.association_id))) rights.set(id, rightsOf(asker, await standingIn(db, asker.viewer, id)));
      return { items: rows.map((r) => toDeclarationView(r, rights.get(r.association_id)!)), page: f.page, pageSize: PAGE_SIZE, total };
    },

    /** Every declaration of the association (manageDeclarations). */
    async ofAssociation(asker: Asker, ref: string, f: AssociationFilter): Promise<Paged<DeclarationView>> {
      const { filter, rights } = await associationFilter(asker, ref, f);
      const { rows, total } = await declarationRepository(db).page(filter, f.page, PAGE_SIZE);
      return { items: rows.map((r) => toDeclarationView(r, rights)), page: f.page, pageSize: PAGE_SIZE, total };
    },
  };
}
