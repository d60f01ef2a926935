/**
 * Association news (flow 6). Whoever may manage the association writes, edits and
 * deletes news; public news are read by everyone who may see the association, members-only
 * news by its members and its managers. Each change that followers must learn — only public
 * news concern them — records an outbox event in the same transaction, with its audit
 * entry: a members-only item made public is a creation for followers, a public item made
 * members-only a deletion. Members on other sites get the members-only items the same way
 * (news.members.* events: their sites have no other way to read them).
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { recordOutboxEvent, type OutboxEventKind } from '../db/outbox-events.ts';
import { hasRemoteMembers } from '../memberships/remote-member.service.ts';
import { auditService, diff } from '../audit/audit.service.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { accessTo, type Asker } from '../memberships/access.ts';
import { requirePermission, type Standing, type Viewer } from '../memberships/policy.ts';
import type { NewsVisibility } from './news.table.ts';
import { newsRepository, type NewsRow } from './news.repository.ts';

export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;
export const PAGE_MAX = 100;

export interface NewsInput {
  title: string;
  text: string;
  visibility: NewsVisibility;
}
export type NewsPatch = Partial<NewsInput>;

export interface NewsView {
  id: string;
  associationId: string;
  title: string;
  text: string;
  visibility: NewsVisibility;
  publishedAt: string;
  updatedAt: string;
  /** The web page of the item (relative to the site). */
  path: string;
}

export const toNewsView = (r: NewsRow, associationHandle: string): NewsView => ({
  id: r.id,
  associationId: r.association_id,
  title: r.title,
  text: r.body,
  visibility: r.visibility,
  publishedAt: r.published_at,
  updatedAt: r.updated_at,
  path: `/associations/${encodeURIComponent(associationHandle)}/actualites/${r.id}`,
});

/** Members-only news: active members, the association's anonymous members, and whoever manages it (admins included). */
const readsMembersNews = (s: Standing) => s.isMember || s.isAnonymousMember || s.permissions.manage_association;

/** The event followers must get when an item goes from `before` to `after` (null: not visible to them). */
export function followerEvent(before: NewsVisibility | null, after: NewsVisibility | null): OutboxEventKind | null {
  const was = before === 'public';
  const is = after === 'public';
  if (!was && is) return 'news.created';
  if (was && is) return 'news.updated';
  if (was && !is) return 'news.deleted';
  return null;
}

/** Rules the schema cannot express: text not blank once trimmed (a title of spaces says nothing). */
function cleaned<T extends NewsPatch>(input: T): T {
  const out = { ...input };
  for (const [field, max] of [['title', TITLE_MAX], ['text', TEXT_MAX]] as const) {
    const value = out[field];
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (trimmed === '') throw fieldError(field, 'required');
    if ([...trimmed].length > max) throw fieldError(field, 'too_long', { max });
    out[field] = trimmed;
  }
  return out;
}

/** What the audit trail keeps of an item. */
const audited = (r: Pick<NewsRow, 'title' | 'body' | 'visibility'>) => ({ title: r.title, text: r.body, visibility: r.visibility });

/** The event members on other sites must get when an item goes from `before` to `after` (null: not visible to them). */
export function memberEvent(before: NewsVisibility | null, after: NewsVisibility | null): OutboxEventKind | null {
  const was = before === 'members';
  const is = after === 'members';
  if (!was && is) return 'news.members.created';
  if (was && is) return 'news.members.updated';
  if (was && !is) return 'news.members.deleted';
  return null;
}

/** Association news (rules in the file's header). */
export function newsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function record(trx: Db, kind: OutboxEventKind | null, row: NewsRow): Promise<void> {
    if (kind) await recordOutboxEvent(trx, clock, { kind, associationId: row.association_id, subjectType: 'news', subjectId: row.id });
  }
  /** Members-only changes concern only members on other sites (local ones read the site): none, no event. */
  async function recordForMembers(trx: Db, kind: OutboxEventKind | null, row: NewsRow): Promise<void> {
    if (kind && (await hasRemoteMembers(trx, row.association_id))) await record(trx, kind, row);
  }

  return {
    /** News the viewer may read, newest first: public ones, plus members-only ones for members and managers. */
    async list(viewer: Viewer, ref: string, options: { limit?: number | undefined; before?: string | undefined } = {}): Promise<{ items: NewsView[]; membersOnlyShown: boolean }> {
      const { association, standing } = await accessTo(db, { viewer, actor: { accountId: null, label: '' } }, ref);
      const insider = readsMembersNews(standing);
      const rows = await newsRepository(db).list(association.id, insider ? ['public', 'members'] : ['public'], {
        limit: Math.min(Math.max(options.limit ?? 20, 1), PAGE_MAX),
        before: options.before,
      });
      return { items: rows.map((r) => toNewsView(r, association.handle)), membersOnlyShown: insider };
    },

    /** One item; members-only items are 404 for those who may not read them (their existence is not told). */
    async get(viewer: Viewer, ref: string, id: string): Promise<NewsView> {
      const { association, standing } = await accessTo(db, { viewer, actor: { accountId: null, label: '' } }, ref);
      const row = await newsRepository(db).find(association.id, id);
      if (!row || (row.visibility === 'members' && !readsMembersNews(standing))) throw new AppError('not_found', 'not_found');
      return toNewsView(row, association.handle);
    },

    /** Publishes an item (manage association); a public one goes to followers. */
    async create(asker: Asker, ref: string, input: NewsInput): Promise<NewsView> {
      const clean = cleaned(input);
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_association');
        const now = clock.now().toISOString();
        const row: NewsRow = {
          id: newId(), association_id: association.id, title: clean.title, body: clean.text, visibility: clean.visibility,
          author_account_id: asker.actor.accountId, published_at: now, updated_at: now, deleted_at: null,
        };
        await newsRepository(trx).insert(row);
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'news.create', targetType: 'news', targetId: row.id,
          changes: Object.fromEntries(Object.entries(audited(row)).map(([k, v]) => [k, [null, v]])),
        });
        await record(trx, followerEvent(null, row.visibility), row);
        await recordForMembers(trx, memberEvent(null, row.visibility), row);
        return toNewsView(row, association.handle);
      });
    },

    /** Edits the title, text or visibility (manage association); followers learn what changed for them. */
    async update(asker: Asker, ref: string, id: string, patch: NewsPatch): Promise<NewsView> {
      const clean = cleaned(patch);
      return inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_association');
        const repo = newsRepository(trx);
        const before = await repo.find(association.id, id);
        if (!before) throw new AppError('not_found', 'not_found');
        const after: NewsRow = {
          ...before,
          ...(clean.title !== undefined ? { title: clean.title } : {}),
          ...(clean.text !== undefined ? { body: clean.text } : {}),
          ...(clean.visibility !== undefined ? { visibility: clean.visibility } : {}),
        };
        const changes = diff(audited(before), audited(after));
        if (Object.keys(changes).length === 0) return toNewsView(before, association.handle);
        after.updated_at = clock.now().toISOString();
        await repo.update(id, { title: after.title, body: after.body, visibility: after.visibility, updated_at: after.updated_at });
        await auditService(trx, clock).record(asker.actor, { associationId: association.id, action: 'news.update', targetType: 'news', targetId: id, changes });
        await record(trx, followerEvent(before.visibility, after.visibility), after);
        await recordForMembers(trx, memberEvent(before.visibility, after.visibility), after);
        return toNewsView(after, association.handle);
      });
    },

    /** Deletes an item (manage association); the row stays as a tombstone so its id answers « gone ». */
    async remove(asker: Asker, ref: string, id: string): Promise<void> {
      await inTransaction(db, async (trx) => {
        const { association, standing } = await accessTo(trx, asker, ref);
        requirePermission(standing, 'manage_association');
        const repo = newsRepository(trx);
        const row = await repo.find(association.id, id);
        if (!row) throw new AppError('not_found', 'not_found');
        const now = clock.now().toISOString();
        await repo.update(id, { deleted_at: now, updated_at: now });
        await auditService(trx, clock).record(asker.actor, {
          associationId: association.id, action: 'news.delete', targetType: 'news', targetId: id,
          changes: Object.fromEntries(Object.entries(audited(row)).map(([k, v]) => [k, [v, null]])),
        });
        await record(trx, followerEvent(row.visibility, null), row);
        await recordForMembers(trx, memberEvent(row.visibility, null), row);
      });
    },
  };
}

export type NewsService = ReturnType<typeof newsService>;
