/** Request and response schemas of memberships and anonymous members (spec §A3). */
import { z } from '@hono/zod-openapi';
import { RoleRef } from '../roles/role.schema.ts';
import { AssociationSummary } from '../associations/association.schema.ts';

const id = z.string().min(1).max(64);

/** `{id}` of an association: its id or its handle. */
export const AssociationParam = z.object({ id: id.openapi({ description: 'Association id or handle' }) });
export const MemberParam = AssociationParam.extend({ membershipId: id });
export const RoleParam = AssociationParam.extend({ roleId: id });
export const AnonymousMemberParam = AssociationParam.extend({ amId: id });

export const MembershipStatus = z.enum(['pending', 'active']);
export const MemberFunction = z.enum(['governance', 'supervision', 'none']).openapi({
  description: 'For the compte d’engagement citoyen: governance (board), supervision (of other volunteers), or none',
});

export const MemberAccount = z
  .object({
    id: z.string(),
    handle: z.string().nullable(),
    displayName: z.string(),
    initials: z.string(),
    avatarColor: z.number().int(),
    avatarUrl: z.string().nullable(),
    remote: z
      .object({ actor: z.string(), handle: z.string().nullable().openapi({ description: 'user@site.org' }), url: z.string().nullable() })
      .nullable()
      .openapi({ description: 'A member from another site (null for this site’s accounts)' }),
  })
  .openapi('MemberAccount');

export const Member = z
  .object({
    id: z.string().openapi({ description: 'Membership id' }),
    account: MemberAccount,
    role: RoleRef,
    status: MembershipStatus,
    function: MemberFunction,
    createdAt: z.string(),
    approvedAt: z.string().nullable(),
  })
  .openapi('Member');

export const MemberPage = z
  .object({ items: z.array(Member), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
  .openapi('MemberPage');

export const MemberListQuery = z.object({
  role: id.optional().openapi({ description: 'Only members with this role id' }),
  status: MembershipStatus.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export const MemberRemoveQuery = z.object({
  reason: z.string().trim().max(500).optional().openapi({ description: 'Why a pending request is refused: sent to a member from another site' }),
});

export const MemberPatchBody = z.object({ roleId: id.optional(), function: MemberFunction.optional() }).openapi('MemberPatchBody');

// Anonymous members -----------------------------------------------------------------------

/** A calendar date that exists (2026-02-30 does not). */
const isoDate = z
  .string()
  .refine((s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'anonymous_date_invalid')
  .openapi({ format: 'date' });

const anonymousName = z.string().trim().min(1).max(60);

export const AnonymousMemberBody = z
  .object({ name: anonymousName, expiresOn: isoDate.nullable().optional(), isActive: z.boolean().optional() })
  .openapi('AnonymousMemberBody');
export const AnonymousMemberPatchBody = z
  .object({ name: anonymousName.optional(), expiresOn: isoDate.nullable().optional(), isActive: z.boolean().optional() })
  .openapi('AnonymousMemberPatchBody');

export const AnonymousMember = z
  .object({
    id: z.string(),
    name: z.string(),
    expiresOn: z.string().nullable().openapi({ description: 'YYYY-MM-DD, in the association’s time zone' }),
    isActive: z.boolean(),
    lastVisitAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AnonymousMember');
export const AnonymousMemberList = z.object({ items: z.array(AnonymousMember) }).openapi('AnonymousMemberList');
export const Link = z.object({ link: z.string().openapi({ description: 'Shown once: only its hash is kept' }) }).openapi('AnonymousLink');
export const CreatedAnonymousMember = z.object({ anonymousMember: AnonymousMember, link: z.string() }).openapi('CreatedAnonymousMember');

export const AnonymousSessionBody = z.object({ key: z.string().min(1).max(200) }).openapi('AnonymousSessionBody');


export const AnonymousSession = z
  .object({
    anonymousMember: z.object({ id: z.string(), name: z.string() }),
    association: AssociationSummary,
    csrfToken: z.string(),
  })
  .openapi('AnonymousSession');
