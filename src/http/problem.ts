/**
 * Every error leaves as application/problem+json (RFC 9457) in the reader's language,
 * naming each bad field. Services throw AppError with message keys; nothing else may
 * decide a status code.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { getLogger } from '@logtape/logtape';
import { AppError, RateLimitedError, type FieldError } from '../lib/errors.ts';
import { t, type MessageKey } from '../i18n/messages.ts';
import type { AppEnv } from './context.ts';

const STATUS: Record<AppError['kind'], number> = {
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  gone: 410,
};

const logger = getLogger(['benevalibre', 'http']);

export function problem(
  c: Context<AppEnv>,
  status: number,
  code: MessageKey,
  options: { fields?: FieldError[]; params?: Record<string, string | number>; headers?: Record<string, string> } = {},
): Response {
  const lang = c.get('lang') ?? 'fr';
  const body: Record<string, unknown> = {
    type: `/api/problems/${code.replaceAll('_', '-')}`,
    title: t(code, lang, options.params),
    status,
    code,
  };
  if (options.fields && options.fields.length > 0) {
    body.errors = options.fields.map((f) => ({ field: f.field, code: f.code, message: t(f.code, lang, f.params) }));
    body.detail = body.errors && (body.errors as { field: string; message: string }[]).map((e) => `${e.field}: ${e.message}`).join(' ');
  } else {
    body.detail = body.title;
  }
  const requestId = c.get('requestId');
  if (requestId) body.instance = `urn:request:${requestId}`;
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', 'Content-Language': lang, ...options.headers },
  });
}

/** Hono onError: typed errors become problems; anything else is logged and hidden. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof RateLimitedError) {
    return problem(c, 429, err.code, { params: err.params, headers: { 'Retry-After': String(err.retryAfterSeconds) } });
  }
  if (err instanceof AppError) return problem(c, STATUS[err.kind], err.code, { fields: err.fields, params: err.params });
  if (err instanceof HTTPException) {
    const status = err.status;
    // hono's validator throws a bare 400 for a body it cannot parse (malformed JSON or form):
    // name the body, like any other invalid field.
    if (status === 400) return problem(c, 400, 'validation_failed', { fields: [{ field: 'body', code: 'invalid' }] });
    if (status === 413) return problem(c, 413, 'payload_too_large');
    if (status === 401) return problem(c, 401, 'unauthenticated');
    if (status === 403) return problem(c, 403, 'forbidden');
    if (status === 404) return problem(c, 404, 'not_found');
    if (status === 405) return problem(c, 405, 'method_not_allowed');
    if (status === 415) return problem(c, 415, 'unsupported_media_type');
    if (status >= 400 && status < 500) return problem(c, status, 'invalid');
  }
  // Malformed JSON bodies surface as SyntaxError from the validator: the client's fault.
  if (err instanceof SyntaxError) return problem(c, 400, 'validation_failed', { fields: [{ field: 'body', code: 'invalid' }] });
  logger.error('Unhandled error {error} on {method} {path}', {
    error: err,
    method: c.req.method,
    path: c.req.path,
    requestId: c.get('requestId'),
  });
  return problem(c, 500, 'internal_error');
}
