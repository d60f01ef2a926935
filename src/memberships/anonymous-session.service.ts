/**
 * An anonymous member's link session (spec §A3): opening the secret link gives a session
 * that ends with the browser (the route sets a cookie without expiry) and sees only its
 * one association. The cookie holds a random token; only its hash is stored. Every
 * request checks again that the link is active, not expired (in the association's time
 * zone) and the association active, so a manager's change applies at once.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { DAY, isoAfter, type Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { hashToken, randomToken } from '../lib/secrets.ts';
import { associationRepository } from '../associations/association.repository.ts';
import { toSummary, type AssociationSummary } from '../associations/association.view.ts';
import { todayIn } from './access.ts';
import { anonymousRepository, type AnonymousAccessRow } from './anonymous.repository.ts';

/** A browser left open does not keep the link's session forever: it must be reopened daily. */
export const ANONYMOUS_SESSION_LIFETIME_MS = DAY;

export interface AnonymousSessionInfo {
  sessionId: string;
  anonymousMemberId: string;
  associationId: string;
}

export interface AnonymousSessionView {
  anonymousMember: { id: string; name: string };
  association: AssociationSummary;
}

export function anonymousSessionService(db: Db, clock: Clock) {
  const repo = anonymousRepository(db);
  const now = () => clock.now().toISOString();

  const usable = (r: AnonymousAccessRow): boolean =>
    r.member.is_active === 1 &&
    r.association.is_active === 1 &&
    (r.member.expires_on === null || r.member.expires_on >= todayIn(r.association.time_zone, clock.now()));

  return {
    /** Opens a session from a link's key; 403 `anonymous_link_invalid` for any link that does not open. */
    async open(key: string): Promise<{ token: string; info: AnonymousSessionInfo }> {
      const found = await repo.findBySecretHash(hashToken(key));
      if (!found || !usable(found)) throw new AppError('forbidden', 'anonymous_link_invalid');
      const token = randomToken('bva_');
      const info = { sessionId: newId(), anonymousMemberId: found.member.id, associationId: found.member.association_id };
      await inTransaction(db, async (trx) => {
        const r = anonymousRepository(trx);
        await r.deleteExpiredSessions(now());
        await r.insertSession({
          id: info.sessionId,
          anonymous_member_id: info.anonymousMemberId,
          token_hash: hashToken(token),
          created_at: now(),
          expires_at: isoAfter(clock, ANONYMOUS_SESSION_LIFETIME_MS),
        });
        await r.update(found.member.id, { last_visit_at: now() });
      });
      return { token, info };
    },

    /** The session behind a cookie value, while it and its link remain valid. */
    async resolve(token: string): Promise<AnonymousSessionInfo | undefined> {
      const found = await repo.findSession(hashToken(token));
      if (!found || found.session.expires_at <= now() || !usable(found)) return undefined;
      return { sessionId: found.session.id, anonymousMemberId: found.member.id, associationId: found.member.association_id };
    },

    async close(token: string): Promise<void> {
      await repo.deleteSession(hashToken(token));
    },

    /** What the anonymous member's page shows: their name and their one association. */
    async describe(info: AnonymousSessionInfo): Promise<AnonymousSessionView> {
      const member = await repo.find(info.associationId, info.anonymousMemberId);
      const row = await associationRepository(db).summaryById(info.associationId);
      if (!member || !row) throw new AppError('unauthenticated', 'unauthenticated');
      return { anonymousMember: { id: member.id, name: member.name }, association: toSummary(row) };
    },
  };
}

export type AnonymousSessionService = ReturnType<typeof anonymousSessionService>;
