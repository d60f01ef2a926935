/** Small helpers so route definitions stay short while the OpenAPI document stays complete. */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';
import { validationHook } from './validation.ts';
import { Problem } from '../accounts/account.schema.ts';

export const newRouter = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const problem = (description: string) => ({ content: { 'application/problem+json': { schema: Problem } }, description });

export const noContent = { 204: { description: 'Done' } } as const;

export const problems = {
  401: problem('Not logged in'),
  403: problem('Forbidden (CSRF, scope, closed registration…)'),
  422: problem('Invalid input; `errors` names each field'),
  429: problem('Too many attempts; see Retry-After'),
} as const;
