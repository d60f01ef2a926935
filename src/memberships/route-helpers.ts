/** What the membership, role and anonymous-member routes share: who asks, and extra problem answers. */
import type { Context } from 'hono';
import { displayName } from '../accounts/account.view.ts';
import { Problem } from '../accounts/account.schema.ts';
import type { AppEnv } from '../http/context.ts';
import { viewerOf } from '../http/viewer.ts';
import { AppError } from '../lib/errors.ts';
import type { Asker } from './access.ts';

/** The asker of a request; visitors must log in (401). */
export function askerOf(c: Context<AppEnv>): Asker {
  const viewer = viewerOf(c);
  if (viewer.kind === 'visitor') throw new AppError('unauthenticated', 'unauthenticated');
  const auth = c.get('auth');
  return { viewer, actor: auth ? { accountId: auth.account.id, label: displayName(auth.account) } : { accountId: null, label: 'Membre anonyme' } };
}

const problem = (description: string) => ({ content: { 'application/problem+json': { schema: Problem } }, description });

export const moreProblems = {
  404: problem('Association, member, role or anonymous member not found'),
  409: problem('Refused by a safeguard (last_manager, role_in_use, role_is_default, already_member, logout_first)'),
} as const;
