/**
 * Fills an instance with the demo data (ux.md « Demo data »): the brochure's associations
 * created through the association service (so each gets its copies of the default
 * categories, levels and roles, a handle and an audit entry), active accounts sharing
 * one password, memberships, projects, and a year of plausible declarations with their
 * validations. Declarations are inserted directly, one transaction per association:
 * the declaration service would be far slower and has rules (dates, moderation) that the
 * seed would have to bend. Idempotent: what exists (by name, email, membership, or any
 * declaration of the association) is left alone, so running it twice changes nothing.
 */
import { displayName } from '../accounts/account.view.ts';
import { hashPassword } from '../accounts/password.ts';
import { associationService } from '../associations/association.service.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import { handleService } from '../handles/handle.service.ts';
import type { SettingsService } from '../instance/settings.service.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { randomToken } from '../lib/secrets.ts';
import type { Mailer } from '../mail/mailer.ts';
import { todayIn } from '../memberships/access.ts';
import { DEMO_ASSOCIATIONS, FIRST_NAMES, LAST_NAMES, type DemoAssociation } from './demo.data.ts';
import { declarationsFor, randomFor, type DemoCatalog, type DemoPerson } from './demo.declarations.ts';
import { freezeValuation } from '../valuation/valuation.freeze.ts';

export interface DemoDeps {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  /** The association service wants one; demo associations are not moderated, so nothing is sent. */
  mailer: Mailer;
  origin: string;
}

export interface DemoSummary {
  associationsCreated: number;
  accountsCreated: number;
  membershipsCreated: number;
  declarationsCreated: number;
  /** The password of the accounts created now (null when none was): shown once, never stored. */
  password: string | null;
  /** Email of each association's manager, for the output. */
  managers: { association: string; email: string }[];
}

const emailOf = (first: string, last: string) =>
  `${first}.${last}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z.]/g, '') + '@demo.example';

/** The people of an association: a manager first, then volunteers; some people belong to two associations. */
function peopleOf(index: number, a: DemoAssociation): { first: string; last: string; email: string }[] {
  const out: { first: string; last: string; email: string }[] = [];
  for (let k = 0; k <= a.volunteers; k++) {
    // Steps through the name lists so that neighbouring associations share a person now and then.
    const n = index * 5 + k;
    const first = FIRST_NAMES[n % FIRST_NAMES.length]!;
    const last = LAST_NAMES[(n * 7 + Math.floor(n / FIRST_NAMES.length)) % LAST_NAMES.length]!;
    out.push({ first, last, email: emailOf(first, last) });
  }
  return out;
}

export async function seedDemo(deps: DemoDeps): Promise<DemoSummary> {
  const { db, clock } = deps;
  const summary: DemoSummary = { associationsCreated: 0, accountsCreated: 0, membershipsCreated: 0, declarationsCreated: 0, password: null, managers: [] };
  const associations = associationService({ db, clock, mailer: deps.mailer, origin: deps.origin, settings: deps.settings });
  let passwordHash: string | undefined;
  const now = () => clock.now().toISOString();

  async function accountFor(p: { first: string; last: string; email: string }): Promise<string> {
    const found = await db.selectFrom('accounts').select('id').where('email', '=', p.email).executeTakeFirst();
    if (found) return found.id;
    if (!passwordHash) {
      summary.password = `demo-${randomToken().slice(0, 12)}`;
      passwordHash = await hashPassword(summary.password);
    }
    const id = newId();
    const at = now();
    await inTransaction(db, async (trx) => {
      const handle = await handleService(trx, clock).claimFrom(p.first, 'account', id, 'membre');
      await trx
        .insertInto('accounts')
        .values({
          id, email: p.email, password_hash: passwordHash!, first_name: p.first, last_name: p.last, pseudo: null, theme: 'auto', language: 'fr',
          is_admin: 0, status: 'active', terms_accepted_at: at, age_confirmed_at: at, former_member_number: null, created_at: at, updated_at: at,
          activated_at: at, deleted_at: null, handle,
        })
        .execute();
    });
    summary.accountsCreated++;
    return id;
  }

  async function associationFor(a: DemoAssociation, managerId: string, managerLabel: string): Promise<string> {
    const nameKey = a.name.trim().toLocaleLowerCase('fr');
    const found = await db.selectFrom('associations').select('id').where('name_key', '=', nameKey).executeTakeFirst();
    if (found) return found.id;
    // As an administrator would: no approval step, even when creation is moderated.
    const view = await associations.create({ kind: 'account', accountId: managerId, isAdmin: true }, { accountId: managerId, label: managerLabel }, {
      name: a.name, description: a.description, website: a.website, activityFieldCode: a.activityFieldCode, country: 'FR',
      postalCode: a.postalCode, timeZone: 'Europe/Paris', moderateDeclarations: a.moderateDeclarations, hasEmployees: 'no',
    });
    summary.associationsCreated++;
    return view.id;
  }

  for (const [index, a] of DEMO_ASSOCIATIONS.entries()) {
    const people = peopleOf(index, a);
    const ids = [];
    for (const p of people) ids.push(await accountFor(p));
    const manager = people[0]!;
    const managerLabel = `${manager.first} ${manager.last}`;
    const associationId = await associationFor(a, ids[0]!, managerLabel);
    summary.managers.push({ association: a.name, email: manager.email });

    const roles = await db.selectFrom('roles').select(['id', 'name', 'is_default']).where('association_id', '=', associationId).execute();
    const defaultRole = roles.find((r) => r.is_default === 1)!;
    // The second person coordinates (lists and manages members and declarations).
    const coordination = roles.find((r) => r.name === 'Coordination') ?? defaultRole;
    const members: DemoPerson[] = [];
    for (const [k, accountId] of ids.entries()) {
      const existing = await db.selectFrom('memberships').select('id').where('association_id', '=', associationId).where('account_id', '=', accountId).executeTakeFirst();
      if (!existing) {
        const at = now();
        await db
          .insertInto('memberships')
          .values({ id: newId(), association_id: associationId, account_id: accountId, role_id: (k === 1 ? coordination : defaultRole).id, status: 'active', function: 'none', created_at: at, approved_at: at, approved_by: ids[0]! })
          .execute();
        summary.membershipsCreated++;
      }
      members.push({ accountId, name: `${people[k]!.first} ${people[k]!.last}` });
    }

    await db
      .insertInto('projects')
      .values(a.projects.map((name, position) => ({ id: newId(), association_id: associationId, name, name_key: name.toLocaleLowerCase('fr'), description: null, position, created_at: now() })))
      .onConflict((oc) => oc.columns(['association_id', 'name_key']).doNothing())
      .execute();

    const already = await db.selectFrom('declarations').select('id').where('association_id', '=', associationId).limit(1).executeTakeFirst();
    if (already) continue;
    const catalog: DemoCatalog = {
      categories: await db.selectFrom('categories').select(['id', 'reference_code']).where('association_id', '=', associationId).orderBy('position').execute(),
      levels: (await db.selectFrom('levels').select('id').where('association_id', '=', associationId).orderBy('position').execute()).map((l) => l.id),
      projects: (await db.selectFrom('projects').select('id').where('association_id', '=', associationId).orderBy('position').execute()).map((p) => p.id),
    };
    const managerRow = await db.selectFrom('accounts').select(['first_name', 'last_name', 'pseudo', 'former_member_number']).where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    const rows = declarationsFor({
      associationId,
      moderated: a.moderateDeclarations,
      members,
      manager: { accountId: ids[0]!, name: displayName(managerRow) },
      catalog,
      today: todayIn('Europe/Paris', clock.now()),
      now: clock.now(),
      random: randomFor(a.name),
    });
    await inTransaction(db, async (trx) => {
      // Valued at the SMIC, so the yearly summary for the accounts has figures too (issue 8).
      const at = clock.now().toISOString();
      await trx.insertInto('association_rates').values({
        id: newId(), association_id: associationId, effective_from: '2024-11-01', method: 'smic', coefficient_thousandths: null, rate_cents: null,
        created_by: null, created_at: at, updated_at: at,
      }).execute();
      for (const { declaration, validation } of rows) {
        await trx.insertInto('declarations').values(declaration).execute();
        if (validation) {
          await trx.insertInto('validations').values(validation).execute();
          await freezeValuation(trx, validation.id, at);
        }
      }
    });
    summary.declarationsCreated += rows.length;
  }
  return summary;
}
