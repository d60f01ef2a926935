/** Request and response schemas of the associations API; the OpenAPI document is built from them. */
import { z } from '@hono/zod-openapi';
import { Permissions } from '../roles/role.schema.ts';

/** ISO 3166-1 alpha-2 codes in use (249), not the reserved or withdrawn ones. */
const COUNTRIES = new Set(
  ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG ' +
    'CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL ' +
    'GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA ' +
    'LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP ' +
    'NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW').split(' '),
);

const ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

/** An IANA zone name: ICU's canonical list, plus the aliases it still understands (Asia/Kolkata…). */
export function isTimeZone(zone: string): boolean {
  if (ZONES.has(zone)) return true;
  if (!/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
}

export const MAX_YEARLY_INCOME = 10_000_000_000;

const fields = {
  name: z.string().trim().min(1).max(127).openapi({ example: 'Les Amis du Quartier' }),
  description: z.string().trim().max(5000).optional(),
  website: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || isHttpUrl(v), { message: 'association_website_invalid' })
    .nullable()
    .optional()
    .openapi({ example: 'https://amis-du-quartier.fr' }),
  activityFieldCode: z.string().trim().max(10).nullable().optional().openapi({ example: '3.6' }),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => COUNTRIES.has(v), { message: 'association_country_invalid' })
    .optional()
    .openapi({ example: 'FR', description: 'ISO 3166-1 alpha-2; FR when omitted' }),
  postalCode: z.string().trim().max(10).nullable().optional().openapi({ example: '21000' }),
  hasEmployees: z.enum(['yes', 'no', 'unknown']).optional(),
  yearlyIncome: z.number().int().min(0).max(MAX_YEARLY_INCOME).nullable().optional().openapi({ description: 'Whole euros' }),
  timeZone: z
    .string()
    .trim()
    .max(64)
    .refine(isTimeZone, { message: 'association_time_zone_invalid' })
    .optional()
    .openapi({ example: 'Europe/Paris' }),
  isHidden: z.boolean().optional(),
  moderateMembership: z.boolean().optional(),
  moderateDeclarations: z.boolean().optional(),
};

export const CreateAssociationBody = z.object(fields).openapi('CreateAssociationBody');
export const UpdateAssociationBody = z.object({ ...fields, name: fields.name.optional() }).openapi('UpdateAssociationBody');
export const HandleBody = z.object({ handle: z.string().max(60).openapi({ example: 'amis_du_quartier' }) }).openapi('HandleBody');
export const DeletionBody = z.object({ confirmName: z.string().max(300) }).openapi('AssociationDeletionBody');

export const RefParam = z.object({ ref: z.string().min(1).max(64).openapi({ description: 'Handle or id' }) });
export const IdParam = z.object({ id: z.string().min(1).max(64).openapi({ description: 'Id (or handle)' }) });

export const ListQuery = z.object({
  q: z.string().max(127).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export const SampleQuery = z.object({ count: z.coerce.number().int().min(1).max(24).default(6) });

/** `before=<createdAt>,<id>` of the last entry seen. */
export const AuditQuery = z.object({
  before: z
    .string()
    .max(200)
    .refine((v) => /^\d{4}-\d\d-\d\dT[^,]+,[^,]+$/.test(v), { message: 'association_before_invalid' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// One Permissions schema for the whole API (roles own it).
export { Permissions };

export const AssociationSummary = z
  .object({
    id: z.string(),
    handle: z.string(),
    name: z.string(),
    description: z.string(),
    logoUrl: z.string().nullable(),
    activityField: z.object({ code: z.string(), name: z.string() }).nullable(),
    postalCode: z.string().nullable(),
    country: z.string(),
    isHidden: z.boolean(),
    isActive: z.boolean(),
    memberCount: z.number().int(),
  })
  .openapi('AssociationSummary');

export const MembershipBrief = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'active']),
    role: z.object({ id: z.string(), name: z.string() }),
    function: z.enum(['governance', 'supervision', 'none']),
  })
  .openapi('MembershipBrief');

export const Association = AssociationSummary.extend({
  website: z.string().nullable(),
  hasEmployees: z.enum(['yes', 'no', 'unknown']),
  yearlyIncome: z.number().int().nullable(),
  timeZone: z.string(),
  moderateMembership: z.boolean(),
  moderateDeclarations: z.boolean(),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  viewer: z.object({
    membership: MembershipBrief.nullable(),
    permissions: Permissions,
    canJoin: z.boolean(),
    canLeave: z.boolean(),
    isAdmin: z.boolean(),
    isAnonymousMember: z.boolean(),
  }),
}).openapi('Association');

const pagedOf = <T extends z.ZodType>(item: T) => ({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
export const AssociationPage = z.object(pagedOf(AssociationSummary)).openapi('AssociationPage');
export const AssociationSample = z.object({ items: z.array(AssociationSummary) }).openapi('AssociationSample');

export { AuditEntry, AuditList } from '../audit/audit.schema.ts';

export const Dashboard = z
  .object({
    items: z.array(
      z.object({
        association: AssociationSummary,
        membership: MembershipBrief,
        permissions: Permissions,
        counts: z.object({ members: z.number().int(), pending: z.number().int() }).nullable(),
      }),
    ),
  })
  .openapi('MyAssociations');
