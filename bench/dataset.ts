/**
 * Generates a realistic instance on a SQLite file, fast: associations whose sizes follow
 * Zipf's law (the largest holds ~ 15 % of all declarations with 500 associations),
 * volunteers spread the same way, and declarations spread over the years in date order
 * (as they are recorded in life). Inserted with prepared better-sqlite3 statements in
 * one transaction, then the statistics totals rebuilt in one pass (what a bulk import does).
 */
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { totalsRepository } from '../src/statistics/totals.repository.ts';
import { orderedIds, prng } from './lib.ts';

export interface DatasetOptions {
  file: string;
  declarations: number;
  associations: number;
  volunteers: number;
  years: number;
  /** The last day declared (today in the benchmark's clock). */
  today: string;
  seed?: number;
}

export interface Dataset {
  database: DatabaseHandle;
  /** The association with the most declarations, managed by `managerId`. */
  largest: { id: string; handle: string; declarations: number; members: number };
  managerId: string;
  generateMs: number;
  rebuildMs: number;
}

const DAY = 86_400_000;

export async function generate(o: DatasetOptions): Promise<Dataset> {
  const started = performance.now();
  const database = openDatabase(o.file);
  await migrateToLatest(database.db);
  const sqlite = database.sqlite;
  sqlite.pragma('cache_size = -1048576'); // 1 GiB of page cache while loading
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('temp_store = MEMORY');
  // Consistent by construction; checking each reference would cost a third of the time.
  sqlite.pragma('foreign_keys = OFF');
  const random = prng(o.seed ?? 42);
  const id = orderedIds();
  const now = `${o.today}T12:00:00.000Z`;
  const nowMs = Date.parse(now);
  const pickIn = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

  // Zipf weights, cumulated for sampling by binary search.
  const weights = Array.from({ length: o.associations }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const cumulative: number[] = [];
  weights.reduce((s, w, i) => ((cumulative[i] = (s + w) / total), s + w), 0);
  const sampleAssociation = (): number => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const defaults = {
    categories: sqlite.prepare('SELECT id, name, name_key, reference_code, position FROM default_categories ORDER BY position').all() as { id: string; name: string; name_key: string; reference_code: string; position: number }[],
    levels: sqlite.prepare('SELECT name, name_key, position FROM default_levels ORDER BY position').all() as { name: string; name_key: string; position: number }[],
    roles: sqlite.prepare('SELECT * FROM default_roles ORDER BY position').all() as Record<string, string | number>[],
  };
  const insert = (sql: string) => sqlite.prepare(sql);
  const account = insert(`INSERT INTO accounts (id, email, first_name, last_name, pseudo, status, created_at, updated_at, activated_at, terms_accepted_at, age_confirmed_at)
    VALUES (?, ?, ?, ?, NULL, 'active', ?, ?, ?, ?, ?)`);
  const association = insert(`INSERT INTO associations (id, handle, name, name_key, search_key, description, activity_field_code, country, has_employees, time_zone,
    is_hidden, moderate_membership, moderate_declarations, is_active, created_at, updated_at, approved_at)
    VALUES (?, ?, ?, ?, ?, '', ?, 'FR', 'unknown', 'Europe/Paris', 0, 0, 0, 1, ?, ?, ?)`);
  const category = insert(`INSERT INTO categories (id, association_id, name, name_key, default_category_id, reference_code, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const level = insert(`INSERT INTO levels (id, association_id, name, name_key, position, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const project = insert(`INSERT INTO projects (id, association_id, name, name_key, position, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const roleColumns = Object.keys(defaults.roles[0]!).filter((k) => k !== 'id');
  const role = insert(`INSERT INTO roles (id, association_id, created_at, ${roleColumns.join(', ')}) VALUES (?, ?, ?, ${roleColumns.map(() => '?').join(', ')})`);
  const membership = insert(`INSERT INTO memberships (id, association_id, account_id, role_id, status, function, created_at, approved_at) VALUES (?, ?, ?, ?, 'active', 'none', ?, ?)`);
  const anonymous = insert(`INSERT INTO anonymous_members (id, association_id, name, is_active, secret_hash, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)`);
  const declaration = insert(`INSERT INTO declarations (id, association_id, author_type, author_account_id, author_anonymous_id, category_id, project_id, level_id,
    title, description, date, duration_minutes, distance_hundredths, status, rejection_reason, validation_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const validation = insert(`INSERT INTO validations (id, declaration_id, validated_by_label, validated_at, validated_minutes, reason) VALUES (?, ?, 'Validation automatique', ?, ?, ?)`);

  const fields = sqlite.prepare('SELECT code FROM activity_fields').all() as { code: string }[];
  const FIRST = ['Marie', 'Paul', 'Inès', 'Louis', 'Chloé', 'Hugo', 'Léa', 'Nathan', 'Zoé', 'Jules'];
  const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'];
  const TITLES = ['Permanence d’accueil', 'Entraînement des jeunes', 'Réunion du bureau', 'Tenue du stand', 'Collecte alimentaire', 'Atelier réparation', 'Sortie nature'];

  interface Side {
    id: string;
    handle: string;
    categories: string[];
    levels: string[];
    projects: string[];
    roles: Record<string, string>;
    members: string[];
    anonymous: string;
    declarations: number;
  }
  const sides: Side[] = [];
  const managerId = id(nowMs);

  sqlite.transaction(() => {
    account.run(managerId, 'bench-manager@exemple.fr', 'Gestion', 'Bench', now, now, now, now, now);
    for (let i = 0; i < o.associations; i++) {
      const aid = id(nowMs);
      const name = `Association ${i + 1}`;
      association.run(aid, `asso-${i + 1}`, name, name.toLowerCase(), name.toLowerCase(), pickIn(fields).code, now, now, now);
      const side: Side = { id: aid, handle: `asso-${i + 1}`, categories: [], levels: [], projects: [], roles: {}, members: [], anonymous: id(nowMs), declarations: 0 };
      for (const d of defaults.categories) {
        const cid = id(nowMs);
        category.run(cid, aid, d.name, d.name_key, d.id, d.reference_code, d.position, now);
        side.categories.push(cid);
      }
      for (const d of defaults.levels) {
        const lid = id(nowMs);
        level.run(lid, aid, d.name, d.name_key, d.position, now);
        side.levels.push(lid);
      }
      for (let p = 1; p <= 3; p++) {
        const pid = id(nowMs);
        project.run(pid, aid, `Projet ${p}`, `projet ${p}`, p, now);
        side.projects.push(pid);
      }
      for (const r of defaults.roles) {
        const rid = id(nowMs);
        role.run(rid, aid, now, ...roleColumns.map((k) => r[k]!));
        side.roles[String(r.name)] = rid;
      }
      anonymous.run(side.anonymous, aid, 'Membre sans compte', `bench-${side.anonymous}`, now, now);
      sides.push(side);
    }
    membership.run(id(nowMs), sides[0]!.id, managerId, sides[0]!.roles['Responsable']!, now, now);
    for (let v = 0; v < o.volunteers; v++) {
      const vid = id(nowMs);
      account.run(vid, `benevole-${v}@exemple.fr`, FIRST[v % 10], LAST[Math.floor(v / 10) % 10], now, now, now, now, now);
      // Every association has members; the others join in proportion to its size.
      const side = sides[v < 2 * o.associations ? v % o.associations : sampleAssociation()]!;
      membership.run(id(nowMs), side.id, vid, side.roles['Bénévole']!, now, now);
      side.members.push(vid);
    }

    const days = Math.round((o.years * 365.25 * DAY) / DAY);
    const first = Date.parse(`${o.today}T00:00:00Z`) - (days - 1) * DAY;
    let made = 0;
    for (let d = 0; d < days; d++) {
      const dayMs = first + d * DAY;
      const date = new Date(dayMs).toISOString().slice(0, 10);
      const until = Math.round(((d + 1) * o.declarations) / days);
      for (; made < until; made++) {
        const side = sides[sampleAssociation()]!;
        side.declarations += 1;
        const createdMs = dayMs + 18 * 3_600_000 + (made % 3_600_000);
        const did = id(createdMs);
        const at = new Date(createdMs).toISOString();
        const who = random();
        const [type, accountId, anonymousId] = who < 0.9 ? ['account', pickIn(side.members), null] : who < 0.95 ? ['anonymous', null, side.anonymous] : ['none', null, null];
        const duration = 30 + 15 * Math.floor(random() * 31);
        const distance = random() < 0.7 ? 0 : 1 + Math.floor(random() * 5000);
        const s = random();
        const status = s < 0.85 ? 'validated' : s < 0.95 ? 'pending' : 'rejected';
        const vid = status === 'validated' ? id(createdMs) : null;
        declaration.run(
          did, side.id, type, accountId, anonymousId, pickIn(side.categories), random() < 0.4 ? pickIn(side.projects) : null,
          random() < 0.5 ? pickIn(side.levels) : null, pickIn(TITLES), random() < 0.3 ? 'Avec les habitants du quartier, installation et rangement.' : '',
          date, duration, distance, status, status === 'rejected' ? 'Doublon' : null, vid, at, at,
        );
        if (vid) {
          const partial = random() < 0.1;
          validation.run(vid, did, at, partial ? Math.floor(duration * 0.75) : duration, partial ? 'Pause comprise' : null);
        }
      }
    }
  })();
  const generateMs = performance.now() - started;
  const rebuildStarted = performance.now();
  await totalsRepository(database.db).rebuild();
  const rebuildMs = performance.now() - rebuildStarted;
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -2000');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  // Zipf's first association (weight 1, the next 1/2) is the largest; the manager manages it.
  const big = sides[0]!;
  if (sides.some((s) => s.declarations > big.declarations)) throw new Error('the first association should be the largest');
  return {
    database,
    largest: { id: big.id, handle: big.handle, declarations: big.declarations, members: big.members.length + 1 },
    managerId,
    generateMs,
    rebuildMs,
  };
}
