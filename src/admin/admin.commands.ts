/**
 * The administration commands (`npm run admin -- <command>`), apart from the process
 * around them so tests run them in-process. Messages are in French and English: the
 * person at the terminal may read either.
 */
import { parseArgs } from 'node:util';
import type { AccountService } from '../accounts/account.service.ts';
import { Email, Password } from '../accounts/account.schema.ts';
import { AppError } from '../lib/errors.ts';
import { t } from '../i18n/messages.ts';
import type { AdminAccountsService } from './admin-accounts.service.ts';

export const USAGE = `Usage:
  npm run admin -- create-admin --email marie@exemple.fr [--first-name Marie] [--last-name Dupont] [--pseudo marie]
      (the password is asked on the terminal, or read from standard input: echo "$PASSWORD" | npm run admin -- create-admin …)
  npm run admin -- list-admins
  npm run admin -- promote --email marie@exemple.fr     (an existing account becomes an administrator)
  npm run admin -- demote --email marie@exemple.fr      (it no longer is; never the last one)`;

/** sysexits(3): usage, bad data. */
export const EX_USAGE = 64;
export const EX_DATAERR = 65;

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  readPassword(): Promise<string>;
}

export interface CommandServices {
  accounts: AccountService;
  admins: AdminAccountsService;
}

const COMMANDS = ['create-admin', 'list-admins', 'promote', 'demote'] as const;
type Command = (typeof COMMANDS)[number];
const isCommand = (s: string | undefined): s is Command => (COMMANDS as readonly string[]).includes(s ?? '');

/**
 * Runs one command; returns the exit code. `open` gives the services and is called only
 * once the arguments are known to be right, so a typo never touches the database.
 */
export async function runAdminCommand(
  argv: string[],
  io: CommandIo,
  open: () => Promise<{ services: CommandServices; close(): Promise<void> }>,
): Promise<number> {
  const [command, ...rest] = argv;
  if (!isCommand(command)) {
    io.err(USAGE);
    return command ? EX_USAGE : 0;
  }
  let values: { email?: string | undefined; 'first-name'?: string | undefined; 'last-name'?: string | undefined; pseudo?: string | undefined };
  try {
    const text = { type: 'string' } as const;
    values =
      command === 'create-admin'
        ? parseArgs({ args: rest, options: { email: text, 'first-name': text, 'last-name': text, pseudo: text } }).values
        : parseArgs({ args: rest, options: { email: text } }).values;
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return EX_USAGE;
  }
  let email = '';
  if (command !== 'list-admins') {
    const parsed = Email.safeParse(values.email ?? '');
    if (!parsed.success) {
      io.err(`--email: adresse e-mail non valable / invalid email address\n${USAGE}`);
      return EX_USAGE;
    }
    email = parsed.data;
  }
  let password = '';
  if (command === 'create-admin') {
    const parsed = Password.safeParse(await io.readPassword());
    if (!parsed.success) {
      io.err('password: 8 à 256 caractères / 8 to 256 characters');
      return EX_USAGE;
    }
    password = parsed.data;
  }

  const { services, close } = await open();
  try {
    switch (command) {
      case 'create-admin': {
        const result = await services.accounts.createAdmin({
          email,
          password,
          ...(values['first-name'] ? { firstName: values['first-name'] } : {}),
          ...(values['last-name'] ? { lastName: values['last-name'] } : {}),
          ...(values.pseudo ? { pseudo: values.pseudo } : values['first-name'] || values['last-name'] ? {} : { pseudo: 'admin' }),
        });
        io.out(result.created ? `Administrator created: ${email} (${result.id})` : `Existing account ${email} is now an administrator.`);
        break;
      }
      case 'list-admins': {
        const admins = await services.admins.listAdmins();
        if (admins.length === 0) io.out('Aucun administrateur / No administrator yet (create one: npm run admin -- create-admin --email …)');
        for (const a of admins) io.out(`${a.email ?? '-'}\t${a.displayName}\t${a.status}`);
        break;
      }
      case 'promote':
        await services.admins.promote(email);
        io.out(`${email} est administrateur / is now an administrator.`);
        break;
      case 'demote':
        await services.admins.demote(email);
        io.out(`${email} n’est plus administrateur / is no longer an administrator.`);
        break;
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const problems = error.fields.length > 0 ? error.fields : [{ field: command === 'create-admin' ? 'password' : '--email', code: error.code, params: error.params }];
    for (const f of problems) io.err(`${f.field}: ${t(f.code, 'fr', f.params)} / ${t(f.code, 'en', f.params)}`);
    return EX_DATAERR;
  } finally {
    await close();
  }
}
