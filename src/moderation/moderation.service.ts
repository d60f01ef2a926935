/**
 * Moderation between sites (flow 10). Flag reports from other sites reach the instance
 * admins, who mark them dealt with; admins block a remote host: its activities are then
 * refused by the inbox and deliveries to it stop (both read `remote_hosts.blocked_at`),
 * and its followers are removed at once — a blocked site must not keep receiving our
 * public news through follows made before. Each decision goes to the audit trail.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, type Actor } from '../audit/audit.service.ts';
import { displayName } from '../accounts/account.view.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import { moderationRepository, type ByAccount, type FlagRow, type RemoteHostRow, type ReportStatus } from './moderation.repository.ts';

export interface ReportedObject {
  iri: string;
  /** What it is on this site, when it is ours: « Club de voile », a news title… */
  label: string | null;
  /** Its page on this site, when it is ours. */
  path: string | null;
}

export interface ReportView {
  id: string;
  activityId: string;
  reporter: { id: string; host: string; name: string | null; handle: string | null };
  objects: ReportedObject[];
  content: string | null;
  receivedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface BlockedDomainView {
  domain: string;
  blockedAt: string;
  blockedBy: string | null;
  reason: string | null;
}

const byLabel = (r: ByAccount): string | null =>
  r.first_name === null && r.last_name === null && r.pseudo === null && r.former_member_number === null ? null : displayName(r);

/**
 * The host part of what an admin typed: « exemple.org », « https://exemple.org/a/b »,
 * « @marie@exemple.org » or « marie@exemple.org » all name exemple.org. Lower case, IDN as
 * punycode, port kept when not the default one (that is how the federation layer stores hosts).
 */
export function hostOf(input: string): string | null {
  let text = input.trim().toLowerCase();
  if (text === '') return null;
  const handle = /^@?[^@/\s]+@([^@/\s]+)$/.exec(text);
  if (handle) text = handle[1]!;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `https://${text}`;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password || !/^[a-z0-9.[\]:-]+$/.test(url.hostname) || !url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    return url.host;
  } catch {
    return null;
  }
}

/** Reports and blocked domains for the instance admins (rules in the file's header). */
export function moderationService(deps: { db: Db; clock: Clock; origin: string }) {
  const { db, clock, origin } = deps;
  const ownHost = new URL(origin).host;

  /** Names our own objects in a report (an association, an account, a news item) so admins see what is reported. */
  async function describe(iri: string): Promise<ReportedObject> {
    const prefix = `${origin}/ap/`;
    const m = iri.startsWith(prefix) ? /^(actors|news)\/([^/?#]+)$/.exec(iri.slice(prefix.length)) : null;
    if (m?.[1] === 'actors') {
      const association = await db.selectFrom('associations').select(['name', 'handle']).where('id', '=', m[2]!).executeTakeFirst();
      if (association) return { iri, label: association.name, path: `/associations/${encodeURIComponent(association.handle)}` };
      const account = await db.selectFrom('accounts').select(['first_name', 'last_name', 'pseudo', 'former_member_number']).where('id', '=', m[2]!).executeTakeFirst();
      if (account) return { iri, label: displayName(account), path: null };
    }
    if (m?.[1] === 'news') {
      const news = await db
        .selectFrom('news')
        .innerJoin('associations', 'associations.id', 'news.association_id')
        .select(['news.id', 'news.title', 'associations.handle'])
        .where('news.id', '=', m[2]!)
        .executeTakeFirst();
      if (news) return { iri, label: news.title, path: `/associations/${encodeURIComponent(news.handle)}/actualites/${news.id}` };
    }
    return { iri, label: null, path: null };
  }

  async function toReportView(r: FlagRow): Promise<ReportView> {
    let iris: string[] = [];
    try {
      const parsed: unknown = JSON.parse(r.object_iris);
      if (Array.isArray(parsed)) iris = parsed.filter((x): x is string => typeof x === 'string');
    } catch {
      // Stored by the inbox from remote input: a bad value shows no objects rather than breaking the page.
    }
    return {
      id: r.id,
      activityId: r.activity_iri,
      reporter: { id: r.reporter_iri, host: r.reporter_host, name: r.reporter_name, handle: r.reporter_handle },
      objects: await Promise.all(iris.slice(0, 20).map(describe)),
      content: r.content,
      receivedAt: r.received_at,
      resolvedAt: r.resolved_at,
      resolvedBy: r.resolved_at ? byLabel(r) : null,
    };
  }

  const toBlockedView = (r: RemoteHostRow): BlockedDomainView => ({ domain: r.host, blockedAt: r.blocked_at!, blockedBy: byLabel(r), reason: r.block_reason });

  return {
    /** Reports, newest first: open ones (default), dealt-with ones, or all (200 at most). */
    async listReports(status: ReportStatus = 'open'): Promise<{ items: ReportView[]; open: number }> {
      const repo = moderationRepository(db);
      const rows = await repo.listFlags(status, 200);
      return { items: await Promise.all(rows.map(toReportView)), open: await repo.countOpenFlags() };
    },

    /** Marks a report as dealt with; 409 when it already is. */
    async resolveReport(actor: Actor, id: string): Promise<ReportView> {
      await inTransaction(db, async (trx) => {
        const repo = moderationRepository(trx);
        const row = await repo.findFlag(id);
        if (!row) throw new AppError('not_found', 'not_found');
        if (row.resolved_at) throw new AppError('conflict', 'report_already_resolved');
        const at = clock.now().toISOString();
        await repo.resolveFlag(id, actor.accountId, at);
        await auditService(trx, clock).record(actor, { associationId: null, action: 'report.resolve', targetType: 'report', targetId: id, changes: { resolved_at: [null, at] } });
      });
      return toReportView((await moderationRepository(db).findFlag(id))!);
    },

    /** Blocked remote sites, most recent first. */
    async listBlocked(): Promise<BlockedDomainView[]> {
      return (await moderationRepository(db).listBlocked()).map(toBlockedView);
    },

    /** Blocks a remote site and removes its followers; returns the block and how many followers went. */
    async block(actor: Actor, input: { domain: string; reason?: string | null | undefined }): Promise<BlockedDomainView & { followersRemoved: number }> {
      const host = hostOf(input.domain);
      if (!host) throw fieldError('domain', 'domain_invalid');
      if (host === ownHost) throw fieldError('domain', 'domain_own');
      const reason = input.reason?.trim() || null;
      const followersRemoved = await inTransaction(db, async (trx) => {
        const repo = moderationRepository(trx);
        if ((await repo.findHost(host))?.blocked_at) throw fieldError('domain', 'domain_already_blocked');
        const at = clock.now().toISOString();
        await repo.block(host, actor.accountId, reason, at);
        const removed = await repo.removeFollowersOn(host);
        await auditService(trx, clock).record(actor, {
          associationId: null, action: 'domain.block', targetType: 'remote_host', targetId: host,
          changes: { blocked_at: [null, at], block_reason: [null, reason], followers_removed: [null, removed] },
        });
        return removed;
      });
      const blocked = (await moderationRepository(db).listBlocked()).find((r) => r.host === host)!;
      return { ...toBlockedView(blocked), followersRemoved };
    },

    /** Lifts a block (its former followers must follow again); 404 when the site is not blocked. */
    async unblock(actor: Actor, domain: string): Promise<void> {
      const host = hostOf(domain);
      await inTransaction(db, async (trx) => {
        const repo = moderationRepository(trx);
        const row = host ? await repo.findHost(host) : undefined;
        if (!host || !row?.blocked_at) throw new AppError('not_found', 'not_found');
        await repo.unblock(host);
        await auditService(trx, clock).record(actor, {
          associationId: null, action: 'domain.unblock', targetType: 'remote_host', targetId: host, changes: { blocked_at: [row.blocked_at, null] },
        });
      });
    },
  };
}

export type ModerationService = ReturnType<typeof moderationService>;
