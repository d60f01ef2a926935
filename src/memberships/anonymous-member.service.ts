/**
 * Anonymous members (spec §A3): people without an account (children, for example),
 * given a secret link by a member manager. Only the link's hash is stored: the link is
 * shown once, at creation and whenever a new one is asked for (the old one stops working).
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, diff } from '../audit/audit.service.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { hashToken, randomToken } from '../lib/secrets.ts';
import { accessTo, todayIn, type Asker } from './access.ts';
import { anonymousRepository, type AnonymousMemberRow } from './anonymous.repository.ts';
import { requirePermission } from './policy.ts';

export interface AnonymousMemberView {
  id: string;
  name: string;
  expiresOn: string | null;
  isActive: boolean;
  lastVisitAt: string | null;
  createdAt: string;
}

export interface AnonymousMemberInput {
  name: string;
  expiresOn?: string | null | undefined;
  isActive?: boolean | undefined;
}

export type AnonymousMemberPatch = Partial<AnonymousMemberInput>;

export const toAnonymousMemberView = (r: AnonymousMemberRow): AnonymousMemberView => ({
  id: r.id,
  name: r.name,
  expiresOn: r.expires_on,
  isActive: r.is_active === 1,
  lastVisitAt: r.last_visit_at,
  createdAt: r.created_at,
});

const audited = (r: Pick<AnonymousMemberRow, 'name' | 'expires_on' | 'is_active'>) => ({ name: r.name, expires_on: r.expires_on, is_active: r.is_active });
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export function anonymousMemberService(deps: { db: Db; clock: Clock; origin: string }) {
  const { db, clock, origin } = deps;
  const now = () => clock.now().toISOString();
  const linkOf = (key: string) => `${origin}/acces?cle=${key}`;

  /** An expiry date already past (in the association's time zone) would give a dead link. */
  function checkExpiry(expiresOn: string | null | undefined, timeZone: string): void {
    if (expiresOn && expiresOn < todayIn(timeZone, clock.now())) throw fieldError('expiresOn', 'anonymous_expiry_past');
  }

  async function managed(trx: Db, asker: Asker, ref: string) {
    const access = await accessTo(trx, asker, ref);
    requirePermission(access.standing, 'manage_members');
    return access.association;
  }

  async function target(trx: Db, associationId: string, id: string): Promise<AnonymousMemberRow> {
    const row = await anonymousRepository(trx).find(associationId, id);
    if (!row) throw new AppError('not_found', 'not_found');
    return row;
  }

  return {
    async list(asker: Asker, ref: string): Promise<AnonymousMemberView[]> {
      const association = await managed(db, asker, ref);
      return (await anonymousRepository(db).list(association.id)).map(toAnonymousMemberView).sort((a, b) => collator.compare(a.name, b.name));
    },

    /** Creates an anonymous member; the returned link is the only time its key is shown. */
    async create(asker: Asker, ref: string, input: AnonymousMemberInput): Promise<{ anonymousMember: AnonymousMemberView; link: string }> {
      return inTransaction(db, async (trx) => {
        const association = await managed(trx, asker, ref);
        checkExpiry(input.expiresOn, association.time_zone);
        const key = randomToken();
        const row: AnonymousMemberRow = {
          id: newId(),
          association_id: association.id,
          name: input.name.trim(),
          expires_on: input.expiresOn ?? null,
          is_active: input.isActive === false ? 0 : 1,
          secret_hash: hashToken(key),
          last_visit_at: null,
          created_at: now(),
          updated_at: now(),
        };
        await anonymousRepository(trx).insert(row);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'anonymous_member.create',
          targetType: 'anonymous_member',
          targetId: row.id,
          changes: Object.fromEntries(Object.entries(audited(row)).map(([k, v]) => [k, [null, v]])),
        });
        return { anonymousMember: toAnonymousMemberView(row), link: linkOf(key) };
      });
    },

    async update(asker: Asker, ref: string, id: string, patch: AnonymousMemberPatch): Promise<AnonymousMemberView> {
      return inTransaction(db, async (trx) => {
        const association = await managed(trx, asker, ref);
        const row = await target(trx, association.id, id);
        if (patch.expiresOn !== undefined && patch.expiresOn !== row.expires_on) checkExpiry(patch.expiresOn, association.time_zone);
        const after = {
          name: patch.name?.trim() ?? row.name,
          expires_on: patch.expiresOn === undefined ? row.expires_on : patch.expiresOn,
          is_active: patch.isActive === undefined ? row.is_active : patch.isActive ? 1 : 0,
        };
        const changes = diff(audited(row), after);
        if (Object.keys(changes).length === 0) return toAnonymousMemberView(row);
        const repo = anonymousRepository(trx);
        await repo.update(row.id, { ...after, updated_at: now() });
        // A deactivated link ends its open sessions at once, not at their next check.
        if (after.is_active === 0) await repo.deleteSessionsOf(row.id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'anonymous_member.update',
          targetType: 'anonymous_member',
          targetId: row.id,
          changes,
        });
        return toAnonymousMemberView({ ...row, ...after, updated_at: now() });
      });
    },

    /** A new link: the old one stops working, and sessions opened with it end. */
    async newLink(asker: Asker, ref: string, id: string): Promise<{ link: string }> {
      return inTransaction(db, async (trx) => {
        const association = await managed(trx, asker, ref);
        const row = await target(trx, association.id, id);
        const key = randomToken();
        const repo = anonymousRepository(trx);
        await repo.update(row.id, { secret_hash: hashToken(key), updated_at: now() });
        await repo.deleteSessionsOf(row.id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'anonymous_member.new_link',
          targetType: 'anonymous_member',
          targetId: row.id,
        });
        return { link: linkOf(key) };
      });
    },

    async remove(asker: Asker, ref: string, id: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        const association = await managed(trx, asker, ref);
        const row = await target(trx, association.id, id);
        await anonymousRepository(trx).delete(row.id);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id,
          action: 'anonymous_member.delete',
          targetType: 'anonymous_member',
          targetId: row.id,
          changes: Object.fromEntries(Object.entries(audited(row)).map(([k, v]) => [k, [v, null]])),
        });
      });
    },
  };
}

export type AnonymousMemberService = ReturnType<typeof anonymousMemberService>;
