/** The instance administration is for admins only: 401 when logged out, 403 for everyone else. */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { currentAuth } from '../http/auth.middleware.ts';
import { AppError } from '../lib/errors.ts';
import { displayName } from '../accounts/account.view.ts';
import type { Actor } from '../audit/audit.service.ts';

// The account is read afresh on every request, so a demoted admin loses access at once.
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (currentAuth(c).account.is_admin !== 1) throw new AppError('forbidden', 'forbidden');
  await next();
};

/** Who the audit trail names for this request. */
export function actorOf(c: Context<AppEnv>): Actor {
  const account = currentAuth(c).account;
  return { accountId: account.id, label: displayName(account) };
}
