/**
 * What erasing an account does, in one transaction (product §A1, §B4; federation.md flow 9):
 * memberships and pending declarations released, the other sites told, the person's name,
 * email, password, picture, handle, sessions and tokens gone; validated declarations stay
 * under the pseudonym « Ancien membre n° N » for the associations' accounts; attestations
 * already handed out keep only their code, period and revocation (the file still verifies).
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { handleService } from '../handles/handle.service.ts';
import { auditService, type Actor } from '../audit/audit.service.ts';
import { releaseMembershipsForDeletion } from '../memberships/membership.service.ts';
import { releaseDeclarationsForDeletion } from '../declarations/declaration.service.ts';
import { attestationRepository } from '../attestations/attestation.repository.ts';
import { recordAccountErasure } from './account-erasure-events.ts';
import { accountRepository } from './account.repository.ts';
import { emailTokenService } from './email-token.service.ts';
import { apiTokenRepository, sessionRepository } from './session.repository.ts';

/** Empties the account inside `trx`; `admin` when the instance admin does it (audited). */
export async function eraseAccountIn(trx: Db, clock: Clock, accountId: string, admin?: Actor): Promise<void> {
  const now = clock.now().toISOString();
  // First, so a last manager is refused (409 last_manager) before anything changes.
  await releaseMembershipsForDeletion(trx, clock, accountId, admin);
  await releaseDeclarationsForDeletion(trx, accountId, clock, admin);
  await recordAccountErasure(trx, clock, accountId);
  const repo = accountRepository(trx);
  const formerMemberNumber = await repo.nextFormerMemberNumber();
  await repo.update(accountId, {
    email: null,
    password_hash: null,
    first_name: null,
    last_name: null,
    pseudo: null,
    is_admin: 0,
    status: 'deleted',
    former_member_number: formerMemberNumber,
    deleted_at: now,
    updated_at: now,
  });
  await repo.deleteAvatar(accountId);
  await handleService(trx, clock).release('account', accountId);
  await repo.update(accountId, { handle: null });
  await attestationRepository(trx).forgetHolder(accountId, `Ancien membre n° ${formerMemberNumber}`);
  await sessionRepository(trx).deleteAllOf(accountId);
  await apiTokenRepository(trx).deleteAllOf(accountId);
  await emailTokenService(trx, clock).deleteAllOf(accountId);
  if (admin) await auditService(trx, clock).record(admin, { associationId: null, action: 'account.delete', targetType: 'account', targetId: accountId });
}
