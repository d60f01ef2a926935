/**
 * What the declaration services share: who may read a declaration (its author, those
 * who manage declarations, admins — others get 404, as if it did not exist), the
 * viewer's rights toward it, its JSON, and the emails about it (through notify(), inside
 * the transaction, so they leave only once the change is committed).
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import type { Asker } from '../memberships/access.ts';
import { membershipRepository, type AssociationRow } from '../memberships/membership.repository.ts';
import { standingIn, type Standing } from '../memberships/policy.ts';
import { notify } from '../notifications/notifier.ts';
import { declarationPendingMail, declarationRejectedMail, declarationValidatedMail, type DeclarationBrief } from './declaration.mails.ts';
import { declarationRepository, type DeclarationRow, type DeclarationViewRow } from './declaration.repository.ts';
import { formatDistance } from './declaration.rules.ts';
import { isAuthor, toDeclarationView, type DeclarationView, type Rights } from './declaration.view.ts';

export interface DeclarationDeps {
  db: Db;
  clock: Clock;
  origin: string;
  settings: { get(): Promise<{ name: string }> };
}

export const PAGE_SIZE = 20;

/** The viewer's rights in one association, from their standing there. */
export function rightsOf(asker: Asker, standing: Standing): Rights {
  const v = asker.viewer;
  return {
    accountId: v.kind === 'account' ? v.accountId : null,
    anonymousMemberId: v.kind === 'anonymous' && standing.isAnonymousMember ? v.anonymousMemberId : null,
    manages: standing.permissions.manage_declarations,
    active: standing.isMember || standing.isAnonymousMember,
  };
}

export interface Loaded {
  declaration: DeclarationRow;
  association: AssociationRow;
  standing: Standing;
  rights: Rights;
}

/** A declaration the asker may read, with their standing in its association; 404 otherwise. */
export async function loadReadable(trx: Db, asker: Asker, id: string): Promise<Loaded> {
  const declaration = await declarationRepository(trx).find(id);
  if (!declaration) throw new AppError('not_found', 'not_found');
  const association = await membershipRepository(trx).findAssociation(declaration.association_id);
  if (!association) throw new AppError('not_found', 'not_found');
  const standing = await standingIn(trx, asker.viewer, association.id);
  const rights = rightsOf(asker, standing);
  if (!rights.manages && !isAuthor(declaration, rights)) throw new AppError('not_found', 'not_found');
  return { declaration, association, standing, rights };
}

/** The JSON of a declaration for a viewer with these rights. */
export async function viewOf(trx: Db, id: string, rights: Rights): Promise<DeclarationView> {
  const row = await declarationRepository(trx).view(id);
  if (!row) throw new AppError('not_found', 'not_found');
  return toDeclarationView(row, rights);
}

export const briefOf = (d: DeclarationRow | DeclarationViewRow, association: string): DeclarationBrief => ({
  association,
  title: d.title,
  date: d.date,
  durationMinutes: d.duration_minutes,
  distanceKm: formatDistance(d.distance_hundredths),
});

/** Emails about one declaration; `site` is read before the transaction (one SQLite connection). */
export function declarationNotices(deps: DeclarationDeps, trx: Db, site: string) {
  const { origin, clock } = deps;
  const mine = `${origin}/mes-benevolats`;
  return {
    /** To every member who may approve it, except the one who just sent it. */
    async pending(d: DeclarationRow, association: AssociationRow, authorName: string, except: string | null): Promise<void> {
      const url = `${origin}/associations/${association.handle}/declarations`;
      const brief = briefOf(d, association.name);
      for (const accountId of await declarationRepository(trx).approvers(association.id)) {
        if (accountId === except) continue;
        await notify(trx, { accountId, kind: 'declaration_pending', site, clock, url, render: (ctx) => declarationPendingMail(ctx, brief, authorName, url) });
      }
    },
    /** To its author (an account), unless they validated it themselves. */
    async validated(d: DeclarationRow, association: AssociationRow, minutes: number, reason: string | null, by: string | null): Promise<void> {
      if (d.author_type !== 'account' || !d.author_account_id || d.author_account_id === by) return;
      const brief = briefOf(d, association.name);
      await notify(trx, {
        accountId: d.author_account_id, kind: 'declaration_validated', site, clock, url: mine,
        render: (ctx) => declarationValidatedMail(ctx, brief, { minutes, reason }, mine),
      });
    },
    /** To its author (an account), with the reason. */
    async rejected(d: DeclarationRow, association: AssociationRow, reason: string, by: string | null): Promise<void> {
      if (d.author_type !== 'account' || !d.author_account_id || d.author_account_id === by) return;
      const brief = briefOf(d, association.name);
      await notify(trx, {
        accountId: d.author_account_id, kind: 'declaration_rejected', site, clock, url: mine,
        render: (ctx) => declarationRejectedMail(ctx, brief, reason, mine),
      });
    },
  };
}
