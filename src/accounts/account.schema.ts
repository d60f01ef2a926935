/** Request and response schemas of the accounts API; the OpenAPI document is built from them. */
import { z } from '@hono/zod-openapi';

/** Email: trimmed and lower-cased before checking (spec §A1). */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'invalid_email' }))
  .openapi({ example: 'marie@exemple.fr' });

/** 8–256 characters, no composition rules (NIST SP 800-63B); common ones refused by the service. */
// No custom message on the type check: the validation layer tells "missing" from "not a
// string" by zod's own wording, and a fixed 'required' would hide the second case.
export const Password = z
  .string()
  .min(8, { message: 'password_too_short' })
  .max(256, { message: 'password_too_long' })
  .openapi({ format: 'password' });

const name = (max: number) => z.string().trim().max(max).nullable().optional();

export const Language = z.enum(['fr', 'en']);
export const Theme = z.enum(['light', 'dark', 'auto']);

export const RegisterBody = z
  .object({
    email: Email,
    password: Password,
    firstName: name(30),
    lastName: name(50),
    pseudo: name(30),
    language: Language.default('fr'),
    acceptTerms: z.boolean().default(false),
    ageConfirmation: z.boolean().default(false),
  })
  .openapi('RegisterBody');

export const EmailBody = z.object({ email: Email }).openapi('EmailBody');
export const TokenBody = z.object({ token: z.string().min(1).max(200) }).openapi('TokenBody');
export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(256) }).openapi('LoginBody');
export const ResetConfirmBody = z.object({ token: z.string().min(1).max(200), password: Password }).openapi('ResetConfirmBody');
export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: Password })
  .openapi('ChangePasswordBody');
export const ChangeEmailBody = z
  .object({ newEmail: Email, currentPassword: z.string().min(1).max(256) })
  .openapi('ChangeEmailBody');
export const CurrentPasswordBody = z.object({ currentPassword: z.string().min(1).max(256) }).openapi('CurrentPasswordBody');
export const ProfileBody = z
  .object({ firstName: name(30), lastName: name(50), pseudo: name(30), theme: Theme.optional(), language: Language.optional() })
  .openapi('ProfileBody');

export const Account = z
  .object({
    id: z.string(),
    handle: z.string().nullable(),
    email: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    pseudo: z.string().nullable(),
    displayName: z.string(),
    initials: z.string(),
    avatarColor: z.number().int(),
    avatarUrl: z.string().nullable(),
    theme: Theme,
    language: Language,
    isAdmin: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Account');

export const SessionInfo = z.object({ account: Account, csrfToken: z.string() }).openapi('SessionInfo');
export const Session = z
  .object({ id: z.string(), createdAt: z.string(), lastSeenAt: z.string(), userAgent: z.string().nullable(), current: z.boolean() })
  .openapi('Session');
export const SessionList = z.object({ items: z.array(Session) }).openapi('SessionList');

export const TokenScope = z.enum(['read', 'write']);
export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: TokenScope,
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiToken');
export const ApiTokenList = z.object({ items: z.array(ApiToken) }).openapi('ApiTokenList');
export const CreateTokenBody = z
  .object({
    name: z.string().trim().min(1).max(60),
    scope: TokenScope,
    expiresInDays: z.union([z.literal(30), z.literal(90), z.literal(365), z.null()]).default(90),
  })
  .openapi('CreateTokenBody');
export const CreatedToken = z.object({ token: ApiToken, secret: z.string() }).openapi('CreatedToken');
export const IdParam = z.object({ id: z.string().min(1).max(64) });

export const Status = z.object({ status: z.string() }).openapi('Status');
export const CsrfOnly = z.object({ csrfToken: z.string() }).openapi('CsrfToken');

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');
