/** Request and response schemas of declarations and their moderation (spec §A4). */
import { z } from '@hono/zod-openapi';
import { AssociationParam } from '../memberships/membership.schema.ts';
import { DESCRIPTION_MAX, REASON_MAX, TITLE_MAX, isCalendarDate, parseDistance } from './declaration.rules.ts';

const id = z.string().min(1).max(64);

export const DeclarationParam = z.object({ id: id.openapi({ description: 'Declaration id' }) });
export { AssociationParam };

/** A calendar date YYYY-MM-DD that exists. */
const isoDate = z.string().refine(isCalendarDate, 'declaration_date_invalid').openapi({ format: 'date', example: '2026-11-27' });

/** Kilometres as text ("12.5", "12,50") or a number; at most two decimals, 0 to 100 000. */
const distance = z
  .union([z.string().max(20), z.number()])
  .superRefine((value, ctx) => {
    const parsed = parseDistance(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.code });
  })
  .openapi({ description: 'Kilometres, at most two decimals (stored exactly as hundredths)', example: '12.50' });

export const DeclarationStatus = z.enum(['pending', 'validated', 'rejected']);
export const AuthorType = z.enum(['account', 'anonymous', 'none']);

export const AuthorInput = z
  .object({ type: AuthorType, id: id.nullable().optional().openapi({ description: 'Account id or anonymous member id; none for `none`' }) })
  .openapi('DeclarationAuthorInput', { description: 'Managers (manageDeclarations) only, unless it designates yourself' });

const fields = {
  categoryId: id,
  projectId: id.nullable().optional(),
  levelId: id.nullable().optional(),
  title: z.string().trim().min(1).max(TITLE_MAX),
  description: z.string().trim().max(DESCRIPTION_MAX).nullable().optional(),
  date: isoDate,
  endDate: isoDate.nullable().optional().openapi({ description: 'For an action over several days; strictly after `date`' }),
  durationMinutes: z.number().int().min(0).openapi({ description: 'Hours × 60 + minutes; at most 24 h per day spanned' }),
  distanceKm: distance.nullable().optional(),
  author: AuthorInput.optional(),
};

export const DeclarationBody = z
  .object({
    ...fields,
    idempotencyKey: z.string().trim().min(1).max(64).optional().openapi({
      description: 'Client-generated (UUID): the same key again returns the first declaration (200) and records nothing',
    }),
  })
  .openapi('DeclarationBody');

export const DeclarationPatchBody = z
  .object({
    categoryId: fields.categoryId.optional(),
    projectId: fields.projectId,
    levelId: fields.levelId,
    title: fields.title.optional(),
    description: fields.description,
    date: fields.date.optional(),
    endDate: fields.endDate,
    durationMinutes: fields.durationMinutes.optional(),
    distanceKm: fields.distanceKm,
    author: fields.author,
  })
  .openapi('DeclarationPatchBody');

export const ValidationBody = z
  .object({
    validatedMinutes: z.number().int().min(0).optional().openapi({ description: 'Defaults to the declared duration' }),
    reason: z.string().trim().max(REASON_MAX).nullable().optional().openapi({ description: 'Required when validating less than declared' }),
  })
  .openapi('DeclarationValidationBody');

export const RejectionBody = z.object({ reason: z.string().trim().min(1).max(REASON_MAX) }).openapi('DeclarationRejectionBody');

export const BulkValidationBody = z.object({ ids: z.array(id).min(1).max(200) }).openapi('DeclarationBulkValidationBody');

const ref = z.object({ id: z.string(), name: z.string() });
/** A validation's frozen value (src/valuation/): valued, not valued with the reason, or not yet valued. */
const ValidationValue = z.object({
  status: z.enum(['valued', 'not_valued', 'not_yet_valued']),
  cents: z.number().int().nullable(),
  rateCents: z.number().int().nullable(),
  method: z.string().nullable(),
  reason: z.string().nullable().openapi({ description: 'not_valued: no_rate | no_smic | no_level | level_without_rate | category_without_rate' }),
});

export const Declaration = z
  .object({
    id: z.string(),
    associationId: z.string(),
    association: z.object({ id: z.string(), handle: z.string(), name: z.string() }),
    author: z.object({ type: AuthorType, id: z.string().nullable(), displayName: z.string().nullable() }),
    category: ref,
    project: ref.nullable(),
    level: ref.nullable(),
    title: z.string(),
    description: z.string(),
    date: z.string(),
    endDate: z.string().nullable(),
    durationMinutes: z.number().int(),
    distanceKm: z.string().openapi({ example: '12.50' }),
    status: DeclarationStatus,
    rejectionReason: z.string().nullable(),
    validation: z
      .object({
        id: z.string(),
        validatedMinutes: z.number().int(),
        validatedAt: z.string(),
        validatedBy: z.object({ id: z.string().nullable(), label: z.string() }),
        reason: z.string().nullable(),
        value: ValidationValue.optional().openapi({ description: 'Its value in euros, frozen when validated: shown to those who manage declarations only' }),
      })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    can: z.object({ edit: z.boolean(), delete: z.boolean(), validate: z.boolean() }),
    remote: z
      .object({ site: z.string(), authorHandle: z.string().nullable() })
      .nullable()
      .openapi({ description: "Declared from a member's site (« déclarée depuis {site} »): decided here, edited only there" }),
  })
  .openapi('Declaration');

export const DeclarationPage = z
  .object({ items: z.array(Declaration), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
  .openapi('DeclarationPage');
export const DeclarationList = z.object({ items: z.array(Declaration) }).openapi('DeclarationList');

const page = z.coerce.number().int().min(1).max(100_000).default(1);
const period = { status: DeclarationStatus.optional(), from: isoDate.optional(), to: isoDate.optional(), page };

export const MyDeclarationsQuery = z.object({ associationId: id.optional().openapi({ description: 'Association id or handle' }), ...period });

export const AssociationDeclarationsQuery = z.object({
  authorAccountId: id.optional(),
  authorAnonymousId: id.optional(),
  projectId: id.optional(),
  categoryId: id.optional(),
  levelId: id.optional(),
  ...period,
});
