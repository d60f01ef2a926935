/** SQL behind `/ap/validations/{id}`: the decision event that carried a Validation (its payload rebuilds the very document sent). */
import type { Db } from '../db/database.ts';

export interface ValidationSource {
  associationId: string;
  payload: string;
}

export function validationObjectRepository(db: Db) {
  return {
    /** The `declaration.received.validated` event of that validation row; any of them when sent again (same document). */
    async source(validationId: string): Promise<ValidationSource | undefined> {
      const row = await db
        .selectFrom('outbox_events')
        .select(['association_id', 'payload'])
        .where('kind', '=', 'declaration.received.validated')
        .where((eb) => eb(eb.fn('json_extract', ['payload', eb.val('$.validationId')]), '=', validationId))
        .where('association_id', 'is not', null)
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst();
      return row?.association_id ? { associationId: row.association_id, payload: row.payload } : undefined;
    },
  };
}
