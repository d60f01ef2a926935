/**
 * Erasure across sites (federation.md flow 9, the volunteer's side): the associations of
 * other sites this account was a member of, declared to, or followed must learn that the
 * Person is gone (`Delete{Person}`), so they end its memberships there and keep its
 * validated declarations under a pseudonym. The recipients are read here, in the
 * deletion's transaction, while the rows naming them still exist; the federation layer
 * sends the Delete after commit (publish-account-deletion.ts).
 */
import type { Db } from '../db/database.ts';
import { recordOutboxEvent } from '../db/outbox-events.ts';
import type { Clock } from '../lib/clock.ts';

/** The payload of an `account.deleted` event: the remote actors to tell. */
export interface AccountDeletedPayload {
  recipients: string[];
}

/** The remote Groups tied to the account: memberships (any state), declarations, follows. */
export async function remoteTiesOf(trx: Db, accountId: string): Promise<string[]> {
  // One after the other: the transaction holds the single connection.
  const memberships = await trx.selectFrom('remote_memberships').select('group_iri as iri').where('account_id', '=', accountId).execute();
  const declarations = await trx.selectFrom('remote_declarations').select('group_iri as iri').where('account_id', '=', accountId).execute();
  const following = await trx.selectFrom('following').select('iri').where('account_id', '=', accountId).execute();
  return [...new Set([...memberships, ...declarations, ...following].map((r) => r.iri))].sort();
}

/** Records `account.deleted` when some remote actor must be told; nothing otherwise. */
export async function recordAccountErasure(trx: Db, clock: Clock, accountId: string): Promise<void> {
  const recipients = await remoteTiesOf(trx, accountId);
  if (recipients.length === 0) return;
  const payload: AccountDeletedPayload = { recipients };
  await recordOutboxEvent(trx, clock, { kind: 'account.deleted', subjectType: 'account', subjectId: accountId, payload: { ...payload } });
}
