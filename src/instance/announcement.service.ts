/**
 * Announcements (spec §A9): written by the instance admin, shown at the top of every page
 * between their publication and expiry instants, to everyone or to association managers
 * only (e.g. « nouvelle fonction d'export pour vos bilans »).
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, diff, type Actor } from '../audit/audit.service.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import type { Viewer } from '../memberships/policy.ts';
import type { AnnouncementAudience } from './instance.table.ts';
import { announcementRepository, type AnnouncementRow } from './announcement.repository.ts';

export interface AnnouncementInput {
  title: string;
  content: string;
  audience: AnnouncementAudience;
  /** Any ISO 8601 instant with offset; stored in UTC. Defaults to now at creation. */
  publishAt?: string | undefined;
  expireAt?: string | null | undefined;
}

export interface AnnouncementView {
  id: string;
  title: string;
  content: string;
  audience: AnnouncementAudience;
  publishAt: string;
  expireAt: string | null;
  createdAt: string;
}

const toView = (r: AnnouncementRow): AnnouncementView => ({
  id: r.id,
  title: r.title,
  content: r.content,
  audience: r.audience,
  publishAt: r.publish_at,
  expireAt: r.expire_at,
  createdAt: r.created_at,
});

const utc = (instant: string) => new Date(instant).toISOString();

function checkDates(publishAt: string, expireAt: string | null): void {
  if (expireAt !== null && expireAt <= publishAt) throw fieldError('expireAt', 'announcement_expire_before_publish');
}

export function announcementService(db: Db, clock: Clock) {
  const repo = announcementRepository(db);

  async function requireOne(id: string): Promise<AnnouncementRow> {
    const row = await repo.find(id);
    if (!row) throw new AppError('not_found', 'not_found');
    return row;
  }

  return {
    /** Every announcement, past and future (admin page), newest publication first. */
    async list(): Promise<AnnouncementView[]> {
      return (await repo.all()).map(toView);
    },

    /** Those shown now to this viewer: `managers` ones only to association managers and admins. */
    async visibleTo(viewer: Viewer): Promise<AnnouncementView[]> {
      const managers = viewer.kind === 'account' && (viewer.isAdmin || (await repo.managesAnAssociation(viewer.accountId)));
      const audiences: AnnouncementAudience[] = managers ? ['everyone', 'managers'] : ['everyone'];
      return (await repo.activeAt(clock.now().toISOString(), audiences)).map(toView);
    },

    async create(actor: Actor, input: AnnouncementInput): Promise<AnnouncementView> {
      const now = clock.now().toISOString();
      const row: AnnouncementRow = {
        id: newId(),
        title: input.title.trim(),
        content: input.content.trim(),
        audience: input.audience,
        publish_at: input.publishAt ? utc(input.publishAt) : now,
        expire_at: input.expireAt ? utc(input.expireAt) : null,
        created_by: actor.accountId,
        created_at: now,
        updated_at: now,
      };
      checkDates(row.publish_at, row.expire_at);
      await inTransaction(db, async (trx) => {
        await announcementRepository(trx).insert(row);
        await auditService(trx, clock).record(actor, {
          associationId: null,
          action: 'announcement.create',
          targetType: 'announcement',
          targetId: row.id,
          changes: {
            title: [null, row.title],
            content: [null, row.content],
            audience: [null, row.audience],
            publishAt: [null, row.publish_at],
            expireAt: [null, row.expire_at],
          },
        });
      });
      return toView(row);
    },

    async update(actor: Actor, id: string, patch: Partial<AnnouncementInput>): Promise<AnnouncementView> {
      const before = toView(await requireOne(id));
      const after: AnnouncementView = {
        ...before,
        ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
        ...(patch.content !== undefined ? { content: patch.content.trim() } : {}),
        ...(patch.audience !== undefined ? { audience: patch.audience } : {}),
        ...(patch.publishAt !== undefined ? { publishAt: utc(patch.publishAt) } : {}),
        ...(patch.expireAt !== undefined ? { expireAt: patch.expireAt === null ? null : utc(patch.expireAt) } : {}),
      };
      checkDates(after.publishAt, after.expireAt);
      await inTransaction(db, async (trx) => {
        await announcementRepository(trx).update(id, {
          title: after.title,
          content: after.content,
          audience: after.audience,
          publish_at: after.publishAt,
          expire_at: after.expireAt,
          updated_at: clock.now().toISOString(),
        });
        await auditService(trx, clock).record(actor, {
          associationId: null,
          action: 'announcement.update',
          targetType: 'announcement',
          targetId: id,
          changes: diff(before, after),
        });
      });
      return after;
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const before = await requireOne(id);
      await inTransaction(db, async (trx) => {
        await announcementRepository(trx).delete(id);
        await auditService(trx, clock).record(actor, {
          associationId: null,
          action: 'announcement.delete',
          targetType: 'announcement',
          targetId: id,
          changes: { title: [before.title, null] },
        });
      });
    },
  };
}

export type AnnouncementService = ReturnType<typeof announcementService>;
