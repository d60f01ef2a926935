/**
 * npm run admin -- <command>: create-admin, list-admins, promote, demote (see USAGE in
 * admin.commands.ts). The password of create-admin is read from the terminal or standard
 * input (one line), so it never appears in the shell history or the process list.
 */
import { createInterface } from 'node:readline/promises';
import { bootstrap } from '../bootstrap.ts';
import { accountService } from '../accounts/account.service.ts';
import { systemClock } from '../lib/clock.ts';
import { settingsService } from '../instance/settings.service.ts';
import { adminAccountsService } from './admin-accounts.service.ts';
import { runAdminCommand } from './admin.commands.ts';

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  const answer = await rl.question(process.stdin.isTTY ? 'Mot de passe / Password: ' : '');
  rl.close();
  return answer.replace(/\r?\n$/, '');
}

process.exitCode = await runAdminCommand(
  process.argv.slice(2),
  { out: (line) => console.log(line), err: (line) => console.error(line), readPassword },
  async () => {
    const { config, database, mailer } = await bootstrap({ migrate: true });
    const settings = settingsService(database.db, systemClock, { name: config.instanceName, registrationOpen: config.registrationOpen });
    const accounts = accountService({ db: database.db, clock: systemClock, mailer, settings: { origin: config.origin, current: settings.get } });
    return {
      services: { accounts, admins: adminAccountsService({ db: database.db, clock: systemClock, accounts }) },
      close: () => database.close(),
    };
  },
);
