/**
 * zod issues → field errors with plain-word message keys. zod's own messages are
 * technical ("expected string, received undefined"); volunteers read ours instead.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { isMessageKey } from '../i18n/messages.ts';
import type { FieldError } from '../lib/errors.ts';
import type { AppEnv } from './context.ts';
import { problem } from './problem.ts';

export function issueToFieldError(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  switch (issue.code) {
    case 'custom':
      return { field, code: isMessageKey(issue.message) ? issue.message : 'invalid' };
    case 'invalid_type':
      return { field, code: /received undefined|received null/.test(issue.message) ? 'required' : 'invalid' };
    case 'too_big':
      // A message key given by the schema (e.g. password_too_long) is more precise than ours.
      if (isMessageKey(issue.message)) return { field, code: issue.message, params: { max: Number(issue.maximum) } };
      if (issue.origin === 'string') return { field, code: 'too_long', params: { max: Number(issue.maximum) } };
      return { field, code: 'too_big', params: { max: Number(issue.maximum) } };
    case 'too_small':
      if (isMessageKey(issue.message)) return { field, code: issue.message, params: { min: Number(issue.minimum) } };
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? { field, code: 'required' }
          : { field, code: 'too_short', params: { min: Number(issue.minimum) } };
      }
      return { field, code: 'too_small', params: { min: Number(issue.minimum) } };
    case 'invalid_format':
      if (isMessageKey(issue.message)) return { field, code: issue.message };
      return { field, code: issue.format === 'email' ? 'invalid_email' : 'invalid' };
    case 'invalid_value':
      if (isMessageKey(issue.message)) return { field, code: issue.message };
      return { field, code: issue.values.length === 1 && issue.values[0] === true ? 'required' : 'invalid_choice' };
    case 'unrecognized_keys':
      return { field: issue.keys[0] ?? field, code: 'invalid' };
    default:
      return { field, code: isMessageKey(issue.message) ? issue.message : 'invalid' };
  }
}

export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map(issueToFieldError);
}

/** The defaultHook of every OpenAPI router: a failed validation becomes a 422 problem. */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError },
  c: Context<AppEnv>,
): Response | undefined {
  if (result.success) return undefined;
  return problem(c, 422, 'validation_failed', { fields: zodIssuesToFields(result.error.issues) });
}
