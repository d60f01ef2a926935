/** SQL behind the local actors: who an actor id or a handle is, and what it publishes. */
import type { Db } from '../db/database.ts';

export type LocalActorKind = 'association' | 'account';

export function actorRepository(db: Db) {
  return {
    /** A public association (approved) with its activity field and logo version. */
    association(id: string) {
      return db
        .selectFrom('associations')
        .leftJoin('activity_fields', 'activity_fields.code', 'associations.activity_field_code')
        .leftJoin('association_logos', 'association_logos.association_id', 'associations.id')
        .select([
          'associations.id', 'associations.handle', 'associations.name', 'associations.description', 'associations.website',
          'associations.created_at', 'associations.updated_at', 'associations.approved_at', 'associations.is_active',
          'associations.rna_number', 'associations.siren',
          'activity_fields.name_fr as activity_field', 'association_logos.mime as logo_mime',
          'association_logos.updated_at as logo_updated_at',
        ])
        .where('associations.id', '=', id)
        .executeTakeFirst();
    },

    /** An account, with only what may become public (never email nor last name). */
    account(id: string) {
      return db
        .selectFrom('accounts')
        .leftJoin('avatars', 'avatars.account_id', 'accounts.id')
        .select([
          'accounts.id', 'accounts.handle', 'accounts.pseudo', 'accounts.first_name', 'accounts.status', 'accounts.created_at',
          'accounts.updated_at', 'avatars.mime as avatar_mime', 'avatars.updated_at as avatar_updated_at',
        ])
        .where('accounts.id', '=', id)
        .executeTakeFirst();
    },

    /** The current owner of a handle (WebFinger). */
    async ownerOfHandle(handle: string): Promise<{ type: string; id: string } | undefined> {
      const row = await db
        .selectFrom('handles')
        .select(['owner_type', 'owner_id'])
        .where('handle', '=', handle)
        .where('released_at', 'is', null)
        .executeTakeFirst();
      return row && { type: row.owner_type, id: row.owner_id };
    },

    /** What a vanished owner was, from the handles it held (rows outlive the owner). */
    async formerOwnerType(id: string): Promise<string | undefined> {
      const row = await db.selectFrom('handles').select('owner_type').where('owner_id', '=', id).executeTakeFirst();
      return row?.owner_type;
    },

    /** Whether the id is an association's (any state): content negotiation picks the page. */
    async isAssociation(id: string): Promise<boolean> {
      return (await db.selectFrom('associations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    },

    /** The association a news item belongs to. */
    async newsAssociationId(newsId: string): Promise<string | undefined> {
      return (await db.selectFrom('news').select('association_id').where('id', '=', newsId).executeTakeFirst())?.association_id;
    },

    /** Whether keys were ever made for this id (a tombstone keeps publishing them). */
    async hasKeys(actorId: string): Promise<boolean> {
      const row = await db.selectFrom('actor_keys').select('actor_id').where('actor_id', '=', actorId).executeTakeFirst();
      return row !== undefined;
    },
  };
}
