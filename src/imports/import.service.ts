/**
 * The import of a Bénévalibre migration file (spec §A11): the dry run, then the import
 * with the manager's choices. Everything is checked first, outside any transaction;
 * the rows are then built in memory and written in one transaction (no network inside),
 * then mails are sent and the origin told. The same file twice changes nothing: the
 * file's token is remembered, and each action's origin key is unique per association.
 */
import { getLogger } from '@logtape/logtape';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Actor } from '../audit/audit.service.ts';
import { auditService } from '../audit/audit.service.ts';
import { emailTokenService } from '../accounts/email-token.service.ts';
import { nameKeyOf, searchKeyOf } from '../associations/association.keys.ts';
import { handleService } from '../handles/handle.service.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { newId } from '../lib/ids.ts';
import { hashToken, randomToken } from '../lib/secrets.ts';
import type { Mailer } from '../mail/mailer.ts';
import { PERMISSIONS } from '../roles/role.table.ts';
import { closeOrigin, type OriginFetch, type OriginOutcome } from './origin.ts';
import { planImport, type DryRunReport, type ImportChoices } from './import.plan.ts';

const logger = getLogger(['benevalibre', 'imports']);

export interface ImportServiceDeps { db: Db; clock: Clock; mailer: Mailer; origin: string; fetch?: OriginFetch }

export interface ImportResult {
  importId: string;
  associationId: string;
  /** Each anonymous member's new secret link, for the managers. */
  anonymousLinks: { name: string; link: string }[];
  origin: OriginOutcome;
  /** True when the file had been imported already (nothing was written). */
  alreadyImported: boolean;
}

/** Declarations carry the origin key added by the imports migration. */

export function importService(deps: ImportServiceDeps) {
  const { db, clock, mailer, origin } = deps;

  return {
    async dryRun(file: unknown, choices: ImportChoices = {}): Promise<DryRunReport> {
      return (await planImport(db, file, choices, clock.now())).report;
    },

    async run(importer: Actor & { accountId: string }, file: unknown, choices: ImportChoices): Promise<ImportResult> {
      const plan = await planImport(db, file, choices, clock.now());
      const a = plan.archive;
      if (!a || !plan.report.ok) throw new AppError('validation', 'validation_failed', { fields: plan.report.problems.map((p) => ({ field: `${p.model}:${p.key}:${p.field}`, code: p.code, ...(p.params ? { params: p.params } : {}) })) });
      if (plan.report.alreadyImported) {
        const previous = await db.selectFrom('imports').select('report').where('id', '=', plan.report.alreadyImported.importId).executeTakeFirstOrThrow();
        const stored = JSON.parse(previous.report) as { anonymousLinks?: ImportResult['anonymousLinks']; origin?: OriginOutcome };
        return { importId: plan.report.alreadyImported.importId, associationId: plan.report.alreadyImported.associationId ?? '', anonymousLinks: stored.anonymousLinks ?? [], origin: stored.origin ?? 'skipped', alreadyImported: true };
      }
      const opened = await closeOrigin.check(a.metadata.endpoint, deps.fetch);

      const at = clock.now().toISOString();
      const importedAt = at;
      const associationId = newId();
      const importId = newId();
      const key = nameKeyOf;
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
      const accountIds = new Map([...plan.existing, ...newAccounts.map((n) => [n.email!, n.id] as const)]);
      const anonymous = a.anonymousMembers.map((n) => ({ secret: randomToken(), row: {
        id: newId(), association_id: associationId, name: n.name, expires_on: null, is_active: n.isActive ? 1 : 0, secret_hash: '', last_visit_at: null, created_at: at, updated_at: at,
      } }));
      for (const n of anonymous) n.row.secret_hash = hashToken(n.secret);
      const anonymousIds = new Map(anonymous.map((n) => [key(n.row.name), n.row.id]));
      const declarations = a.actions.map((x) => {
        const id = newId();
        const validationId = x.isActive ? newId() : null;
        return {
          declaration: {
            id, association_id: associationId, author_type: x.author.type,
            author_account_id: x.author.type === 'account' ? accountIds.get(x.author.email)! : null,
            author_anonymous_id: x.author.type === 'anonymous' ? anonymousIds.get(key(x.author.name))! : null,
            category_id: categories.get(key(x.category))!.id, project_id: x.project ? projects.get(key(x.project))!.id : null,
            level_id: x.level ? levels.get(key(x.level))!.id : null, title: x.title, description: x.description, date: x.date, end_date: x.endDate,
            duration_minutes: x.durationMinutes, distance_hundredths: x.distanceHundredths, status: x.isActive ? ('validated' as const) : ('pending' as const),
            rejection_reason: null, rejected_at: null, rejected_by: null, validation_id: validationId, idempotency_key: null,
            created_by: importer.accountId, created_at: at, updated_at: at, origin_key: `${a.metadata.token}:${x.pk}`,
          },
          validation: validationId === null ? null : {
            id: validationId, declaration_id: id, validated_by: importer.accountId, validated_by_label: importer.label, validated_at: importedAt,
            validated_minutes: x.durationMinutes, reason: null, imported: 1, superseded_at: null,
          },
        };
      });
      const anonymousLinks = anonymous.map((n) => ({ name: n.row.name, link: `${origin}/acces?cle=${n.secret}` }));

      const setPassword: { email: string; token: string }[] = [];
      const raced = await inTransaction(db, async (trx) => {
        // A concurrent import of the same file may have finished since the check (writes are serialised).
        const done = await trx.selectFrom('imports').select(['id', 'association_id']).where('file_token', '=', a.metadata.token).where('status', '=', 'done').executeTakeFirst();
        if (done) return done;
        const handle = await handleService(trx, clock).claimFrom(plan.name, 'association', associationId, 'association');
        await trx.insertInto('associations').values({
          id: associationId, handle, name: plan.name, name_key: key(plan.name), search_key: searchKeyOf(plan.name), description: a.association.description,
          website: a.association.website, activity_field_code: null, country: 'FR', postal_code: a.association.postalCode, has_employees: 'unknown',
          yearly_income_cents: null, time_zone: 'Europe/Paris', is_hidden: 0, moderate_membership: a.association.moderateMembership ? 1 : 0,
          moderate_declarations: a.association.moderateDeclarations ? 1 : 0, is_active: 1, created_by: importer.accountId, created_at: at, updated_at: at, approved_at: at,
        }).execute();
        if (categories.size) await trx.insertInto('categories').values([...categories.values()]).execute();
        if (levels.size) await trx.insertInto('levels').values([...levels.values()]).execute();
        if (projects.size) await trx.insertInto('projects').values([...projects.values()]).execute();
        if (roles.size) await trx.insertInto('roles').values([...roles.values()]).execute();
        for (const n of newAccounts) {
          await trx.insertInto('accounts').values(n).execute();
          setPassword.push({ email: n.email!, token: await emailTokenService(trx, clock).issue(n.id, 'password_reset') });
        }
        const members = a.memberships.map((m) => ({
          id: newId(), association_id: associationId, account_id: accountIds.get(m.email)!, role_id: roles.get(key(m.role))!.id!,
          status: m.isActive ? ('active' as const) : ('pending' as const), function: 'none' as const, created_at: at,
          approved_at: m.isActive ? at : null, approved_by: m.isActive ? importer.accountId : null,
        }));
        if (!members.some((m) => m.account_id === importer.accountId) && managerRole) {
          members.push({ id: newId(), association_id: associationId, account_id: importer.accountId, role_id: managerRole.id!, status: 'active', function: 'none', created_at: at, approved_at: at, approved_by: importer.accountId });
        }
        for (let i = 0; i < members.length; i += 200) await trx.insertInto('memberships').values(members.slice(i, i + 200)).execute();
        if (anonymous.length) await trx.insertInto('anonymous_members').values(anonymous.map((n) => n.row)).execute();
        for (let i = 0; i < declarations.length; i += 100) {
          const chunk = declarations.slice(i, i + 100);
          await trx.insertInto('declarations').values(chunk.map((d) => d.declaration)).onConflict((oc) => oc.columns(['association_id', 'origin_key']).doNothing()).execute();
          const validations = chunk.flatMap((d) => (d.validation ? [d.validation] : []));
          if (validations.length) await trx.insertInto('validations').values(validations).execute();
        }
        await trx.insertInto('imports').values({
          id: importId, file_token: a.metadata.token, association_id: associationId, status: 'done', created_by: importer.accountId, created_at: at, updated_at: at,
          report: JSON.stringify({ ...plan.report, anonymousLinks, origin: opened }),
        }).execute();
        await auditService(trx, clock).record(importer, { associationId, action: 'association.import', targetType: 'association', targetId: associationId, changes: { name: [null, plan.name] } });
        return null;
      });
      if (raced) return { importId: raced.id, associationId: raced.association_id ?? '', anonymousLinks: [], origin: 'skipped', alreadyImported: true };
      logger.info('Association {id} imported from {endpoint}', { id: associationId, endpoint: a.metadata.endpoint });

      for (const { email, token } of setPassword) await send(email, `Votre compte sur ${origin} : choisissez un mot de passe`, `L’association « ${plan.name} » a migré ici. Choisissez votre mot de passe : ${origin}/reinitialisation?token=${token}`);
      for (const email of plan.report.accounts.existingAccounts) await send(email, `Association migrée : ${plan.name}`, `L’association « ${plan.name} », dont vous êtes membre, a migré ici : ${origin}/associations/${associationId}`);

      const outcome = opened === 'open' ? await closeOrigin.close(a.metadata.endpoint, a.metadata.token, `${origin}/associations/${associationId}`, deps.fetch) : opened;
      if (outcome !== opened) await db.updateTable('imports').set({ report: JSON.stringify({ ...plan.report, anonymousLinks, origin: outcome }), updated_at: clock.now().toISOString() }).where('id', '=', importId).execute();
      return { importId, associationId, anonymousLinks, origin: outcome, alreadyImported: false };
    },
  };

  async function send(to: string, subject: string, text: string): Promise<void> {
    await mailer.send({ to, language: 'fr', subject, text, html: `<p>${text.replace(/[<>&]/g, '')}</p>` }).catch((error: unknown) => logger.error('Import email failed: {error}', { error }));
  }
}

export type ImportService = ReturnType<typeof importService>;
