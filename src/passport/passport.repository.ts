/**
 * SQL of the « passeport bénévole »: the account's declarations here (with the current
 * validation) and on other sites (the copy its site keeps), and its memberships on both.
 * Withdrawn declarations on other sites are left out: the volunteer took them back.
 */
import type { Db } from '../db/database.ts';

export function passportRepository(db: Db) {
  return {
    account: (accountId: string) =>
      db.selectFrom('accounts').select(['id', 'first_name', 'last_name', 'pseudo', 'former_member_number', 'handle', 'created_at']).where('id', '=', accountId).executeTakeFirst(),

    localDeclarations(accountId: string) {
      return db
        .selectFrom('declarations')
        .innerJoin('associations', 'associations.id', 'declarations.association_id')
        .innerJoin('categories', 'categories.id', 'declarations.category_id')
        .leftJoin('projects', 'projects.id', 'declarations.project_id')
        .leftJoin('validations', 'validations.id', 'declarations.validation_id')
        .select([
          'declarations.id', 'associations.id as association_id', 'declarations.title', 'declarations.date', 'declarations.end_date',
          'declarations.duration_minutes', 'declarations.distance_hundredths', 'categories.name as category', 'projects.name as project',
          'declarations.status', 'declarations.rejection_reason', 'validations.validated_minutes', 'validations.reason as validation_reason',
          'validations.validated_at',
        ])
        .where('declarations.author_account_id', '=', accountId)
        .orderBy('declarations.date', 'desc')
        .orderBy('declarations.id')
        .execute();
    },

    remoteDeclarations(accountId: string) {
      return db
        .selectFrom('remote_declarations')
        .select([
          'id', 'group_iri', 'title', 'date', 'end_date', 'duration_minutes', 'distance_hundredths', 'category_name as category', 'project_name as project',
          'status', 'validated_minutes', 'reason', 'validation',
        ])
        .where('account_id', '=', accountId)
        .where('status', '!=', 'withdrawn')
        .orderBy('date', 'desc')
        .orderBy('id')
        .execute();
    },

    /** Associations of this site the account belongs to or declared for. */
    localAssociations(accountId: string, extraIds: string[]) {
      return db
        .selectFrom('associations')
        .leftJoin('memberships', (j) => j.onRef('memberships.association_id', '=', 'associations.id').on('memberships.account_id', '=', accountId))
        .select(['associations.id', 'associations.handle', 'associations.name', 'memberships.status', 'memberships.function', 'memberships.created_at as since'])
        .where((eb) => eb.or([eb('memberships.account_id', '=', accountId), ...(extraIds.length > 0 ? [eb('associations.id', 'in', extraIds)] : [])]))
        .execute();
    },

    remoteAssociations(accountId: string, extraIris: string[]) {
      return db
        .selectFrom('remote_memberships')
        .select(['group_iri', 'status', 'function', 'created_at as since'])
        .where('account_id', '=', accountId)
        .execute()
        .then(async (memberships) => {
          const iris = [...new Set([...memberships.map((m) => m.group_iri), ...extraIris])];
          const actors = iris.length > 0 ? await db.selectFrom('remote_actors').select(['iri', 'name', 'host', 'url']).where('iri', 'in', iris).execute() : [];
          return iris.map((iri) => ({ iri, membership: memberships.find((m) => m.group_iri === iri) ?? null, actor: actors.find((a) => a.iri === iri) ?? null }));
        });
    },
  };
}
