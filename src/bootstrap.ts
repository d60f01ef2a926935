/** Shared start-up of the processes (server, migrate, admin): config → logging → database → migrations. */
import { getLogger } from '@logtape/logtape';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrator.ts';
import { ensureSecret } from './lib/instance-secret.ts';
import { setupLogging } from './logging.ts';
import { fileMailer, smtpMailer, type Mailer } from './mail/mailer.ts';

export interface Runtime {
  config: Config & { secret: string };
  database: DatabaseHandle;
  mailer: Mailer;
}

/** Loads everything; on a configuration error prints what to fix and exits with 78 (EX_CONFIG). */
export async function bootstrap(options: { migrate: boolean }): Promise<Runtime> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message + '\nSee .env.example for every variable.');
      process.exit(78);
    }
    throw error;
  }
  await setupLogging(config);
  const secret = ensureSecret(config.secret, config.dataDir);
  const database = openDatabase(config.databaseFile);
  if (options.migrate) {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) getLogger(['benevalibre', 'db']).info('Migrations applied: {applied}', { applied: applied.join(', ') });
  }
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : fileMailer(config.dataDir, config.mailFrom);
  return { config: { ...config, secret }, database, mailer };
}
