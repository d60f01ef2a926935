/**
 * Security headers on every answer. The CSP forbids inline scripts; the import map,
 * which browsers only accept inline, is allowed by its sha256 hash computed at start.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.ts';

export function securityHeaders(options: { secure: boolean; scriptHashes: string[] }): MiddlewareHandler<AppEnv> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${options.scriptHashes.map((h) => `'${h}'`).join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', csp);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'same-origin');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (options.secure) h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  };
}
