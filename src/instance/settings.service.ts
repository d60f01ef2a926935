/**
 * Instance settings (spec §A9): stored in the database, edited by the admin; until
 * edited, each takes its default from the configuration. Read often (every registration,
 * every page's legal links), written rarely: kept in memory and refreshed on write.
 */
import type { Db } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService, type Actor, diff } from '../audit/audit.service.ts';
import { settingsRepository } from './settings.repository.ts';

export interface InstanceSettings {
  name: string;
  termsOfUse: string;
  legalNotice: string;
  privacyNotice: string;
  registrationOpen: boolean;
  associationCreationOpen: boolean;
  associationCreationModerated: boolean;
}

export type SettingsDefaults = Pick<InstanceSettings, 'name' | 'registrationOpen'>;

export function settingsService(db: Db, clock: Clock, defaults: SettingsDefaults) {
  const repo = settingsRepository(db);
  let cache: InstanceSettings | undefined;

  const base = (): InstanceSettings => ({
    name: defaults.name,
    termsOfUse: '',
    legalNotice: '',
    privacyNotice: '',
    registrationOpen: defaults.registrationOpen,
    associationCreationOpen: true,
    associationCreationModerated: false,
  });

  async function load(): Promise<InstanceSettings> {
    const stored = await repo.all();
    const b = base();
    const pick = <K extends keyof InstanceSettings>(key: K): InstanceSettings[K] => {
      const raw = stored.get(key);
      return raw === undefined ? b[key] : (JSON.parse(raw) as InstanceSettings[K]);
    };
    return {
      name: pick('name'),
      termsOfUse: pick('termsOfUse'),
      legalNotice: pick('legalNotice'),
      privacyNotice: pick('privacyNotice'),
      registrationOpen: pick('registrationOpen'),
      associationCreationOpen: pick('associationCreationOpen'),
      associationCreationModerated: pick('associationCreationModerated'),
    };
  }

  return {
    async get(): Promise<InstanceSettings> {
      cache ??= await load();
      return cache;
    },
    /** Saves the given settings, with an audit entry naming each change. */
    async update(actor: Actor, patch: Partial<InstanceSettings>): Promise<InstanceSettings> {
      const before = await load();
      await inTransaction(db, async (trx) => {
        const r = settingsRepository(trx);
        const now = clock.now().toISOString();
        for (const [key, value] of Object.entries(patch)) {
          if (value !== undefined) await r.put(key, JSON.stringify(value), now, actor.accountId);
        }
        await auditService(trx, clock).record(actor, {
          associationId: null,
          action: 'settings.update',
          targetType: 'settings',
          targetId: null,
          changes: diff(before, patch),
        });
      });
      cache = await load();
      return cache;
    },
  };
}

export type SettingsService = ReturnType<typeof settingsService>;
