/**
 * npm run admin -- <command>. Commands:
 *   create-admin --email E [--first-name F] [--last-name L] [--pseudo P]
 *     The password is read from the terminal or standard input (one line),
 *     so it never appears in the shell history or the process list.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { bootstrap } from '../bootstrap.ts';
import { accountService } from '../accounts/account.service.ts';
import { Email, Password } from '../accounts/account.schema.ts';
import { systemClock } from '../lib/clock.ts';
import { settingsService } from '../instance/settings.service.ts';
import { AppError } from '../lib/errors.ts';
import { t } from '../i18n/messages.ts';

const USAGE = `Usage:
  npm run admin -- create-admin --email marie@exemple.fr [--first-name Marie] [--last-name Dupont] [--pseudo marie]
  (the password is asked on the terminal, or read from standard input: echo "$PASSWORD" | npm run admin -- create-admin …)`;

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  const answer = await rl.question(process.stdin.isTTY ? 'Mot de passe / Password: ' : '');
  rl.close();
  return answer.replace(/\r?\n$/, '');
}

const [command, ...rest] = process.argv.slice(2);
if (command !== 'create-admin') {
  console.error(USAGE);
  process.exit(command ? 64 : 0);
}
const { values } = parseArgs({
  args: rest,
  options: { email: { type: 'string' }, 'first-name': { type: 'string' }, 'last-name': { type: 'string' }, pseudo: { type: 'string' } },
});
const email = Email.safeParse(values.email ?? '');
if (!email.success) {
  console.error('--email: adresse e-mail non valable / invalid email address\n' + USAGE);
  process.exit(64);
}
const password = Password.safeParse(await readPassword());
if (!password.success) {
  console.error('password: 8 à 256 caractères / 8 to 256 characters');
  process.exit(64);
}
const { config, database, mailer } = await bootstrap({ migrate: true });
const settings = settingsService(database.db, systemClock, { name: config.instanceName, registrationOpen: config.registrationOpen });
const accounts = accountService({ db: database.db, clock: systemClock, mailer, settings: { origin: config.origin, current: settings.get } });
try {
  const result = await accounts.createAdmin({
    email: email.data,
    password: password.data,
    ...(values['first-name'] ? { firstName: values['first-name'] } : {}),
    ...(values['last-name'] ? { lastName: values['last-name'] } : {}),
    ...(values.pseudo ? { pseudo: values.pseudo } : { pseudo: values['first-name'] || values['last-name'] ? undefined : 'admin' }),
  });
  console.log(result.created ? `Administrator created: ${email.data} (${result.id})` : `Existing account ${email.data} is now an administrator.`);
} catch (error) {
  if (error instanceof AppError) {
    for (const f of error.fields) console.error(`${f.field}: ${t(f.code, 'fr', f.params)} / ${t(f.code, 'en', f.params)}`);
    process.exitCode = 65;
  } else throw error;
} finally {
  await database.close();
}
