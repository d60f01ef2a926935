/**
 * Instance statistics (spec §A9) for the admin's home page: accounts (deleted ones
 * excluded), associations (active, awaiting approval, without any active manager) and
 * active memberships.
 */
import type { Db } from '../db/database.ts';
import { adminRepository } from './admin.repository.ts';

export function statsService(db: Db) {
  const repo = adminRepository(db);
  return { current: () => repo.stats() };
}

export type StatsService = ReturnType<typeof statsService>;
