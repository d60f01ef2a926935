/**
 * Account rules (product spec §A1): registration → inactive account → activation link;
 * login; password reset and change; email change confirmed by the new address; profile;
 * deletion that keeps a pseudonym for the record. No HTTP here: routes call these.
 */
import { getLogger } from '@logtape/logtape';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, fieldError, type FieldError } from '../lib/errors.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import type { Mailer } from '../mail/mailer.ts';
import * as mails from '../mail/templates.ts';
import type { RenderedMail } from '../mail/templates.ts';
import { accountRepository, type AccountRow } from './account.repository.ts';
import type { Language, Theme } from './account.table.ts';
import { displayName } from './account.view.ts';
import { handleService } from '../handles/handle.service.ts';
import type { Actor } from '../audit/audit.service.ts';
import { emailTokenService } from './email-token.service.ts';
import { eraseAccountIn } from './account-erasure.ts';
import { hashPassword, isCommonPassword, timingDummyHash, verifyPassword } from './password.ts';
import { sessionRepository } from './session.repository.ts';

const logger = getLogger(['benevalibre', 'accounts']);

export interface AccountSettings {
  origin: string;
  /** The instance's current settings (edited by the admin, defaults from configuration). */
  current: () => Promise<{ name: string; registrationOpen: boolean }>;
}

export interface RegisterInput {
  email: string;
  password: string;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  pseudo?: string | null | undefined;
  language: Language;
  acceptTerms: boolean;
  ageConfirmation: boolean;
}

export interface ProfilePatch {
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  pseudo?: string | null | undefined;
  theme?: Theme | undefined;
  language?: Language | undefined;
}

export const AVATAR_MAX_BYTES = 512 * 1024;

const blank = (s: string | null | undefined) => (s ?? '').trim() === '';
const orNull = (s: string | null | undefined) => (blank(s) ? null : s!.trim());

function requireOneName(first: string | null | undefined, last: string | null | undefined, pseudo: string | null | undefined): void {
  if (blank(first) && blank(last) && blank(pseudo)) {
    const fields: FieldError[] = ['firstName', 'lastName', 'pseudo'].map((field) => ({ field, code: 'name_required' }));
    throw new AppError('validation', 'validation_failed', { fields });
  }
}

function checkNewPassword(field: string, password: string): void {
  if (isCommonPassword(password)) throw fieldError(field, 'password_common');
}

/** Recognises PNG, JPEG and WebP by their first bytes; SVG and the rest are refused. */
export function sniffImage(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/webp' | undefined {
  const b = bytes;
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 12 && String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP') {
    return 'image/webp';
  }
  return undefined;
}

export function accountService(deps: { db: Db; clock: Clock; mailer: Mailer; settings: AccountSettings }) {
  const { db, clock, mailer, settings } = deps;
  const accounts = accountRepository(db);
  const links = emailTokenService(db, clock);
  const now = () => clock.now().toISOString();
  const pending = new Set<Promise<void>>();

  /** Emails leave after the answer: the reply takes the same time whether or not an
   * email was due (no account enumeration by timing) and an SMTP hiccup loses no data. */
  function deliver(to: string, lang: Language, mail: RenderedMail): void {
    const p = mailer
      .send({ to, language: lang, ...mail })
      .catch((error: unknown) => logger.error('Email to {domain} failed: {error}', { domain: to.split('@')[1], error }))
      .finally(() => pending.delete(p));
    pending.add(p);
  }

  const ctxOf = async (a: AccountRow) => ({ site: (await settings.current()).name, name: displayName(a), lang: a.language });
  const url = (pathAndQuery: string) => `${settings.origin}${pathAndQuery}`;

  async function sendActivation(account: AccountRow): Promise<void> {
    const token = await links.issue(account.id, 'activation');
    deliver(account.email!, account.language, mails.activationMail(await ctxOf(account), url(`/activation?token=${token}`)));
  }

  /** Inserts the account and claims its handle (from the pseudo, else the names) in one transaction. */
  function insertWithHandle(account: AccountRow): Promise<boolean> {
    return inTransaction(db, async (trx) => {
      if (!(await accountRepository(trx).insert(account))) return false;
      const source = account.pseudo ?? [account.first_name, account.last_name].filter(Boolean).join(' ');
      const handle = await handleService(trx, clock).claimFrom(source, 'account', account.id, 'membre');
      await accountRepository(trx).update(account.id, { handle });
      account.handle = handle;
      return true;
    });
  }

  async function requireAccount(id: string): Promise<AccountRow> {
    const account = await accounts.findById(id);
    if (!account || account.status === 'deleted') throw new AppError('not_found', 'not_found');
    return account;
  }

  /** A known email registers again: a new activation link, or a reminder that the account exists. */
  async function remindKnown(existing: AccountRow): Promise<void> {
    if (existing.status === 'inactive') await sendActivation(existing);
    else if (existing.status === 'active') {
      deliver(existing.email!, existing.language, mails.alreadyRegisteredMail(await ctxOf(existing), url('/connexion'), url('/mot-de-passe-oublie')));
    }
  }

  async function checkCurrentPassword(account: AccountRow, password: string): Promise<void> {
    if (!account.password_hash || !(await verifyPassword(password, account.password_hash))) {
      throw fieldError('currentPassword', 'password_wrong');
    }
  }

  /** Empties the account (see deleteAccount); `admin` when the instance admin does it (audited). */
  async function erase(accountId: string, admin?: Actor): Promise<void> {
    await inTransaction(db, (trx) => eraseAccountIn(trx, clock, accountId, admin));
    logger.info('Account {id} deleted', { id: accountId });
  }

  return {
    /** Waits for emails still being sent (graceful shutdown, tests). */
    async flush(): Promise<void> {
      await Promise.all([...pending]);
    },

    /** Registers a person. Known emails get the same answer (and a reminder email instead). */
    async register(input: RegisterInput): Promise<void> {
      if (!(await settings.current()).registrationOpen) throw new AppError('forbidden', 'registration_closed');
      const fields: FieldError[] = [];
      if (!input.acceptTerms) fields.push({ field: 'acceptTerms', code: 'terms_required' });
      if (!input.ageConfirmation) fields.push({ field: 'ageConfirmation', code: 'age_required' });
      if (fields.length) throw new AppError('validation', 'validation_failed', { fields });
      requireOneName(input.firstName, input.lastName, input.pseudo);
      checkNewPassword('password', input.password);
      // Hash before looking the email up, so both paths cost the same.
      const passwordHash = await hashPassword(input.password);
      const existing = await accounts.findByEmail(input.email);
      if (existing) return remindKnown(existing);
      const account: AccountRow = {
        remote_iri: null,
        id: newId(),
        email: input.email,
        password_hash: passwordHash,
        first_name: orNull(input.firstName),
        last_name: orNull(input.lastName),
        pseudo: orNull(input.pseudo),
        theme: 'auto',
        language: input.language,
        is_admin: 0,
        status: 'inactive',
        terms_accepted_at: now(),
        age_confirmed_at: now(),
        former_member_number: null,
        created_at: now(),
        updated_at: now(),
        activated_at: null,
        deleted_at: null,
        handle: null,
      };
      if (!(await insertWithHandle(account))) {
        // A concurrent registration of the same email (a double click) got there first.
        const winner = await accounts.findByEmail(input.email);
        if (winner) await remindKnown(winner);
        return;
      }
      await sendActivation(account);
      logger.info('Account {id} registered', { id: account.id });
    },

    async activate(token: string): Promise<void> {
      const row = await links.check(token, 'activation');
      await inTransaction(db, async (trx) => {
        await emailTokenService(trx, clock).consume(row);
        await accountRepository(trx).update(row.account_id, { status: 'active', activated_at: now(), updated_at: now() });
      });
    },

    /** Same answer whatever the email: only inactive accounts get a new link. */
    async resendActivation(email: string): Promise<void> {
      const account = await accounts.findByEmail(email);
      if (account?.status === 'inactive') await sendActivation(account);
    },

    /** Checks credentials; unknown emails cost a dummy hash check (similar timing). */
    async authenticate(email: string, password: string): Promise<AccountRow> {
      const account = await accounts.findByEmail(email);
      if (!account?.password_hash) {
        await verifyPassword(password, await timingDummyHash());
        throw new AppError('unauthenticated', 'invalid_credentials');
      }
      if (!(await verifyPassword(password, account.password_hash))) throw new AppError('unauthenticated', 'invalid_credentials');
      if (account.status === 'inactive') throw new AppError('forbidden', 'account_inactive');
      if (account.status !== 'active') throw new AppError('forbidden', 'account_disabled');
      return account;
    },

    async requestPasswordReset(email: string): Promise<void> {
      const account = await accounts.findByEmail(email);
      if (!account || (account.status !== 'active' && account.status !== 'inactive')) return;
      const token = await links.issue(account.id, 'password_reset');
      deliver(account.email!, account.language, mails.passwordResetMail(await ctxOf(account), url(`/reinitialisation?token=${token}`)));
    },

    /** Sets a new password from an email link; every session of the account ends. Opening
     * the link proves the address, so an account never activated becomes active. */
    async confirmPasswordReset(token: string, password: string): Promise<void> {
      const row = await links.check(token, 'password_reset');
      checkNewPassword('password', password);
      const passwordHash = await hashPassword(password);
      await inTransaction(db, async (trx) => {
        await emailTokenService(trx, clock).consume(row);
        const account = await accountRepository(trx).findById(row.account_id);
        if (!account || (account.status !== 'active' && account.status !== 'inactive')) {
          throw new AppError('validation', 'token_invalid', { fields: [{ field: 'token', code: 'token_invalid' }] });
        }
        await accountRepository(trx).update(row.account_id, {
          password_hash: passwordHash,
          updated_at: now(),
          ...(account.status === 'inactive' ? { status: 'active' as const, activated_at: now() } : {}),
        });
        await sessionRepository(trx).deleteAllOf(row.account_id);
        await emailTokenService(trx, clock).cancel(row.account_id, ['password_reset']);
      });
    },

    /** Changes the password; all sessions end (the route then opens a fresh one). */
    async changePassword(accountId: string, currentPassword: string, newPassword: string): Promise<void> {
      const account = await requireAccount(accountId);
      await checkCurrentPassword(account, currentPassword);
      checkNewPassword('newPassword', newPassword);
      const passwordHash = await hashPassword(newPassword);
      await inTransaction(db, async (trx) => {
        await accountRepository(trx).update(accountId, { password_hash: passwordHash, updated_at: now() });
        await sessionRepository(trx).deleteAllOf(accountId);
        // A reset link still lying in a mailbox must not undo the new password.
        await emailTokenService(trx, clock).cancel(accountId, ['password_reset']);
      });
    },

    /** Sends a confirmation link to the new address; the old one stays until it is opened. */
    async requestEmailChange(accountId: string, newEmail: string, currentPassword: string): Promise<void> {
      const account = await requireAccount(accountId);
      await checkCurrentPassword(account, currentPassword);
      if (newEmail === account.email) throw fieldError('newEmail', 'same_email');
      if (await accounts.findByEmail(newEmail)) throw fieldError('newEmail', 'email_taken');
      const token = await links.issue(account.id, 'email_change', newEmail);
      deliver(newEmail, account.language, mails.emailChangeMail(await ctxOf(account), url(`/confirmation-email?token=${token}`)));
    },

    async confirmEmailChange(token: string): Promise<AccountRow> {
      const row = await links.check(token, 'email_change');
      const account = await requireAccount(row.account_id);
      const newEmail = row.new_email!;
      if (await accounts.findByEmail(newEmail)) throw fieldError('token', 'email_taken');
      await inTransaction(db, async (trx) => {
        await emailTokenService(trx, clock).consume(row);
        await accountRepository(trx).update(account.id, { email: newEmail, updated_at: now() });
        // Links sent to the old address stop working once the address changed.
        await emailTokenService(trx, clock).cancel(account.id, ['password_reset', 'email_change']);
      });
      deliver(account.email!, account.language, mails.emailChangedNoticeMail(await ctxOf(account), newEmail));
      return requireAccount(account.id);
    },

    async get(accountId: string): Promise<AccountRow> {
      return requireAccount(accountId);
    },

    avatarUpdatedAt: (accountId: string) => accounts.hasAvatar(accountId),
    findAvatar: (accountId: string) => accounts.findAvatar(accountId),

    async updateProfile(accountId: string, patch: ProfilePatch): Promise<AccountRow> {
      const account = await requireAccount(accountId);
      const pick = (value: string | null | undefined, current: string | null) => (value === undefined ? current : orNull(value));
      const first = pick(patch.firstName, account.first_name);
      const last = pick(patch.lastName, account.last_name);
      const pseudo = pick(patch.pseudo, account.pseudo);
      requireOneName(first, last, pseudo);
      await accounts.update(accountId, {
        first_name: first,
        last_name: last,
        pseudo,
        theme: patch.theme ?? account.theme,
        language: patch.language ?? account.language,
        updated_at: now(),
      });
      return requireAccount(accountId);
    },

    /** Stores an avatar already resized by the browser; the bytes decide the type, not the header. */
    async setAvatar(accountId: string, bytes: Uint8Array): Promise<void> {
      await requireAccount(accountId);
      if (bytes.byteLength > AVATAR_MAX_BYTES) throw fieldError('avatar', 'avatar_size', { max: AVATAR_MAX_BYTES / 1024 });
      const mime = sniffImage(bytes);
      if (!mime) throw fieldError('avatar', 'avatar_type');
      await accounts.saveAvatar(accountId, mime, bytes, now());
    },

    removeAvatar: (accountId: string) => accounts.deleteAvatar(accountId),

    /**
     * Deletes an account with its current password. The row stays, emptied of personal
     * data, under « Ancien membre n° N », so validated declarations (later issues) keep
     * an author; sessions, tokens, links and the avatar go.
     */
    async deleteAccount(accountId: string, currentPassword: string): Promise<void> {
      await checkCurrentPassword(await requireAccount(accountId), currentPassword);
      await erase(accountId);
    },

    /** The instance admin deletes an account (spec §A1): no password, the same erasure, audited. */
    async deleteAccountAsAdmin(actor: Actor, accountId: string): Promise<void> {
      await requireAccount(accountId);
      await erase(accountId, actor);
    },

    /** For `npm run admin -- create-admin`: creates an active administrator, or promotes an existing account. */
    async createAdmin(input: { email: string; password: string; firstName?: string; lastName?: string; pseudo?: string }): Promise<{ id: string; created: boolean }> {
      const existing = await accounts.findByEmail(input.email);
      if (existing) {
        await accounts.update(existing.id, { is_admin: 1, status: 'active', activated_at: existing.activated_at ?? now(), updated_at: now() });
        return { id: existing.id, created: false };
      }
      requireOneName(input.firstName, input.lastName, input.pseudo);
      checkNewPassword('password', input.password);
      const id = newId();
      const inserted = await insertWithHandle({
        id,
        email: input.email,
        password_hash: await hashPassword(input.password),
        first_name: orNull(input.firstName),
        last_name: orNull(input.lastName),
        pseudo: orNull(input.pseudo),
        theme: 'auto',
        language: 'fr',
        is_admin: 1,
        status: 'active',
        terms_accepted_at: now(),
        age_confirmed_at: now(),
        former_member_number: null,
        created_at: now(),
        updated_at: now(),
        activated_at: now(),
        deleted_at: null,
        handle: null,
        remote_iri: null,
      });
      if (!inserted) throw new AppError('conflict', 'email_taken');
      return { id, created: true };
    },
  };
}

export type AccountService = ReturnType<typeof accountService>;
