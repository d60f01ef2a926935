/**
 * Target inboxes for raw JSON-LD deliveries: one per receiving site when the actors share
 * an inbox (the shared inbox, as Fedify's `preferSharedInbox` does), else each actor's
 * own. Actors we never fetched (no row in `remote_actors`) have no known inbox and are
 * returned apart, for the caller to fetch first or to skip.
 */
import type { Db } from '../../db/database.ts';

export interface Inboxes {
  inboxes: string[];
  unknown: string[];
}

/** The inboxes to deliver to for these remote actor ids (shared inboxes preferred). */
export async function inboxesOf(db: Db, actorIris: readonly string[]): Promise<Inboxes> {
  const wanted = [...new Set(actorIris)];
  if (wanted.length === 0) return { inboxes: [], unknown: [] };
  const rows = await db.selectFrom('remote_actors').select(['iri', 'inbox', 'shared_inbox']).where('iri', 'in', wanted).execute();
  const known = new Map(rows.map((r) => [r.iri, r.shared_inbox ?? r.inbox]));
  const inboxes = new Set<string>();
  const unknown: string[] = [];
  for (const iri of wanted) {
    const inbox = known.get(iri);
    if (inbox) inboxes.add(inbox);
    else unknown.push(iri);
  }
  return { inboxes: [...inboxes], unknown };
}
