/**
 * Rules of the declarations our accounts make for associations of other sites (flows
 * 3–5, the volunteer's side). The values follow declaration.rules.ts exactly as for a
 * local declaration; the category, project and level must be IRIs of the association's
 * catalog (remote-catalog.ts) and the account an active member there. Every change
 * records an outbox event in its transaction (send.ts builds, signs and sends the
 * Create / Update / Delete); the association's answers (inbox/declaration-answers.ts)
 * come back here, matched on the Create/Update id and on the association that sends
 * them, and email the volunteer once per decision. No Fedify and no HTTP here.
 */
import type { Db } from '../../db/database.ts';
import { recordOutboxEvent } from '../../db/outbox-events.ts';
import { declarationRejectedMail, declarationValidatedMail, type DeclarationBrief } from '../../declarations/declaration.mails.ts';
import { checkEffort, formatDistance, parseDistance } from '../../declarations/declaration.rules.ts';
import type { SettingsService } from '../../instance/settings.service.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { todayIn } from '../../memberships/access.ts';
import { notify } from '../../notifications/notifier.ts';
import { activityIri } from '../uris.ts';
import type { RemoteCatalog } from './remote-catalog.ts';
import type { RemoteDeclarationStatus, RemoteDeclarationsTable } from './remote-declaration.table.ts';
import { remoteDeclarationRepository, type RemoteDeclarationListRow, type RemoteDeclarationRow } from './send.repository.ts';

/** The association checks the date in its own time zone: here, no later than the latest « today » on Earth. */
const LATEST_ZONE = 'Pacific/Kiritimati';
/** Flow 4: a copy without a decision is sent again after an hour, then at most once a day. */
export const RESEND_AFTER_MS = 60 * 60 * 1000;
export const RESEND_EVERY_MS = 24 * 60 * 60 * 1000;

export interface RemoteDeclarationInput {
  association: string;
  date: string;
  endDate?: string | null | undefined;
  durationMinutes: number;
  distance?: string | number | null | undefined;
  title: string;
  description?: string | null | undefined;
  category: string;
  project?: string | null | undefined;
  level?: string | null | undefined;
}
export type RemoteDeclarationPatch = Partial<Omit<RemoteDeclarationInput, 'association'>>;
type Catalog = Pick<RemoteCatalog, 'categories' | 'projects' | 'levels'>;

export interface RemoteDeclarationView {
  id: string;
  association: { actor: string; name: string; handle: string | null };
  title: string;
  description: string;
  date: string;
  endDate: string | null;
  durationMinutes: number;
  distanceKm: string;
  category: { iri: string; name: string };
  project: { iri: string; name: string } | null;
  level: { iri: string; name: string } | null;
  /** unsent: not yet received by the association's site (« en attente d'envoi »). */
  status: RemoteDeclarationStatus;
  validatedMinutes: number | null;
  reason: string | null;
  /** The Create/Update id the association answers. */
  activity: string | null;
  /** The signed Validation received, when validated: the volunteer's evidence. */
  validation: unknown;
  /** When the association's site told us it was deleted: the copy is kept, read-only (« association supprimée »). */
  associationDeletedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The outbox payload (send.ts). */
export interface RemoteDeclarationEvent {
  verb: 'Create' | 'Update' | 'Delete';
  activity: string | null;
}

export function remoteDeclarationService(deps: { db: Db; clock: Clock; origin: string; settings?: SettingsService }) {
  const now = () => deps.clock.now().toISOString();
  const toView = (r: RemoteDeclarationListRow): RemoteDeclarationView => ({
    id: r.id,
    association: { actor: r.group_iri, name: r.group_name ?? r.group_handle ?? new URL(r.group_iri).host, handle: r.group_handle },
    title: r.title, description: r.description, date: r.date, endDate: r.end_date, durationMinutes: r.duration_minutes,
    distanceKm: formatDistance(r.distance_hundredths),
    category: { iri: r.category_iri, name: r.category_name },
    project: r.project_iri ? { iri: r.project_iri, name: r.project_name ?? '' } : null,
    level: r.level_iri ? { iri: r.level_iri, name: r.level_name ?? '' } : null,
    // Queued but not yet received there (a delivery still waits): still « en attente d'envoi ».
    status: r.status === 'pending' && r.undelivered > 0 ? 'unsent' : r.status,
    validatedMinutes: r.validated_minutes, reason: r.reason, activity: r.activity_iri,
    validation: r.validation ? (JSON.parse(r.validation) as unknown) : null,
    associationDeletedAt: r.association_deleted_at,
    createdAt: r.created_at, updatedAt: r.updated_at,
  });

  /** The values, checked like a local declaration's, with names from the association's catalog. */
  function checked(input: Omit<RemoteDeclarationInput, 'association'>, catalog: Catalog) {
    const errors: FieldError[] = [];
    const distance = parseDistance(input.distance);
    if (!distance.ok) errors.push({ field: 'distance', code: distance.code });
    const hundredths = distance.ok ? distance.hundredths : 0;
    const endDate = input.endDate ?? null;
    const today = todayIn(LATEST_ZONE, deps.clock.now());
    for (const e of checkEffort({ date: input.date, endDate, durationMinutes: input.durationMinutes, distanceHundredths: hundredths }, today)) {
      errors.push({ ...e, field: e.field === 'distanceKm' ? 'distance' : e.field });
    }
    const category = catalog.categories.find((c) => c.iri === input.category);
    const project = input.project ? catalog.projects.find((c) => c.iri === input.project) : null;
    const level = input.level ? catalog.levels.find((c) => c.iri === input.level) : null;
    if (!category) errors.push({ field: 'category', code: 'declaration_category_unknown' });
    if (input.project && !project) errors.push({ field: 'project', code: 'declaration_project_unknown' });
    if (input.level && !level) errors.push({ field: 'level', code: 'declaration_level_unknown' });
    if (errors.length > 0 || !category) throw new AppError('validation', 'validation_failed', { fields: errors });
    return {
      title: input.title.trim(), description: (input.description ?? '').trim(), date: input.date, end_date: endDate,
      duration_minutes: input.durationMinutes, distance_hundredths: hundredths,
      category_iri: category.iri, category_name: category.name, default_category: category.defaultCategory,
      project_iri: project?.iri ?? null, project_name: project?.name ?? null, level_iri: level?.iri ?? null, level_name: level?.name ?? null,
    };
  }

  /** An active member of an association that still exists there (a deleted one's copies are read-only). */
  async function mustBeMember(accountId: string, groupIri: string): Promise<void> {
    const membership = await remoteDeclarationRepository(deps.db).membership(accountId, groupIri);
    const code = membership?.association_deleted_at ? 'remote_declaration_association_deleted' : membership?.status === 'active' ? null : 'remote_declaration_not_member';
    if (code) throw new AppError('validation', 'validation_failed', { fields: [{ field: 'association', code }] });
  }

  async function own(accountId: string, id: string): Promise<RemoteDeclarationRow> {
    const row = await remoteDeclarationRepository(deps.db).get(id);
    if (!row || row.account_id !== accountId || row.status === 'withdrawn') throw new AppError('not_found', 'remote_declaration_not_found');
    return row;
  }

  const event = (trx: Db, row: Pick<RemoteDeclarationRow, 'id'>, payload: RemoteDeclarationEvent, kind: 'declaration.remote.sent' | 'declaration.remote.deleted' = 'declaration.remote.sent') =>
    recordOutboxEvent(trx, deps.clock, { kind, subjectType: 'declaration', subjectId: row.id, payload: { ...payload } });

  const service = {
    async view(accountId: string, id: string): Promise<RemoteDeclarationView> {
      const row = await remoteDeclarationRepository(deps.db).view(accountId, id);
      if (!row || row.status === 'withdrawn') throw new AppError('not_found', 'remote_declaration_not_found');
      return toView(row);
    },
    async list(accountId: string, groupIri: string | null = null): Promise<RemoteDeclarationView[]> {
      return (await remoteDeclarationRepository(deps.db).list(accountId, groupIri)).map(toView);
    },
    /** The association of one of the account's copies (the routes load its catalog before an edit). */
    async groupOf(accountId: string, id: string): Promise<string> {
      return (await own(accountId, id)).group_iri;
    },
    /** Whether the account may declare for this association (before loading its catalog). */
    mustBeMember,

    /** Records the copy (unsent) and the event that sends `Create{Declaration}`. */
    async create(accountId: string, input: RemoteDeclarationInput, catalog: Catalog): Promise<RemoteDeclarationView> {
      await mustBeMember(accountId, input.association);
      const values = checked(input, catalog);
      const at = now();
      const row: RemoteDeclarationsTable = {
        id: newId(), account_id: accountId, group_iri: input.association, ...values, status: 'unsent', validated_minutes: null, reason: null,
        document: null, activity_iri: activityIri(deps.origin, newId()), validation: null, sent_at: null, resent_at: null,
        association_deleted_at: null, created_at: at, updated_at: at,
      };
      await deps.db.transaction().execute(async (trx) => {
        await remoteDeclarationRepository(trx).insert(row);
        await event(trx, row, { verb: 'Create', activity: row.activity_iri });
      });
      return service.view(accountId, row.id);
    },

    /** An edit (also after a decision: it awaits a new one) → a new `Update{Declaration}` id. */
    async update(accountId: string, id: string, patch: RemoteDeclarationPatch, catalog: Catalog): Promise<RemoteDeclarationView> {
      const before = await own(accountId, id);
      if (before.association_deleted_at) throw new AppError('validation', 'validation_failed', { fields: [{ field: 'association', code: 'remote_declaration_association_deleted' }] });
      await mustBeMember(accountId, before.group_iri);
      const values = checked(
        {
          title: patch.title ?? before.title, description: patch.description !== undefined ? patch.description : before.description,
          date: patch.date ?? before.date, endDate: patch.endDate !== undefined ? patch.endDate : before.end_date,
          durationMinutes: patch.durationMinutes ?? before.duration_minutes,
          distance: patch.distance !== undefined ? patch.distance : formatDistance(before.distance_hundredths),
          category: patch.category ?? before.category_iri, project: patch.project !== undefined ? patch.project : before.project_iri,
          level: patch.level !== undefined ? patch.level : before.level_iri,
        },
        catalog,
      );
      const activity = activityIri(deps.origin, newId());
      await deps.db.transaction().execute(async (trx) => {
        await remoteDeclarationRepository(trx).update(id, {
          ...values, status: 'unsent', validated_minutes: null, reason: null, validation: null, document: null, activity_iri: activity,
          sent_at: null, resent_at: null, updated_at: now(),
        });
        await event(trx, before, { verb: 'Update', activity });
      });
      return service.view(accountId, id);
    },

    /** Withdraws it: `Delete{Tombstone}` to the association; the copy is kept, marked withdrawn. */
    async withdraw(accountId: string, id: string): Promise<void> {
      const row = await own(accountId, id);
      await deps.db.transaction().execute(async (trx) => {
        await remoteDeclarationRepository(trx).update(id, { status: 'withdrawn', activity_iri: null, updated_at: now() });
        await event(trx, row, { verb: 'Delete', activity: null }, 'declaration.remote.deleted');
      });
    },

    // ---- for send.ts (the publisher) ----
    async forSending(id: string): Promise<RemoteDeclarationRow | undefined> {
      return remoteDeclarationRepository(deps.db).get(id);
    },
    /** The signed document of the current activity, stored once: every re-sending carries the same one. */
    async keepDocument(id: string, activity: string, document: string): Promise<void> {
      await deps.db.updateTable('remote_declarations').set({ document }).where('id', '=', id).where('activity_iri', '=', activity).where('document', 'is', null).execute();
    },
    /** The activity is queued for the association's inbox. */
    async queued(id: string, activity: string): Promise<void> {
      const at = now();
      await deps.db.transaction().execute(async (trx) => {
        const row = await remoteDeclarationRepository(trx).get(id);
        if (!row || row.activity_iri !== activity) return;
        await remoteDeclarationRepository(trx).update(id, { status: row.status === 'unsent' ? 'pending' : row.status, sent_at: row.sent_at ?? at });
      });
    },

    // ---- for the inbox (the association's answers) ----
    /** Our copy whose current activity is `activity`, if the association `groupIri` sent the answer. */
    async answered(activity: string, groupIri: string): Promise<RemoteDeclarationRow | null> {
      const row = await remoteDeclarationRepository(deps.db).byActivity(activity);
      return row && row.group_iri === groupIri && row.status !== 'withdrawn' ? row : null;
    },
    async tentative(row: RemoteDeclarationRow): Promise<boolean> {
      if (row.status !== 'unsent') return false;
      await remoteDeclarationRepository(deps.db).update(row.id, { status: 'pending', updated_at: now() });
      return true;
    },
    /** Validated (maybe partly): keeps the signed Validation; the volunteer is emailed once. */
    async validated(row: RemoteDeclarationRow, minutes: number, reason: string | null, validation: string): Promise<boolean> {
      if (row.status === 'validated' && row.validated_minutes === minutes && row.reason === reason) return false;
      const site = await siteName();
      await deps.db.transaction().execute(async (trx) => {
        await remoteDeclarationRepository(trx).update(row.id, { status: 'validated', validated_minutes: minutes, reason, validation, updated_at: now() });
        const brief = await briefOf(trx, row);
        const url = `${deps.origin}/mes-benevolats`;
        await notify(trx, {
          accountId: row.account_id, kind: 'declaration_validated', site, clock: deps.clock, url,
          render: (ctx) => declarationValidatedMail(ctx, brief, { minutes, reason }, url),
        });
      });
      return true;
    },
    /** Refused with a reason: the volunteer is emailed once. */
    async rejected(row: RemoteDeclarationRow, reason: string): Promise<boolean> {
      if (row.status === 'rejected' && row.reason === reason) return false;
      const site = await siteName();
      await deps.db.transaction().execute(async (trx) => {
        await remoteDeclarationRepository(trx).update(row.id, { status: 'rejected', validated_minutes: null, validation: null, reason, updated_at: now() });
        const brief = await briefOf(trx, row);
        const url = `${deps.origin}/mes-benevolats`;
        await notify(trx, {
          accountId: row.account_id, kind: 'declaration_rejected', site, clock: deps.clock, url,
          render: (ctx) => declarationRejectedMail(ctx, brief, reason, url),
        });
      });
      return true;
    },

    /**
     * Flow 4, reconciliation: copies still without a decision an hour after their
     * activity was queued are sent again — the same activity id, the same document —
     * at most once a day each. The association answers the same id with its decision.
     */
    async resendUndecided(limit = 200): Promise<number> {
      const t = deps.clock.now().getTime();
      const rows = await remoteDeclarationRepository(deps.db).undecided(
        new Date(t - RESEND_AFTER_MS).toISOString(), new Date(t - RESEND_EVERY_MS).toISOString(), limit,
      );
      await deps.db.transaction().execute(async (trx) => {
        for (const row of rows) {
          await remoteDeclarationRepository(trx).update(row.id, { resent_at: now() });
          const verb = hasUpdated(row.document) ? 'Update' : 'Create';
          await event(trx, row, { verb, activity: row.activity_iri });
        }
      });
      return rows.length;
    },
  };

  async function siteName(): Promise<string> {
    return deps.settings ? (await deps.settings.get()).name : new URL(deps.origin).host;
  }
  async function briefOf(trx: Db, row: RemoteDeclarationRow): Promise<DeclarationBrief> {
    const actor = await trx.selectFrom('remote_actors').select(['name', 'handle']).where('iri', '=', row.group_iri).executeTakeFirst();
    return {
      association: actor?.name ?? actor?.handle ?? new URL(row.group_iri).host, title: row.title, date: row.date,
      durationMinutes: row.duration_minutes, distanceKm: formatDistance(row.distance_hundredths),
    };
  }
  return service;
}

/** Whether the stored document is an edited version (it then carries `updated`). */
function hasUpdated(document: string | null): boolean {
  if (!document) return false;
  try {
    return typeof (JSON.parse(document) as { updated?: unknown }).updated === 'string';
  } catch {
    return false;
  }
}
