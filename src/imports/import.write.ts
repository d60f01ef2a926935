/**
 * The writing pass of an import (spec §A11): builds every row in memory from a checked
 * plan, then writes them in one transaction (chunked inserts, no network inside), the
 * emails enqueued in the same transaction on the durable `import_email` queue, and the
 * import row marked done there too — so a crash leaves either nothing or everything.
 */
import { sql, type Insertable } from 'kysely';
import { displayName } from '../accounts/account.view.ts';
import { emailTokenService } from '../accounts/email-token.service.ts';
import { nameKeyOf as key, searchKeyOf } from '../associations/association.keys.ts';
import { auditService, type Actor } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { handleService } from '../handles/handle.service.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { hashToken, randomToken } from '../lib/secrets.ts';
import type { RenderedMail } from '../mail/templates.ts';
import { PERMISSIONS } from '../roles/role.table.ts';
import type { Archive } from './archive.ts';
import { associationMigratedMail, importSetPasswordMail } from './import.mails.ts';
import type { Plan } from './import.plan.ts';

/** Queue of the import's emails (payload: ImportEmail). */
export const IMPORT_EMAIL_QUEUE = 'import_email';
export interface ImportEmail extends RenderedMail { to: string; language: 'fr' | 'en' }

export interface AnonymousLink { name: string; link: string }
export type WriteOutcome =
  | { written: true; associationId: string; anonymousLinks: AnonymousLink[] }
  | { written: false; previous: { id: string; associationId: string | null } };

export interface WriteInput {
  importId: string;
  plan: Plan & { archive: Archive };
  importer: Actor & { accountId: string };
  /** Name of the instance, read before the transaction. */
  site: string;
  origin: string;
  /** Report fields stored with the import (origin outcome, counts …). */
  report: Record<string, unknown>;
  /** The site moderates new associations: this one waits for an admin's approval. */
  moderated: boolean;
}

export async function writeImport(db: Db, clock: Clock, input: WriteInput): Promise<WriteOutcome> {
  const { plan, importer, importId, site, origin } = input;
  const a = plan.archive;
  const at = clock.now().toISOString();
  const associationId = newId();
  const rowsOf = <T extends { name: string; description: string | null }>(list: T[]) =>
    new Map(list.map((x, i) => [key(x.name), { id: newId(), association_id: associationId, name: x.name, name_key: key(x.name), description: x.description, position: i + 1, created_at: at }]));
  const levels = rowsOf(a.levels);
  const projects = rowsOf(a.projects);
  const categories = new Map(a.categories.map((c, i) => {
    const m = plan.categories.get(key(c.name))!;
    return [key(c.name), { ...rowsOf([c]).get(key(c.name))!, position: i + 1, reference_code: m.referenceCode, default_category_id: m.defaultCategoryId }];
  }));
  const roles = new Map(a.roles.map((r, i) => [key(r.name), {
    id: newId(), association_id: associationId, name: r.name, name_key: key(r.name), description: r.description, is_default: r.isDefault ? 1 : 0,
    position: i + 1, created_at: at, ...Object.fromEntries(PERMISSIONS.map((p) => [p, r.permissions[p] ? 1 : 0])),
  } as Insertable<Database['roles']>]));
  const managerRole = [...roles.values()].find((r) => r.manage_association === 1 && r.manage_members === 1);
  const newAccounts = a.users.filter((u) => !plan.existing.has(u.email)).map((u) => ({
    id: newId(), email: u.email, password_hash: null, first_name: u.firstName || null, last_name: u.lastName || null, pseudo: u.pseudo || null,
    theme: 'auto' as const, language: 'fr' as const, is_admin: 0, status: 'inactive' as const, terms_accepted_at: null, age_confirmed_at: null,
    former_member_number: null, created_at: at, updated_at: at, activated_at: null, deleted_at: null, handle: null,
  }));
  const accountIds = new Map([...plan.existing, ...newAccounts.map((n) => [n.email, n.id] as const)]);
  const anonymous = a.anonymousMembers.map((n) => {
    const secret = randomToken();
    return { secret, row: {
      id: newId(), association_id: associationId, name: n.name, expires_on: n.expiresOn, is_active: n.isActive ? 1 : 0, secret_hash: hashToken(secret), last_visit_at: null, created_at: at, updated_at: at,
    }, key: n.uuid ?? key(n.name) };
  });
  const anonymousIds = new Map(anonymous.map((n) => [n.key, n.row.id]));
  const declarations = a.actions.map((x) => {
    const id = newId();
    const validationId = x.isActive ? newId() : null;
    return {
      declaration: {
        id, association_id: associationId, author_type: x.author.type,
        author_account_id: x.author.type === 'account' ? accountIds.get(x.author.email)! : null,
        author_anonymous_id: x.author.type === 'anonymous' ? anonymousIds.get(x.author.uuid ?? key(x.author.name))! : null,
        category_id: categories.get(key(x.category))!.id, project_id: x.project ? projects.get(key(x.project))!.id : null,
        level_id: x.level ? levels.get(key(x.level))!.id : null, title: x.title, description: x.description, date: x.date, end_date: x.endDate,
        duration_minutes: x.durationMinutes, distance_hundredths: x.distanceHundredths, status: x.isActive ? ('validated' as const) : ('pending' as const),
        rejection_reason: null, rejected_at: null, rejected_by: null, validation_id: validationId, idempotency_key: null,
        created_by: importer.accountId, created_at: at, updated_at: at, origin_key: `${a.metadata.token}:${x.pk}`,
      },
      // Who validated at the origin, and when, is unknown: the importing manager, at the import's date.
      validation: validationId === null ? null : {
        id: validationId, declaration_id: id, validated_by: importer.accountId, validated_by_label: importer.label, validated_at: at,
        validated_minutes: x.durationMinutes, reason: null, imported: 1, superseded_at: null,
      },
    };
  });
  const anonymousLinks = anonymous.map((n) => ({ name: n.row.name, link: `${origin}/acces?cle=${n.secret}` }));
  const associationUrl = `${origin}/associations/${associationId}`;

  return inTransaction(db, async (trx): Promise<WriteOutcome> => {
    // Another import of the same file may have finished since the check (writes are serialised).
    const done = await trx.selectFrom('imports').select(['id', 'association_id']).where('file_token', '=', a.metadata.token)
      .where('status', '=', 'done').where('id', '!=', importId).executeTakeFirst();
    if (done) return { written: false, previous: { id: done.id, associationId: done.association_id } };
    const handle = await handleService(trx, clock).claimFrom(plan.name, 'association', associationId, 'association');
    const field = a.association.activityField === null ? undefined
      : await trx.selectFrom('activity_fields').select('code').where(sql<string>`lower(name_fr)`, '=', a.association.activityField.toLowerCase()).executeTakeFirst();
    await trx.insertInto('associations').values({
      id: associationId, handle, name: plan.name, name_key: key(plan.name), search_key: searchKeyOf(plan.name), description: a.association.description,
      website: a.association.website, activity_field_code: field?.code ?? null, country: a.association.country, postal_code: a.association.postalCode,
      has_employees: a.association.hasEmployees, yearly_income_cents: a.association.incomeEuros === null ? null : a.association.incomeEuros * 100,
      time_zone: 'Europe/Paris', is_hidden: a.association.isHidden ? 1 : 0, moderate_membership: a.association.moderateMembership ? 1 : 0,
      moderate_declarations: a.association.moderateDeclarations ? 1 : 0, is_active: input.moderated ? 0 : 1, created_by: importer.accountId, created_at: at, updated_at: at,
      approved_at: input.moderated ? null : at,
    }).execute();
    if (categories.size) await trx.insertInto('categories').values([...categories.values()]).execute();
    if (levels.size) await trx.insertInto('levels').values([...levels.values()]).execute();
    if (projects.size) await trx.insertInto('projects').values([...projects.values()]).execute();
    if (roles.size) await trx.insertInto('roles').values([...roles.values()]).execute();
    const mail = async (to: string, language: 'fr' | 'en', rendered: RenderedMail) => {
      const payload: ImportEmail = { to, language, ...rendered };
      await enqueueJob(trx, clock, IMPORT_EMAIL_QUEUE, payload, { maxAttempts: 8 });
    };
    for (const n of newAccounts) {
      await trx.insertInto('accounts').values(n).execute();
      const token = await emailTokenService(trx, clock).issue(n.id, 'password_reset');
      await mail(n.email, n.language, importSetPasswordMail({ site, name: displayName(n), lang: n.language }, plan.name, `${origin}/reinitialisation?token=${token}`));
    }
    const members = a.memberships.map((m) => ({
      id: newId(), association_id: associationId, account_id: accountIds.get(m.email)!, role_id: roles.get(key(m.role))!.id!,
      status: m.isActive ? ('active' as const) : ('pending' as const), function: 'none' as const, created_at: at,
      approved_at: m.isActive ? at : null, approved_by: m.isActive ? importer.accountId : null,
    }));
    // The importing manager keeps the management of what they imported.
    if (!members.some((m) => m.account_id === importer.accountId) && managerRole) {
      members.push({ id: newId(), association_id: associationId, account_id: importer.accountId, role_id: managerRole.id!, status: 'active', function: 'none', created_at: at, approved_at: at, approved_by: importer.accountId });
    }
    for (let i = 0; i < members.length; i += 200) await trx.insertInto('memberships').values(members.slice(i, i + 200)).execute();
    if (anonymous.length) await trx.insertInto('anonymous_members').values(anonymous.map((n) => n.row)).execute();
    // 500 rows of ~27 columns stay under SQLite's 32,766 bound parameters.
    for (let i = 0; i < declarations.length; i += 500) {
      const chunk = declarations.slice(i, i + 500);
      await trx.insertInto('declarations').values(chunk.map((d) => d.declaration)).onConflict((oc) => oc.columns(['association_id', 'origin_key']).doNothing()).execute();
      const validations = chunk.flatMap((d) => (d.validation ? [d.validation] : []));
      if (validations.length) await trx.insertInto('validations').values(validations).execute();
    }
    const existing = plan.report.accounts.existingAccounts.length === 0 ? [] : await trx.selectFrom('accounts')
      .select(['email', 'language', 'first_name', 'last_name', 'pseudo', 'former_member_number'])
      .where('email', 'in', plan.report.accounts.existingAccounts).where('status', '=', 'active').execute();
    for (const r of existing) if (r.email) await mail(r.email, r.language, associationMigratedMail({ site, name: displayName(r), lang: r.language }, plan.name, associationUrl));
    await trx.updateTable('imports').set({
      status: 'done', association_id: associationId, updated_at: at, file: null,
      report: JSON.stringify({ ...plan.report, ...input.report, anonymousLinks }),
    }).where('id', '=', importId).execute();
    await auditService(trx, clock).record(importer, { associationId, action: 'association.import', targetType: 'association', targetId: associationId, changes: { name: [null, plan.name] } });
    return { written: true, associationId, anonymousLinks };
  });
}
