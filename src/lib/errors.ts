/**
 * Typed errors thrown by services. They carry message keys, never text: the HTTP layer
 * turns them into application/problem+json in the reader's language.
 */
import type { MessageKey } from '../i18n/messages.ts';

export interface FieldError {
  field: string;
  code: MessageKey;
  params?: Record<string, string | number>;
}

export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'gone';

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: MessageKey;
  readonly fields: FieldError[];
  readonly params: Record<string, string | number>;
  constructor(kind: ErrorKind, code: MessageKey, options: { fields?: FieldError[]; params?: Record<string, string | number> } = {}) {
    super(code);
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.fields = options.fields ?? [];
    this.params = options.params ?? {};
  }
}

export const fieldError = (field: string, code: MessageKey, params?: Record<string, string | number>): AppError =>
  new AppError('validation', 'validation_failed', { fields: [{ field, code, ...(params ? { params } : {}) }] });

export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('rate_limited', 'rate_limited', { params: { seconds: retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
