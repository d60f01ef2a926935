/**
 * The instance admin's view of accounts (spec §A1, last point): search them, send an
 * activation link again, disable and enable them, delete them (the same erasure as
 * self-deletion); and, from the command line, name or remove administrators. Every
 * change is in the audit trail.
 */
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, SYSTEM_ACTOR, type Actor } from '../audit/audit.service.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError, fieldError } from '../lib/errors.ts';
import type { AccountService } from '../accounts/account.service.ts';
import { accountRepository, type AccountRow } from '../accounts/account.repository.ts';
import type { AccountStatus } from '../accounts/account.table.ts';
import { displayName } from '../accounts/account.view.ts';
import { sessionRepository } from '../accounts/session.repository.ts';
import { adminRepository } from './admin.repository.ts';

export const PAGE_SIZE = 20;

export interface AdminAccountView {
  id: string;
  handle: string | null;
  /** null once deleted. */
  email: string | null;
  displayName: string;
  status: AccountStatus;
  isAdmin: boolean;
  createdAt: string;
  activatedAt: string | null;
}

export const adminAccountView = (a: AccountRow): AdminAccountView => ({
  id: a.id,
  handle: a.handle,
  email: a.email,
  displayName: displayName(a),
  status: a.status,
  isAdmin: a.is_admin === 1,
  createdAt: a.created_at,
  activatedAt: a.activated_at,
});

export function adminAccountsService(deps: { db: Db; clock: Clock; accounts: AccountService }) {
  const { db, clock, accounts } = deps;
  const repo = adminRepository(db);
  const now = () => clock.now().toISOString();

  async function requireAccount(id: string): Promise<AccountRow> {
    const account = await accountRepository(db).findById(id);
    // A remote account is another site's user: nothing for our admins to enable or disable.
    if (!account || account.status === 'deleted' || account.status === 'remote') throw new AppError('not_found', 'not_found');
    return account;
  }
  function notYourself(actor: Actor, id: string): void {
    if (actor.accountId === id) throw new AppError('conflict', 'admin_not_yourself');
  }
  async function setStatus(actor: Actor, account: AccountRow, status: AccountStatus, action: string): Promise<AdminAccountView> {
    await inTransaction(db, async (trx) => {
      await accountRepository(trx).update(account.id, { status, updated_at: now() });
      // The cookie would stop working anyway (sessions resolve for active accounts only);
      // ending the sessions keeps a later re-enabling from reviving them.
      if (status === 'disabled') await sessionRepository(trx).deleteAllOf(account.id);
      await auditService(trx, clock).record(actor, {
        associationId: null, action, targetType: 'account', targetId: account.id, changes: { status: [account.status, status] },
      });
    });
    return adminAccountView(await requireAccount(account.id));
  }
  async function setAdmin(email: string, isAdmin: boolean): Promise<AccountRow> {
    const account = await accountRepository(db).findByEmail(email);
    if (!account || account.status === 'deleted') throw new AppError('not_found', 'admin_account_unknown');
    if ((account.is_admin === 1) === isAdmin) return account;
    if (!isAdmin && account.status === 'active' && (await accountRepository(db).countAdmins()) <= 1) {
      throw new AppError('conflict', 'admin_last_admin');
    }
    await inTransaction(db, async (trx) => {
      await accountRepository(trx).update(account.id, { is_admin: isAdmin ? 1 : 0, updated_at: now() });
      await auditService(trx, clock).record(SYSTEM_ACTOR, {
        associationId: null,
        action: isAdmin ? 'account.promote' : 'account.demote',
        targetType: 'account',
        targetId: account.id,
        changes: { isAdmin: [!isAdmin, isAdmin] },
      });
    });
    return requireAccount(account.id);
  }

  return {
    /** Accounts whose email, names, pseudonym or handle contain `q`, newest first, 20 per page. */
    async list(filter: { q?: string | undefined; status?: AccountStatus | undefined; page: number }) {
      const { rows, total } = await repo.searchAccounts({ q: filter.q, status: filter.status, limit: PAGE_SIZE, offset: (filter.page - 1) * PAGE_SIZE });
      return { items: rows.map(adminAccountView), page: filter.page, pageSize: PAGE_SIZE, total };
    },

    /** Emails a new activation link (3 days), as the person could ask from the login page. */
    async resendActivation(id: string): Promise<void> {
      const account = await requireAccount(id);
      if (account.status !== 'inactive' || !account.email) throw new AppError('conflict', 'admin_account_not_inactive');
      await accounts.resendActivation(account.email);
    },

    /** The account can no longer log in, and its sessions end; its data stays. */
    async disable(actor: Actor, id: string): Promise<AdminAccountView> {
      notYourself(actor, id);
      const account = await requireAccount(id);
      if (account.status === 'disabled') return adminAccountView(account);
      return setStatus(actor, account, 'disabled', 'account.disable');
    },

    /** Back to active, or to inactive when it was never activated. */
    async enable(actor: Actor, id: string): Promise<AdminAccountView> {
      const account = await requireAccount(id);
      if (account.status !== 'disabled') throw new AppError('conflict', 'admin_account_not_disabled');
      return setStatus(actor, account, account.activated_at ? 'active' : 'inactive', 'account.enable');
    },

    /** Same erasure and last-manager rule as self-deletion; never one's own account here. */
    async delete(actor: Actor, id: string): Promise<void> {
      notYourself(actor, id);
      await requireAccount(id);
      await accounts.deleteAccountAsAdmin(actor, id);
    },

    /** The account to appoint as a manager, by email: it must exist and be active (422 on `email`). */
    async activeAccountId(email: string): Promise<string> {
      const account = await accountRepository(db).findByEmail(email);
      if (!account || account.status === 'deleted') throw fieldError('email', 'admin_account_unknown');
      if (account.status !== 'active') throw fieldError('email', 'admin_manager_not_active');
      return account.id;
    },

    listAdmins: async () => (await repo.admins()).map(adminAccountView),
    /** Command line: makes an existing account an administrator. */
    promote: async (email: string) => adminAccountView(await setAdmin(email, true)),
    /** Command line: removes the administrator right, never from the last active administrator. */
    demote: async (email: string) => adminAccountView(await setAdmin(email, false)),
  };
}

export type AdminAccountsService = ReturnType<typeof adminAccountsService>;
