/**
 * npm run demo: fills this instance with the demo associations, volunteers and a year of
 * declarations (ux.md « Demo data »). Refused when BV_ENV=production: demo accounts
 * with a shared password have no place on a real instance. Running it again adds
 * nothing that is already there.
 */
import { bootstrap } from '../bootstrap.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { settingsService } from '../instance/settings.service.ts';
import { systemClock } from '../lib/clock.ts';
import { seedDemo } from './demo.seed.ts';

let env: string;
try {
  env = loadConfig().env;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  env = 'invalid'; // bootstrap() below prints what to fix
}
if (env === 'production') {
  console.error(
    'npm run demo est refusé en production (BV_ENV=production) : les comptes de démonstration partagent un mot de passe.\n' +
      'The demo data is refused in production (BV_ENV=production): demo accounts share one password.',
  );
  process.exit(1);
}

const { config, database, mailer } = await bootstrap({ migrate: true });
const settings = settingsService(database.db, systemClock, { name: config.instanceName, registrationOpen: config.registrationOpen });
try {
  const summary = await seedDemo({ db: database.db, clock: systemClock, settings, mailer, origin: config.origin });
  console.log(
    `Démonstration : ${summary.associationsCreated} associations, ${summary.accountsCreated} comptes, ` +
      `${summary.membershipsCreated} adhésions et ${summary.declarationsCreated} actions de bénévolat ajoutées.`,
  );
  if (summary.password) {
    console.log(`\nMot de passe des comptes créés (affiché une seule fois) : ${summary.password}`);
    console.log('Responsables :');
    for (const m of summary.managers) console.log(`  ${m.email}  (${m.association})`);
  } else if (summary.accountsCreated === 0) {
    console.log('Les comptes existaient déjà : leur mot de passe a été affiché lors de leur création.');
  }
} finally {
  await database.close();
}
