/**
 * Handles: one namespace per instance shared by accounts, associations and federations
 * (federation.md § Actors). Derived from the name — accents removed, lower case,
 * a-z 0-9 _ — with a number added on collision; changeable; a released handle is not
 * reused for 90 days, so an old link never silently points at someone else. Actor ids
 * use the UUIDv7, never the handle.
 */
import type { Db } from '../db/database.ts';
import { DAY, type Clock } from '../lib/clock.ts';
import { fieldError } from '../lib/errors.ts';
import type { HandleOwner } from '../instance/instance.table.ts';
import { handleRepository } from './handle.repository.ts';

export const HANDLE_MAX = 30;
export const HANDLE_PATTERN = /^[a-z0-9_]{2,30}$/;
const RELEASE_QUARANTINE_MS = 90 * DAY;

/** Paths and names that must never be an actor's handle. */
export const RESERVED_HANDLES = new Set([
  'admin', 'administrateur', 'administration', 'api', 'ap', 'app', 'inbox', 'outbox', 'well_known', 'wellknown',
  'nodeinfo', 'webfinger', 'actor', 'actors', 'instance', 'users', 'user', 'groups', 'group', 'associations',
  'association', 'federation', 'federations', 'followers', 'following', 'members', 'membres', 'records', 'assets',
  'vendor', 'static', 'health', 'root', 'system', 'support', 'contact', 'help', 'aide', 'moderation', 'moderator',
  'security', 'securite', 'abuse', 'postmaster', 'webmaster', 'hostmaster', 'noreply', 'no_reply', 'mail', 'www',
  'benevalibre', 'profil', 'connexion', 'inscription', 'declarer', 'categories', 'projects', 'levels', 'shared_inbox',
  // Fixed paths beside /associations/<handle>: the home sample (API) and the creation page (web).
  'sample', 'nouvelle',
]);

/** Turns a name into handle material: « Élodie Dupré » → elodie_dupre. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, HANDLE_MAX)
    .replace(/_+$/g, '');
}

export function handleService(db: Db, clock: Clock) {
  const repo = handleRepository(db);
  const quarantineStart = () => new Date(clock.now().getTime() - RELEASE_QUARANTINE_MS).toISOString();

  return {
    /** Claims a fresh handle derived from `name` for a new owner (inside the caller's transaction). */
    async claimFrom(name: string, ownerType: HandleOwner, ownerId: string, fallback: string): Promise<string> {
      let base = slugify(name);
      if (base.length < 2) base = fallback;
      base = base.slice(0, HANDLE_MAX - 4);
      const taken = await repo.takenLike(base, quarantineStart());
      let handle = base;
      for (let n = 2; taken.has(handle) || RESERVED_HANDLES.has(handle); n++) handle = `${base}${n}`;
      await repo.insert(handle, ownerType, ownerId, clock.now().toISOString());
      return handle;
    },

    /** Changes an owner's handle to one chosen by a person; the old one is released. */
    async change(ownerType: HandleOwner, ownerId: string, wanted: string, field = 'handle'): Promise<string> {
      const handle = wanted.trim().toLowerCase();
      if (!HANDLE_PATTERN.test(handle)) throw fieldError(field, 'handle_format');
      if (RESERVED_HANDLES.has(handle)) throw fieldError(field, 'handle_reserved');
      const existing = await repo.find(handle);
      if (existing && existing.owner_type === ownerType && existing.owner_id === ownerId && !existing.released_at) return handle;
      if (existing && (!existing.released_at || existing.released_at > quarantineStart())) throw fieldError(field, 'handle_taken');
      await repo.release(ownerType, ownerId, clock.now().toISOString());
      await repo.insert(handle, ownerType, ownerId, clock.now().toISOString());
      return handle;
    },

    async release(ownerType: HandleOwner, ownerId: string): Promise<void> {
      await repo.release(ownerType, ownerId, clock.now().toISOString());
    },
  };
}

export type HandleService = ReturnType<typeof handleService>;
