/**
 * Notification preferences (spec §A8): per person and kind, immediate email, daily
 * digest or none; and the one-click unsubscribe of a signed link.
 */
import type { Db } from '../db/database.ts';
import { AppError } from '../lib/errors.ts';
import type { NotificationMode } from './notification.table.ts';
import { DEFAULT_MODE, NOTIFICATION_KINDS, type NotificationKind } from './notifier.ts';
import { readUnsubscribeToken } from './unsubscribe.ts';

export interface Preference {
  kind: NotificationKind;
  mode: NotificationMode;
}

export interface UnsubscribeState {
  /** A kind, or `digest` for the daily digest as a whole. */
  kind: string;
  mode: NotificationMode;
}

const DIGEST = 'digest';

export function notificationService(deps: { db: Db; secret: string }) {
  const { db, secret } = deps;

  async function preferences(accountId: string): Promise<Preference[]> {
    const rows = await db.selectFrom('notification_preferences').select(['kind', 'mode']).where('account_id', '=', accountId).execute();
    const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
    return NOTIFICATION_KINDS.map((kind) => ({ kind, mode: chosen.get(kind) ?? DEFAULT_MODE }));
  }

  async function setModes(accountId: string, changes: Preference[]): Promise<void> {
    // One row per kind (the last given wins): PostgreSQL refuses to upsert a row twice in one statement.
    const byKind = new Map(changes.map((c) => [c.kind, c.mode]));
    if (byKind.size === 0) return;
    await db
      .insertInto('notification_preferences')
      .values([...byKind].map(([kind, mode]) => ({ account_id: accountId, kind, mode })))
      .onConflict((oc) => oc.columns(['account_id', 'kind']).doUpdateSet((eb) => ({ mode: eb.ref('excluded.mode') })))
      .execute();
  }

  function target(token: string) {
    const found = readUnsubscribeToken(secret, token);
    const valid = found && (found.kind === DIGEST || (NOTIFICATION_KINDS as readonly string[]).includes(found.kind));
    if (!valid) throw new AppError('not_found', 'unsubscribe_invalid');
    return found;
  }

  async function stateOf(accountId: string, kind: string): Promise<UnsubscribeState> {
    const prefs = await preferences(accountId);
    if (kind === DIGEST) return { kind, mode: prefs.some((p) => p.mode === 'digest') ? 'digest' : 'none' };
    return { kind, mode: prefs.find((p) => p.kind === kind)!.mode };
  }

  async function existing(accountId: string): Promise<void> {
    const row = await db.selectFrom('accounts').select('id').where('id', '=', accountId).where('status', '!=', 'deleted').executeTakeFirst();
    if (!row) throw new AppError('not_found', 'unsubscribe_invalid');
  }

  return {
    /** Every kind with the person's mode (immediate when never chosen). */
    preferences,

    /** Changes the modes given (other kinds keep theirs); returns them all. */
    async update(accountId: string, changes: Preference[]): Promise<Preference[]> {
      await setModes(accountId, changes);
      return preferences(accountId);
    },

    /** What a signed link would switch off, and its current mode (nothing secret). */
    async peek(token: string): Promise<UnsubscribeState> {
      const t = target(token);
      await existing(t.accountId);
      return stateOf(t.accountId, t.kind);
    },

    /** One-click unsubscribe (RFC 8058): the kind — or every kind sent in the digest — to none. */
    async unsubscribe(token: string): Promise<UnsubscribeState> {
      const t = target(token);
      await existing(t.accountId);
      if (t.kind === DIGEST) {
        const inDigest = (await preferences(t.accountId)).filter((p) => p.mode === 'digest');
        await setModes(t.accountId, inDigest.map((p) => ({ kind: p.kind, mode: 'none' })));
      } else {
        await setModes(t.accountId, [{ kind: t.kind as NotificationKind, mode: 'none' }]);
      }
      return stateOf(t.accountId, t.kind);
    },
  };
}

export type NotificationService = ReturnType<typeof notificationService>;
