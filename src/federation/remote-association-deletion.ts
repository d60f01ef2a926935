/**
 * An association of another site was deleted (issue 7): its Group sent `Delete{Group}`.
 * Our accounts keep what they had there — memberships and declarations, with the
 * signed Validations received (their evidence, still verifiable: the deleted Group keeps
 * publishing its keys) — marked « association supprimée » and read-only. Our copy of
 * the Group keeps its name (what the volunteer's screens show) but loses its inboxes:
 * nothing is sent there any more. Follows of it are dropped: there is no news to follow.
 * No Fedify here: the inbox (inbox/actor-lifecycle.ts) calls in.
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';

/** Marks our copies; returns whether any of our accounts was tied to the Group (memberships or declarations). */
export async function markRemoteAssociationDeleted(db: Db, clock: Clock, groupIri: string): Promise<boolean> {
  const at = clock.now().toISOString();
  return db.transaction().execute(async (trx) => {
    const membership = await trx.selectFrom('remote_memberships').select('id').where('group_iri', '=', groupIri).limit(1).executeTakeFirst();
    const declaration = await trx.selectFrom('remote_declarations').select('id').where('group_iri', '=', groupIri).limit(1).executeTakeFirst();
    await trx.deleteFrom('following').where('iri', '=', groupIri).execute();
    if (!membership && !declaration) return false;
    // Only the first Delete dates it (a redelivery under another id changes nothing).
    await trx.updateTable('remote_memberships').set({ association_deleted_at: at }).where('group_iri', '=', groupIri).where('association_deleted_at', 'is', null).execute();
    await trx.updateTable('remote_declarations').set({ association_deleted_at: at }).where('group_iri', '=', groupIri).where('association_deleted_at', 'is', null).execute();
    await trx.updateTable('remote_actors').set({ inbox: null, shared_inbox: null }).where('iri', '=', groupIri).execute();
    return true;
  });
}
