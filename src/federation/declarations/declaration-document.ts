/**
 * The `Declaration` a volunteer's instance sends to a remote association (federation.md,
 * Vocabulary and flows 3–5), and the receiving side's reading of it.
 *
 * Built as raw JSON-LD, never through Fedify's classes (they would drop our terms), with
 * our context inline, and signed with the author's Ed25519 Multikey (`#multikey-2`) so
 * that the association can keep it as evidence. People are named only by actor id: the
 * document stays verifiable after an erasure.
 *
 * The reader applies the same value rules as a local declaration (declaration.rules.ts),
 * so a remote member can neither declare what a local one could not nor be refused what
 * a local one could.
 */
import { z } from 'zod';
import { DESCRIPTION_MAX, MAX_DISTANCE_HUNDREDTHS, TITLE_MAX, checkEffort, isCalendarDate } from '../../declarations/declaration.rules.ts';
import { htmlToText } from '../lookup.ts';
import { addProof, proofVerificationMethod, verifyProofs, type JsonObject, type ProofKeyResolver } from '../proof.ts';
import { actorIri, declarationIri } from '../uris.ts';
import { BV_DOCUMENT_CONTEXT } from '../vocabulary.ts';
import {
  decimalToHundredths, durationToMinutes, hasOurVocabulary, hundredthsToDecimal, instant, minutesToDuration, originOf, withoutFragment,
  zodProblems, type DocumentProblem, type ReadResult,
} from './values.ts';

/** What a declaration is, on the volunteer's instance, with the remote association's IRIs. */
export interface DeclarationDocumentInput {
  /** The volunteer's instance, e.g. https://a.example (no trailing slash). */
  origin: string;
  /** Our declaration's id (UUIDv7): the document's id is `${origin}/ap/declarations/{id}`. */
  declarationId: string;
  /** The author's account id: `attributedTo` is its Person on the same origin. */
  authorAccountId: string;
  /** The remote association's actor id and its `records` collection. */
  association: { id: string; records: string };
  title: string;
  description: string;
  /** YYYY-MM-DD. */
  date: string;
  endDate: string | null;
  durationMinutes: number;
  distanceHundredths: number;
  /** IRIs of the association's catalog objects (its collections, cached by remote-catalog.ts). */
  categoryIri: string;
  projectIri: string | null;
  levelIri: string | null;
  /** The reference code of the category, when it has one. */
  defaultCategory: string | null;
  published: Date | string;
  updated: Date | string | null;
}

/** The unsigned document (pure): what is signed, and what the association's digest covers once received. */
export function buildDeclarationDocument(input: DeclarationDocumentInput): JsonObject {
  const doc: JsonObject = {
    '@context': [...BV_DOCUMENT_CONTEXT],
    id: declarationIri(input.origin, input.declarationId),
    type: ['Object', 'Declaration'],
    attributedTo: actorIri(input.origin, input.authorAccountId),
    // Addressed to the association only: personal data never goes public.
    to: input.association.id,
    audience: input.association.id,
    target: input.association.records,
    name: input.title,
    // Plain text, said so: the association never renders remote HTML, and a text sent as
    // text reaches it unchanged (no HTML round trip).
    ...(input.description !== '' ? { content: input.description, mediaType: 'text/plain' } : {}),
    date: input.date,
    ...(input.endDate !== null ? { endDate: input.endDate } : {}),
    duration: minutesToDuration(input.durationMinutes),
    distance: hundredthsToDecimal(input.distanceHundredths),
    category: input.categoryIri,
    ...(input.levelIri !== null ? { level: input.levelIri } : {}),
    ...(input.projectIri !== null ? { context: input.projectIri } : {}),
    ...(input.defaultCategory !== null ? { defaultCategory: input.defaultCategory } : {}),
    published: instant(input.published),
    ...(input.updated !== null ? { updated: instant(input.updated) } : {}),
  };
  return doc;
}

/** The document signed by the author's Ed25519 key (`privateKey` from keys.ts `actorKeyPairs(...)[1]`). */
export async function toDeclarationDocument(input: DeclarationDocumentInput, privateKey: CryptoKey, created: Date): Promise<JsonObject> {
  const author = actorIri(input.origin, input.authorAccountId);
  return addProof(buildDeclarationDocument(input), privateKey, { verificationMethod: proofVerificationMethod(author), created });
}

/** What the association knows before reading a declaration sent to it. */
export interface DeclarationExpectations {
  /** Its own actor id and `records` collection. */
  association: string;
  records: string;
  /** The IRIs of its categories, projects and levels (federation.md flow 3: « its own »). */
  categories: ReadonlySet<string>;
  projects: ReadonlySet<string>;
  levels: ReadonlySet<string>;
  /** YYYY-MM-DD in the association's time zone (`todayIn`): no declaration in the future. */
  today: string;
  /** The author's public keys (their actor's `assertionMethod`). */
  resolveKey: ProofKeyResolver;
}

/** A declaration as the association reads it: our integer units, IRIs kept as they came. */
export interface ReceivedDeclaration {
  id: string;
  authorIri: string;
  association: string;
  title: string;
  description: string;
  date: string;
  endDate: string | null;
  durationMinutes: number;
  distanceHundredths: number;
  categoryIri: string;
  projectIri: string | null;
  levelIri: string | null;
  /** As the author's instance wrote it: informative only — the association counts by its own category's code. */
  defaultCategory: string | null;
  published: string;
  updated: string | null;
  /** The Multikeys that signed it. */
  signedBy: string[];
  /** The JSON exactly as received (proof included): what to store, and what a Validation's digest covers. */
  document: JsonObject;
}

const iri = z.string().max(2048).refine((s) => originOf(s) !== null && /^https?:/.test(s), 'not_an_iri');
const addressees = z.union([iri.transform((s) => [s]), z.array(iri).max(50)]);
const dateTime = z.string().max(64).refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'not_a_date_time');

/** The shape we rely on; unknown properties are ignored (federation.md: changes are additive). */
const DeclarationJson = z.object({
  '@context': z.unknown().refine(hasOurVocabulary, 'missing_vocabulary'),
  id: iri,
  type: z.array(z.string()).refine((t) => t.includes('Declaration'), 'not_a_declaration'),
  attributedTo: iri,
  to: addressees,
  audience: addressees,
  target: iri,
  name: z.string().max(TITLE_MAX * 4),
  content: z.string().max(DESCRIPTION_MAX * 4).optional(),
  mediaType: z.string().max(100).optional(),
  date: z.string().max(10),
  endDate: z.string().max(10).nullable().optional(),
  duration: z.string().max(40),
  distance: z.string().max(20).optional(),
  category: iri,
  level: iri.nullable().optional(),
  context: iri.nullable().optional(),
  defaultCategory: z.string().max(64).nullable().optional(),
  published: dateTime,
  updated: dateTime.nullable().optional(),
  proof: z.unknown().refine((p) => p !== undefined, 'required'),
});

// The field names of declaration.rules.ts (the API's) → the document's properties.
const RULE_FIELD: Record<string, string> = { date: 'date', endDate: 'endDate', durationMinutes: 'duration', distanceKm: 'distance' };

/**
 * Reads a `Declaration` received by an association: shape (zod), origin (the author's
 * instance wrote it), addressing (this association only), catalog IRIs (its own), the
 * value rules of a local declaration, and the author's proof. Never throws on bad input:
 * every refusal is a list of problems naming the properties at fault. What needs the
 * database stays with the caller: that the author is a member, and the moderation.
 */
export async function readDeclarationDocument(json: unknown, expect: DeclarationExpectations): Promise<ReadResult<ReceivedDeclaration>> {
  const parsed = DeclarationJson.safeParse(json);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const d = parsed.data;
  const problems: DocumentProblem[] = [];
  const problem = (field: string, code: string, params?: Record<string, string | number>) => problems.push({ field, code, ...(params ? { params } : {}) });

  // Only the author's instance may speak for the declaration (federation.md, Principles).
  if (originOf(d.id) !== originOf(d.attributedTo)) problem('id', 'origin_mismatch');
  for (const field of ['to', 'audience'] as const) {
    const list = d[field];
    if (!list.includes(expect.association)) problem(field, 'not_this_association');
    // Personal data never goes public, nor to anyone else (federation.md, Principles).
    else if (list.length > 1) problem(field, 'addressed_beyond_the_association');
  }
  if (d.target !== expect.records) problem('target', 'not_this_records');

  const title = d.name.trim();
  if (title === '') problem('name', 'required');
  else if (title.length > TITLE_MAX) problem('name', 'too_long', { max: TITLE_MAX });
  const description = (d.mediaType === 'text/html' ? htmlToText(d.content ?? '') : (d.content ?? '')).trim();
  if (description.length > DESCRIPTION_MAX) problem('content', 'too_long', { max: DESCRIPTION_MAX });

  const datesOk = isCalendarDate(d.date) && (d.endDate == null || isCalendarDate(d.endDate));
  if (!isCalendarDate(d.date)) problem('date', 'declaration_date_invalid');
  if (d.endDate != null && !isCalendarDate(d.endDate)) problem('endDate', 'declaration_date_invalid');
  const minutes = durationToMinutes(d.duration);
  if (minutes === null) problem('duration', 'invalid_duration');
  const hundredths = d.distance === undefined ? 0 : decimalToHundredths(d.distance);
  if (hundredths === null) problem('distance', 'declaration_distance_invalid');
  else if (hundredths > MAX_DISTANCE_HUNDREDTHS) problem('distance', 'declaration_distance_too_big');
  if (datesOk && minutes !== null && hundredths !== null) {
    const effort = { date: d.date, endDate: d.endDate ?? null, durationMinutes: minutes, distanceHundredths: hundredths };
    for (const e of checkEffort(effort, expect.today)) problem(RULE_FIELD[e.field] ?? e.field, e.code, e.params);
  }

  if (!expect.categories.has(d.category)) problem('category', 'not_this_association_catalog');
  if (d.context != null && !expect.projects.has(d.context)) problem('context', 'not_this_association_catalog');
  if (d.level != null && !expect.levels.has(d.level)) problem('level', 'not_this_association_catalog');

  // The proof last, over the document exactly as received.
  const document = json as JsonObject;
  const signedBy = await verifyProofs(document, expect.resolveKey).catch(() => null);
  if (signedBy === null) problem('proof', 'invalid_proof');
  else if (!signedBy.every((m) => withoutFragment(m) === d.attributedTo)) problem('proof', 'not_signed_by_author');

  if (problems.length > 0 || signedBy === null || minutes === null || hundredths === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      id: d.id, authorIri: d.attributedTo, association: expect.association, title, description, date: d.date, endDate: d.endDate ?? null,
      durationMinutes: minutes, distanceHundredths: hundredths, categoryIri: d.category, projectIri: d.context ?? null,
      levelIri: d.level ?? null, defaultCategory: d.defaultCategory ?? null, published: d.published, updated: d.updated ?? null,
      signedBy, document,
    },
  };
}
