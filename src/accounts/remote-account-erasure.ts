/**
 * Erasure of a member of another site (flow 9, the association's side): when their Person
 * is deleted (`Delete{Person}`, or its key answering 410 Gone), their remote account is
 * emptied like a local account deletion — memberships end, pending and refused
 * declarations go, validated ones stay, counted, under « Ancien membre n° N ». The signed
 * documents kept with those declarations name the person only by actor id, so every proof
 * still verifies. The actor id is released so that nothing links the pseudonym back. No
 * Fedify here: the inbox (inbox/actor-lifecycle.ts) calls in.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { releaseDeclarationsForDeletion } from '../declarations/declaration.service.ts';
import type { Clock } from '../lib/clock.ts';
import { releaseMembershipsForDeletion } from '../memberships/membership.service.ts';
import { accountRepository } from './account.repository.ts';

/** Empties the remote account of `actorIri`, if we have one; returns whether it did. */
export async function eraseRemoteAccount(deps: { db: Db; clock: Clock }, actorIri: string): Promise<boolean> {
  const { db, clock } = deps;
  return inTransaction(db, async (trx) => {
    const account = await trx.selectFrom('accounts').select(['id', 'pseudo']).where('remote_iri', '=', actorIri).where('status', '=', 'remote').executeTakeFirst();
    if (!account) return false;
    const who = { accountId: null, label: account.pseudo ?? actorIri };
    // A remote account never manages (flow 2), so no association loses its last manager here.
    await releaseMembershipsForDeletion(trx, clock, account.id, who);
    await releaseDeclarationsForDeletion(trx, account.id, clock, who);
    const repo = accountRepository(trx);
    const now = clock.now().toISOString();
    await repo.update(account.id, {
      pseudo: null, first_name: null, last_name: null, status: 'deleted', remote_iri: null,
      former_member_number: await repo.nextFormerMemberNumber(), deleted_at: now, updated_at: now,
    });
    return true;
  });
}
