/**
 * SQL of « Télécharger mes données »: every row about one account, read as stored. Secrets
 * never leave: no password hash, no session or API-token hash, no email-token hash.
 */
import type { Db } from '../db/database.ts';

export function privacyRepository(db: Db) {
  return {
    account(accountId: string) {
      return db
        .selectFrom('accounts')
        .select([
          'id', 'email', 'first_name', 'last_name', 'pseudo', 'handle', 'theme', 'language', 'is_admin', 'status', 'terms_accepted_at',
          'age_confirmed_at', 'created_at', 'updated_at', 'activated_at',
        ])
        .where('id', '=', accountId)
        .executeTakeFirst();
    },

    avatar: (accountId: string) => db.selectFrom('avatars').select(['mime', 'data', 'updated_at']).where('account_id', '=', accountId).executeTakeFirst(),

    memberships(accountId: string) {
      return db
        .selectFrom('memberships')
        .innerJoin('associations', 'associations.id', 'memberships.association_id')
        .innerJoin('roles', 'roles.id', 'memberships.role_id')
        .leftJoin('cec_validators', 'cec_validators.membership_id', 'memberships.id')
        .select([
          'memberships.id', 'associations.id as association_id', 'associations.handle', 'associations.name', 'roles.name as role', 'memberships.status',
          'memberships.function', 'cec_validators.designated_at as cec_validator_since', 'memberships.created_at', 'memberships.approved_at',
        ])
        .where('memberships.account_id', '=', accountId)
        .orderBy('associations.name')
        .execute();
    },

    remoteMemberships(accountId: string) {
      return db
        .selectFrom('remote_memberships')
        .leftJoin('remote_actors', 'remote_actors.iri', 'remote_memberships.group_iri')
        .selectAll('remote_memberships')
        .select(['remote_actors.name', 'remote_actors.host'])
        .where('remote_memberships.account_id', '=', accountId)
        .orderBy('remote_memberships.created_at')
        .execute();
    },

    declarations(accountId: string) {
      return db
        .selectFrom('declarations')
        .innerJoin('associations', 'associations.id', 'declarations.association_id')
        .innerJoin('categories', 'categories.id', 'declarations.category_id')
        .leftJoin('projects', 'projects.id', 'declarations.project_id')
        .leftJoin('levels', 'levels.id', 'declarations.level_id')
        .select([
          'declarations.id', 'associations.id as association_id', 'associations.name as association_name', 'declarations.title', 'declarations.description',
          'declarations.date', 'declarations.end_date', 'declarations.duration_minutes', 'declarations.distance_hundredths', 'categories.name as category',
          'projects.name as project', 'levels.name as level', 'declarations.status', 'declarations.rejection_reason', 'declarations.rejected_at',
          'declarations.validation_id', 'declarations.created_at', 'declarations.updated_at',
        ])
        .where('declarations.author_account_id', '=', accountId)
        .orderBy('declarations.date')
        .orderBy('declarations.id')
        .execute();
    },

    /** Every validation of the account's declarations, earlier ones (superseded) included. */
    validations(accountId: string) {
      return db
        .selectFrom('validations')
        .innerJoin('declarations', 'declarations.id', 'validations.declaration_id')
        .select([
          'validations.id', 'validations.declaration_id', 'validations.validated_by_label', 'validations.validated_at', 'validations.validated_minutes',
          'validations.reason', 'validations.imported', 'validations.superseded_at',
        ])
        .where('declarations.author_account_id', '=', accountId)
        .orderBy('validations.validated_at')
        .execute();
    },

    remoteDeclarations(accountId: string) {
      return db
        .selectFrom('remote_declarations')
        .leftJoin('remote_actors', 'remote_actors.iri', 'remote_declarations.group_iri')
        .selectAll('remote_declarations')
        .select(['remote_actors.name as association_name'])
        .where('remote_declarations.account_id', '=', accountId)
        .orderBy('remote_declarations.date')
        .execute();
    },

    following(accountId: string) {
      return db
        .selectFrom('following')
        .leftJoin('remote_actors', 'remote_actors.iri', 'following.iri')
        .select(['following.iri', 'remote_actors.name', 'following.status', 'following.created_at', 'following.accepted_at'])
        .where('following.account_id', '=', accountId)
        .execute();
    },

    attestations(accountId: string) {
      return db
        .selectFrom('attestations')
        .select([
          'id', 'code', 'kind', 'association_name', 'group_iri', 'volunteer_name', 'period_start', 'period_end', 'total_minutes', 'jws', 'issued_at',
          'issued_by_label', 'revoked_at', 'revocation_reason',
        ])
        .where('account_id', '=', accountId)
        .orderBy('issued_at')
        .execute();
    },

    notificationPreferences: (accountId: string) =>
      db.selectFrom('notification_preferences').select(['kind', 'mode']).where('account_id', '=', accountId).orderBy('kind').execute(),

    sessions: (accountId: string) =>
      db.selectFrom('sessions').select(['id', 'user_agent', 'created_at', 'last_seen_at', 'expires_at']).where('account_id', '=', accountId).orderBy('created_at').execute(),

    apiTokens: (accountId: string) =>
      db.selectFrom('api_tokens').select(['id', 'name', 'scope', 'created_at', 'expires_at', 'last_used_at']).where('account_id', '=', accountId).orderBy('created_at').execute(),

    /** What the account did in associations (the audit trail names it). */
    auditTrail: (accountId: string) =>
      db
        .selectFrom('audit_log')
        .leftJoin('associations', 'associations.id', 'audit_log.association_id')
        .select(['audit_log.created_at', 'audit_log.action', 'associations.name as association_name', 'audit_log.target_type', 'audit_log.target_id'])
        .where('audit_log.actor_account_id', '=', accountId)
        .orderBy('audit_log.created_at')
        .execute(),
  };
}
