/**
 * The CEC helper (product §B3): for a volunteer and a calendar year, their validated hours
 * in each association — of this site and of other sites — the hints, the deadlines and a
 * summary to copy into « Le Compte Bénévole »; for an association, the « valideur CEC » its
 * managers designate among its members, and the list of the volunteers who may be
 * eligible for a year, which only the valideurs and the managers see.
 * Rules (thresholds, deadlines) are in cec.rules.ts; the summary text in cec.summary.ts.
 */
import { displayName } from '../accounts/account.view.ts';
import { auditService } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { accessTo, accountIdOf, todayIn, type Asker } from '../memberships/access.ts';
import type { MemberFunction } from '../memberships/membership.table.ts';
import { requirePermission } from '../memberships/policy.ts';
import { cecDeadlines, cecHints, CEC_ONE_ASSOCIATION_MINUTES, countsForCec, functionOf, isRna, isSiren, yearRange, type CecDeadlines, type CecHints } from './cec.rules.ts';
import { cecRepository } from './cec.repository.ts';
import { cecSummary } from './cec.summary.ts';
import { remoteIdentifiers } from './remote-identifiers.ts';

/** Dates are those of France (product §C): the CEC's deadlines are French ones. */
export const CEC_TIME_ZONE = 'Europe/Paris';
export const FIRST_YEAR = 2000;

export interface CecAssociationView {
  kind: 'local' | 'remote';
  /** The association's id here, or its Group's id on the other site. */
  id: string;
  name: string;
  /** The other site's address (host), null for this site. */
  site: string | null;
  /** Its page: a path here, an address on the other site. */
  link: string | null;
  rna: string | null;
  siren: string | null;
  function: MemberFunction;
  /** Whether these hours count for the CEC (function governance or supervision). */
  counts: boolean;
  minutes: number;
  actions: number;
}

export interface MyCecView {
  year: number;
  years: number[];
  today: string;
  associations: CecAssociationView[];
  hints: CecHints;
  deadlines: CecDeadlines;
  summary: string;
  validatorOf: { id: string; handle: string; name: string }[];
}

export interface EligibleView {
  accountId: string;
  membershipId: string | null;
  displayName: string;
  site: string | null;
  function: MemberFunction;
  minutes: number;
  actions: number;
  oneAssociationReached: boolean;
  functionCounts: boolean;
  /** ≥ 100 h here with a function that counts: the other 100 h may be elsewhere, only the volunteer knows. */
  mayBeEligible: boolean;
}

export interface AssociationCecView {
  association: { id: string; handle: string; name: string; rna: string | null; siren: string | null };
  year: number;
  deadlines: CecDeadlines;
  items: EligibleView[];
  validators: { membershipId: string; accountId: string; displayName: string; designatedAt: string }[];
  /** Members who may be designated (for the managers only; empty otherwise). */
  candidates: { membershipId: string; displayName: string }[];
  canDesignate: boolean;
}

const hostOf = (iri: string | null): string | null => {
  if (!iri) return null;
  try {
    return new URL(iri).host;
  } catch {
    return null;
  }
};

/** The year a page opens on: until 30 June the previous year is the one to declare. */
export function defaultYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5) <= '06-30' ? year - 1 : year;
}

function checkedYear(year: number | undefined, today: string): number {
  const current = Number(today.slice(0, 4));
  if (year === undefined) return defaultYear(today);
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > current) throw fieldError('year', 'cec_year_invalid', { max: current });
  return year;
}

export function cecService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const today = () => todayIn(CEC_TIME_ZONE, clock.now());

  /** Validated hours per association (here and elsewhere) for one account and year. */
  async function hoursOf(accountId: string, year: number): Promise<CecAssociationView[]> {
    const repo = cecRepository(db);
    const [from, to] = yearRange(year);
    const local = await repo.localHours(accountId, from, to);
    const remote = await repo.remoteHours(accountId, from, to);
    const groups = await repo.remoteGroups(accountId, remote.map((r) => r.group_iri));
    const views: CecAssociationView[] = local.map((r) => {
      const fn = functionOf(r.function);
      return {
        kind: 'local', id: r.association_id, name: r.name, site: null, link: `/associations/${encodeURIComponent(r.handle)}`,
        rna: isRna(r.rna_number) ? r.rna_number : null, siren: isSiren(r.siren) ? r.siren : null,
        function: fn, counts: countsForCec(fn), minutes: Number(r.minutes), actions: Number(r.actions),
      };
    });
    for (const r of remote) {
      const group = groups.find((g) => g.iri === r.group_iri);
      const fn = functionOf(group?.function);
      const ids = remoteIdentifiers(group?.document ?? null);
      views.push({
        kind: 'remote', id: r.group_iri, name: group?.name ?? hostOf(r.group_iri) ?? r.group_iri, site: group?.host ?? hostOf(r.group_iri),
        link: group?.url ?? null, rna: ids.rna, siren: ids.siren, function: fn, counts: countsForCec(fn),
        minutes: Number(r.minutes), actions: Number(r.actions),
      });
    }
    // Most hours first: the association that may carry the 100 h comes first.
    return views.sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name, 'fr'));
  }

  return {
    hoursOf,

    /** The volunteer's CEC page for a year (default: the one to declare now). */
    async mine(asker: Asker, year?: number): Promise<MyCecView> {
      const accountId = accountIdOf(asker);
      const now = today();
      const chosen = checkedYear(year, now);
      const repo = cecRepository(db);
      const associations = await hoursOf(accountId, chosen);
      const hints = cecHints(associations);
      const deadlines = cecDeadlines(chosen, now);
      const account = await db.selectFrom('accounts').select(['first_name', 'last_name', 'pseudo', 'former_member_number']).where('id', '=', accountId).executeTakeFirstOrThrow();
      const years = [...new Set([Number(now.slice(0, 4)), defaultYear(now), chosen, ...(await repo.years(accountId))])].sort((a, b) => b - a);
      return {
        year: chosen, years, today: now, associations, hints, deadlines,
        summary: cecSummary({ year: chosen, volunteer: displayName(account), associations, hints, deadlines }),
        validatorOf: await repo.validatorOf(accountId),
      };
    },

    /** The association's list for a year: valideurs CEC and managers only. */
    async association(asker: Asker, ref: string, year?: number): Promise<AssociationCecView> {
      const accountId = accountIdOf(asker);
      const { association, standing } = await accessTo(db, asker, ref);
      const repo = cecRepository(db);
      const canDesignate = standing.permissions.manage_association;
      if (!canDesignate && !(standing.isMember && (await repo.isValidator(association.id, accountId)))) throw new AppError('forbidden', 'forbidden');
      const now = today();
      const chosen = checkedYear(year, now);
      const [from, to] = yearRange(chosen);
      const items = (await repo.eligible(association.id, from, to))
        .map((r): EligibleView => {
          const fn = functionOf(r.function);
          const minutes = Number(r.minutes);
          const oneAssociationReached = minutes >= CEC_ONE_ASSOCIATION_MINUTES;
          return {
            accountId: r.account_id, membershipId: r.membership_id, displayName: displayName(r), site: hostOf(r.remote_iri), function: fn,
            minutes, actions: Number(r.actions), oneAssociationReached, functionCounts: countsForCec(fn), mayBeEligible: oneAssociationReached && countsForCec(fn),
          };
        })
        .sort((a, b) => Number(b.mayBeEligible) - Number(a.mayBeEligible) || b.minutes - a.minutes || a.displayName.localeCompare(b.displayName, 'fr'));
      const validators = (await repo.validators(association.id)).map((v) => ({ membershipId: v.membership_id, accountId: v.account_id, displayName: displayName(v), designatedAt: v.designated_at }));
      const candidates = canDesignate
        ? (await repo.candidates(association.id))
            .filter((c) => !validators.some((v) => v.membershipId === c.membership_id))
            .map((c) => ({ membershipId: c.membership_id, displayName: displayName(c) }))
            .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'))
        : [];
      return {
        association: {
          id: association.id, handle: association.handle, name: association.name,
          rna: isRna(association.rna_number) ? association.rna_number : null, siren: isSiren(association.siren) ? association.siren : null,
        },
        year: chosen, deadlines: cecDeadlines(chosen, now), items, validators, candidates, canDesignate,
      };
    },

    /** Names a member valideur CEC (managers): an active member with an account of this site. */
    async designate(asker: Asker, ref: string, membershipId: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_association');
        const repo = cecRepository(trx);
        const member = await repo.membership(association.id, membershipId);
        if (!member) throw new AppError('not_found', 'not_found');
        // The valideur signs in to « Le Compte Bénévole » and reads the list here: a person of this site, member now.
        if (member.status !== 'active') throw fieldError('membershipId', 'cec_validator_not_active');
        if (member.account_status !== 'active') throw fieldError('membershipId', 'cec_validator_not_local');
        if (await repo.isValidatorMembership(membershipId)) return;
        await repo.designate({ membership_id: membershipId, association_id: association.id, designated_by: asker.actor.accountId, designated_at: clock.now().toISOString() });
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'cec.validator.add', targetType: 'membership', targetId: membershipId, changes: { cecValidator: [false, true] },
        });
      });
    },

    /** Withdraws the designation (managers); a valideur may also step down. */
    async revoke(asker: Asker, ref: string, membershipId: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        const own = standing.membership?.id === membershipId;
        if (!own) requirePermission(standing, 'manage_association');
        const removed = await cecRepository(trx).revoke(association.id, membershipId);
        if (removed === 0) throw new AppError('not_found', 'not_found');
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'cec.validator.remove', targetType: 'membership', targetId: membershipId, changes: { cecValidator: [true, false] },
        });
      });
    },
  };
}

export type CecService = ReturnType<typeof cecService>;
