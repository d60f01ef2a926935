/** The policy's Viewer for the current request. */
import type { Context } from 'hono';
import type { Viewer } from '../memberships/policy.ts';
import type { AppEnv } from './context.ts';

export function viewerOf(c: Context<AppEnv>): Viewer {
  const auth = c.get('auth');
  if (auth) return { kind: 'account', accountId: auth.account.id, isAdmin: auth.account.is_admin === 1 };
  const anonymous = c.get('anonymous');
  if (anonymous) return { kind: 'anonymous', anonymousMemberId: anonymous.anonymousMemberId, associationId: anonymous.associationId };
  return { kind: 'visitor' };
}
