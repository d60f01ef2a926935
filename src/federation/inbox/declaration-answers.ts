/**
 * What associations of other sites answer our accounts' declarations (flows 3–5, the
 * volunteer's side). Answers name our Create/Update id in `object` and are matched on it
 * **and** on the association the declaration was sent to (anyone else is ignored):
 * `TentativeAccept` → pending; `Accept{result: Validation}` → validated, once the
 * Validation is read against the document exactly as we sent it (digest, signed by the
 * association, at most the declared duration) and kept as the volunteer's evidence;
 * `Reject{summary}` → rejected with the reason; `Add{object: declaration, target:
 * records}` only acknowledges the recording. An answer to an older version (since
 * edited) names an id that is no longer current and changes nothing; an answer received
 * twice is applied once (idempotency by activity id, and the service ignores a decision
 * it already has).
 */
import type { InboxContext } from '@fedify/fedify';
import type { Accept, Activity, Add, Reject, TentativeAccept } from '@fedify/vocab';
import { getLogger } from '@logtape/logtape';
import { z } from 'zod';
import { multikeyResolver } from '../declarations/proof-keys.ts';
import type { JsonObject } from '../proof.ts';
import { remoteDeclarationService } from '../declarations/send.service.ts';
import { readValidationDocument } from '../declarations/validation-document.ts';
import type { FederationData } from '../federation.ts';
import { iriOrObject } from './follow.ts';
import { admit, markSeen } from './guard.ts';

const logger = getLogger(['benevalibre', 'federation', 'inbox']);

const AnswerJson = z.looseObject({
  id: z.url(), type: z.enum(['Accept', 'Reject', 'TentativeAccept']), actor: iriOrObject, object: iriOrObject,
  result: z.looseObject({}).optional(), summary: z.string().optional(),
});
const AddJson = z.looseObject({ id: z.url(), type: z.literal('Add'), actor: iriOrObject, object: iriOrObject, target: iriOrObject.optional() });

const service = (ctx: InboxContext<FederationData>) => remoteDeclarationService(ctx.data);
/** Remote HTML is never rendered: the reason is kept as plain text. */
const plain = (s: string | undefined): string => (s ?? '').replace(/<[^>]*>/g, '').trim();

/** Whether an activity's object is the current Create/Update of one of our declarations (how answers are dispatched). */
export async function answersOurDeclaration(ctx: InboxContext<FederationData>, activity: Activity): Promise<boolean> {
  const object = activity.objectId?.href;
  if (!object || new URL(object).origin !== ctx.data.origin) return false;
  const row = await ctx.data.db.selectFrom('remote_declarations').select('id').where('activity_iri', '=', object).executeTakeFirst();
  return row !== undefined;
}

/** Admits the answer and finds our copy it is about, sent to its very sender. */
async function answered(ctx: InboxContext<FederationData>, activity: Accept | Reject | TentativeAccept) {
  const admitted = await admit(ctx, activity, AnswerJson);
  if (!admitted) return null;
  const object = activity.objectId?.href;
  const row = object ? await service(ctx).answered(object, admitted.actorIri) : null;
  if (!row) {
    logger.info('{type} {id}: not about one of our declarations sent to its sender, ignored', { type: admitted.json.type, id: admitted.id });
    return null;
  }
  return { admitted, row };
}

/** Accept{object: createOrUpdateId, result: Validation}: validated (maybe partly), evidence kept. */
export async function onDeclarationAccept(ctx: InboxContext<FederationData>, accept: Accept): Promise<void> {
  const found = await answered(ctx, accept);
  if (!found) return;
  const { admitted, row } = found;
  if (!admitted.json.result || !row.document) {
    logger.info('Accept {id} of a declaration without a Validation: dropped', { id: admitted.id });
    return;
  }
  const read = await readValidationDocument(admitted.json.result, {
    declaration: JSON.parse(row.document) as JsonObject,
    association: row.group_iri,
    resolveKey: multikeyResolver(ctx.documentLoader, ctx.contextLoader),
  });
  if (!read.ok) {
    logger.warn('Accept {id}: Validation refused ({problems})', { id: admitted.id, problems: read.problems.map((p) => `${p.field} ${p.code}`).join('; ') });
    return;
  }
  const done = await service(ctx).validated(row, read.value.validatedMinutes, read.value.reason, JSON.stringify(read.value.document));
  logger.info('Accept {id} of declaration {declaration}: {done}', { id: admitted.id, declaration: row.id, done });
  await markSeen(ctx, admitted, 'Accept');
}

/** Reject{object: createOrUpdateId, summary}: refused with the reason. */
export async function onDeclarationReject(ctx: InboxContext<FederationData>, reject: Reject): Promise<void> {
  const found = await answered(ctx, reject);
  if (!found) return;
  const done = await service(ctx).rejected(found.row, plain(found.admitted.json.summary));
  logger.info('Reject {id} of declaration {declaration}: {done}', { id: found.admitted.id, declaration: found.row.id, done });
  await markSeen(ctx, found.admitted, 'Reject');
}

/** TentativeAccept{object: createOrUpdateId}: received there, awaiting a manager's decision. */
export async function onDeclarationTentativeAccept(ctx: InboxContext<FederationData>, tentative: TentativeAccept): Promise<void> {
  const found = await answered(ctx, tentative);
  if (!found) return;
  const done = await service(ctx).tentative(found.row);
  logger.info('TentativeAccept {id} of declaration {declaration}: {done}', { id: found.admitted.id, declaration: found.row.id, done });
  await markSeen(ctx, found.admitted, 'TentativeAccept');
}

/** Add{object: declarationId, target: records}: the association recorded it; the Accept already said all we keep. */
export async function onDeclarationAdd(ctx: InboxContext<FederationData>, add: Add): Promise<void> {
  const admitted = await admit(ctx, add, AddJson);
  if (!admitted) return;
  logger.info('Add {id} of {object} by {actor}: acknowledged', { id: admitted.id, object: add.objectId?.href ?? '', actor: admitted.actorIri });
  await markSeen(ctx, admitted, 'Add');
}
