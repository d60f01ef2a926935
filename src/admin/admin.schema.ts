/** Schemas of the instance administration: settings, accounts, audit trail, statistics. */
import { z } from '@hono/zod-openapi';
import { Problem } from '../accounts/account.schema.ts';

export const conflict = { 409: { content: { 'application/problem+json': { schema: Problem } }, description: 'Refused by a rule (`code` says which)' } } as const;
export const notFound = { 404: { content: { 'application/problem+json': { schema: Problem } }, description: 'Not found' } } as const;

const LEGAL_TEXT_MAX = 50_000;
const legalText = z.string().max(LEGAL_TEXT_MAX);

export const SettingsPatch = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    termsOfUse: legalText.optional(),
    legalNotice: legalText.optional(),
    privacyNotice: legalText.optional(),
    registrationOpen: z.boolean().optional(),
    associationCreationOpen: z.boolean().optional(),
    associationCreationModerated: z.boolean().optional(),
  })
  .openapi('SettingsPatch');

export const Settings = z
  .object({
    name: z.string(),
    termsOfUse: z.string(),
    legalNotice: z.string(),
    privacyNotice: z.string(),
    registrationOpen: z.boolean(),
    associationCreationOpen: z.boolean(),
    associationCreationModerated: z.boolean(),
  })
  .openapi('Settings');

const page = z.coerce.number().int().min(1).max(100_000).default(1);
/** 'remote': a member from another site (listed only when asked for by this filter). */
export const AccountStatus = z.enum(['inactive', 'active', 'disabled', 'deleted', 'remote']);

export const AccountsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: AccountStatus.optional().openapi({ description: 'Without it: every account but the deleted ones' }),
  page,
});

export const AdminAccount = z
  .object({
    id: z.string(),
    handle: z.string().nullable(),
    email: z.string().nullable().openapi({ description: 'null once deleted' }),
    displayName: z.string(),
    status: AccountStatus,
    isAdmin: z.boolean(),
    createdAt: z.string(),
    activatedAt: z.string().nullable(),
  })
  .openapi('AdminAccount');
export const AdminAccountPage = z
  .object({ items: z.array(AdminAccount), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() })
  .openapi('AdminAccountPage');
export const AccountIdParam = z.object({ id: z.string().min(1).max(64) });

export const AuditQuery = z.object({
  // Empty values mean "no filter", as forms send them.
  associationId: z.string().max(64).optional(),
  before: z
    .string()
    .regex(/^(?:[^,]{1,40},[^,]{1,64})?$/)
    .optional()
    .openapi({ description: 'createdAt,id of the last entry of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// One audit schema for the whole API.
export { AuditList as AdminAuditList } from '../audit/audit.schema.ts';

export const Stats = z
  .object({
    accounts: z.number().int().openapi({ description: 'Every account but the deleted ones' }),
    activeAccounts: z.number().int(),
    associations: z.number().int(),
    activeAssociations: z.number().int(),
    pendingAssociations: z.number().int().openapi({ description: 'Awaiting approval' }),
    orphanedAssociations: z.number().int().openapi({ description: 'Without any active manager' }),
    memberships: z.number().int().openapi({ description: 'Active memberships' }),
  })
  .openapi('Stats');
