/**
 * Declarations from members' sites (flows 3–5, the association's side): `Create` and
 * `Update` carrying a signed `Declaration` embedded whole, and `Delete{Tombstone}` of one.
 * The document is read by declaration-document.ts (our value rules, our own catalog IRIs,
 * the author's proof, fetched from their actor); the rest — an active member, moderation,
 * the answer — is remote-declaration.service.ts, in one transaction. A refused document
 * is answered `Reject{summary}` with a plain French reason naming the field, never a crash.
 *
 * Only the author's Person speaks for a declaration: the activity's actor must be its
 * `attributedTo`, on the origin of its id (an Update from a third site is dropped).
 * A Create or Update received again is not a replay to drop but a reconciliation
 * (flow 4): it is answered again with the current decision, so neither Fedify's
 * idempotency nor inbox_activities keeps them (see `declarationIdempotencyKey`).
 */
import type { InboxContext } from '@fedify/fedify';
import { Create, Update, type Activity, type Delete } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import serialize from 'json-canon';
import { z } from 'zod';
import { remoteDeclarationService } from '../../declarations/remote-declaration.service.ts';
import { todayIn } from '../../memberships/access.ts';
import { membershipRepository } from '../../memberships/membership.repository.ts';
import { actorState } from '../actors.ts';
import { readDeclarationDocument } from '../declarations/declaration-document.ts';
import { ownCatalogIris } from '../declarations/own-catalog.ts';
import { multikeyResolver } from '../declarations/proof-keys.ts';
import { catalogLoader } from '../declarations/remote-catalog.ts';
import type { DocumentProblem } from '../declarations/values.ts';
import type { FederationData } from '../federation.ts';
import type { JsonObject } from '../proof.ts';
import { actorUris } from '../uris.ts';
import { iriOrObject } from './follow.ts';
import { admit, markSeen } from './guard.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

const stringsOf = (t: unknown): string[] => (Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : []);

/** The JSON the sender posted (proofs as signed), else Fedify's serialisation of the activity. */
async function rawOf(ctx: InboxContext<FederationData>, activity: Activity): Promise<JsonObject | null> {
  const original = 'activity' in ctx && ctx.activity && typeof ctx.activity === 'object' ? (ctx.activity as JsonObject) : null;
  if (original) return original;
  try {
    return (await activity.toJsonLd({ contextLoader: ctx.contextLoader })) as JsonObject;
  } catch {
    return null;
  }
}

/** Whether a Create or Update carries a Declaration embedded whole. */
export async function carriesDeclaration(ctx: InboxContext<FederationData>, activity: Activity): Promise<boolean> {
  const raw = await rawOf(ctx, activity);
  const object = raw?.['object'];
  return !!object && typeof object === 'object' && stringsOf((object as JsonObject)['type']).includes('Declaration');
}

/**
 * Fedify's idempotency key (strategy 'global' otherwise): none for a Create or Update of
 * a Declaration, which must reach the listener each time (reconciliation answers again).
 */
export async function declarationIdempotencyKey(ctx: InboxContext<FederationData>, activity: Activity): Promise<string | null> {
  if ((activity instanceof Create || activity instanceof Update) && (await carriesDeclaration(ctx, activity))) return null;
  return activity.id?.href ?? null;
}

/** Whether a Delete names a declaration we received (its Tombstone's id). */
export async function deletesDeclaration(ctx: InboxContext<FederationData>, activity: Delete): Promise<boolean> {
  const id = activity.objectId?.href;
  if (!id) return false;
  const row = await ctx.data.db.selectFrom('declarations').select('id').where('remote_iri', '=', id).executeTakeFirst();
  return row !== undefined;
}

const ActivityJson = z.looseObject({ id: z.url(), type: z.enum(['Create', 'Update']), actor: iriOrObject, object: z.looseObject({ id: z.string() }) });
const DeleteJson = z.looseObject({ id: z.url(), type: z.literal('Delete'), actor: iriOrObject, object: iriOrObject });

/** Names of the document's properties, in French, for the reasons sent back. */
const FIELD: Record<string, string> = {
  name: 'intitulé', content: 'description', date: 'date', endDate: 'date de fin', duration: 'durée', distance: 'distance',
  category: 'catégorie', context: 'projet', level: 'niveau', proof: 'signature', to: 'destinataires', audience: 'destinataires',
  target: 'cible', id: 'identifiant', attributedTo: 'auteur',
};
const CODE: Record<string, string> = {
  required: 'manquant', too_long: 'trop long', not_this_association_catalog: "ne fait pas partie de cette association",
  declaration_date_future: 'dans le futur', declaration_date_too_early: 'avant le 1er janvier 2000', declaration_date_invalid: 'date invalide',
  declaration_end_date_order: 'doit suivre la date de début', declaration_duration_too_long: 'plus de 24 h par jour',
  declaration_distance_required: 'une durée ou une distance est nécessaire', declaration_distance_invalid: 'distance invalide',
  declaration_distance_too_big: 'distance trop grande', invalid_duration: 'durée invalide', invalid_proof: 'ne se vérifie pas',
  not_signed_by_author: "n'est pas celle de l'auteur", origin_mismatch: "pas sur le site de l'auteur",
  not_this_association: "pas adressée à cette association", addressed_beyond_the_association: "adressée à d'autres que l'association",
  not_this_records: "pas le registre de cette association", missing_vocabulary: 'vocabulaire Bénévalibre absent',
};

/** « Déclaration refusée : catégorie — ne fait pas partie de cette association ; … » */
export function refusalReason(problems: DocumentProblem[]): string {
  const parts = problems.map((p) => `${FIELD[p.field] ?? p.field} — ${CODE[p.code] ?? p.code}`);
  return `Déclaration refusée : ${[...new Set(parts)].join(' ; ')}.`.slice(0, 500);
}

/** The association a declaration is addressed to (its `audience`), if it is one of ours. */
async function associationOf(ctx: InboxContext<FederationData>, object: JsonObject): Promise<string | null> {
  const audience = stringsOf(object['audience'])[0] ?? stringsOf(object['to'])[0];
  if (!audience) return null;
  let parsed;
  try {
    parsed = ctx.parseUri(new URL(audience));
  } catch {
    return null;
  }
  if (parsed?.type !== 'actor') return null;
  const state = await actorState(ctx.data, parsed.identifier);
  return state.kind === 'association' ? parsed.identifier : null;
}

/** Create{Declaration} or Update{Declaration} from the author's Person. */
export async function onDeclaration(ctx: InboxContext<FederationData>, activity: Create | Update): Promise<void> {
  const admitted = await admit(ctx, activity, ActivityJson);
  if (!admitted) return;
  const raw = await rawOf(ctx, activity);
  const object = raw?.['object'];
  if (!object || typeof object !== 'object' || Array.isArray(object)) return;
  const document = object as JsonObject;
  const associationId = await associationOf(ctx, document);
  if (!associationId) {
    logger.info('Declaration in {id} not addressed to one of our associations: dropped', { id: admitted.id });
    return;
  }
  const remoteIri = typeof document['id'] === 'string' ? document['id'] : '';
  // Only the author speaks for their declaration: anyone else's Create/Update is dropped, not answered.
  if (document['attributedTo'] !== admitted.actorIri) {
    logger.info('Declaration {declaration} sent by {actor}, not its author: dropped', { declaration: remoteIri, actor: admitted.actorIri });
    return;
  }
  const { db, clock, origin } = ctx.data;
  const service = remoteDeclarationService(ctx.data);
  const association = await membershipRepository(db).findAssociation(associationId);
  if (!association) return;
  const catalog = await ownCatalogIris(db, origin, associationId);
  const read = await readDeclarationDocument(document, {
    association: actorUris(origin, associationId).id,
    records: actorUris(origin, associationId).records,
    categories: catalog.sets.categories, projects: catalog.sets.projects, levels: catalog.sets.levels,
    today: todayIn(association.time_zone, clock.now()),
    resolveKey: multikeyResolver(await catalogLoader(ctx), ctx.contextLoader),
  });
  if (!read.ok) {
    const reason = refusalReason(read.problems);
    logger.info('Declaration {declaration} refused: {reason}', { declaration: remoteIri, reason });
    await service.refuse(associationId, admitted.actorIri, admitted.id, remoteIri || admitted.id, reason);
    return;
  }
  const d = read.value;
  const result = await service.receive(associationId, {
    remoteIri: d.id, authorIri: d.authorIri, activityIri: admitted.id, document: serialize(d.document), versionAt: new Date(d.updated ?? d.published).toISOString(),
    categoryId: catalog.localId('categories', d.categoryIri)!,
    projectId: d.projectIri ? catalog.localId('projects', d.projectIri) : null,
    levelId: d.levelIri ? catalog.localId('levels', d.levelIri) : null,
    title: d.title, description: d.description, date: d.date, endDate: d.endDate,
    durationMinutes: d.durationMinutes, distanceHundredths: d.distanceHundredths,
  });
  logger.info('Declaration {declaration} ({id}): {outcome}', { declaration: d.id, id: admitted.id, outcome: result.outcome });
}

/** Delete{Tombstone} of a declaration by its author: withdrawn like a local deletion. */
export async function onDeclarationDelete(ctx: InboxContext<FederationData>, activity: Delete): Promise<void> {
  const admitted = await admit(ctx, activity, DeleteJson);
  if (!admitted) return;
  const remoteIri = activity.objectId?.href;
  if (!remoteIri || new URL(remoteIri).origin !== new URL(admitted.actorIri).origin) return;
  const result = await remoteDeclarationService(ctx.data).withdraw(remoteIri, admitted.actorIri, admitted.id);
  logger.info('Delete of declaration {declaration}: {result}', { declaration: remoteIri, result });
  await markSeen(ctx, admitted, 'Delete');
}
