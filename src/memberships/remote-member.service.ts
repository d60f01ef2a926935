/**
 * Members from other sites (flow 2, the association's side). A Person of another site
 * that joins is a remote account (`status = 'remote'`: no email, no password, never logs
 * in, never emailed) and then a member like any other: default role, pending when the
 * association moderates membership, the same screens and rules. What its site must learn
 * (Accept with the Membership, TentativeAccept, Reject with a reason, Remove, a changed
 * function) is an outbox event recorded in the transaction of the change. No Fedify here:
 * the inbox (federation/inbox/join.ts) calls in, publish-membership.ts sends.
 */
import { getLogger } from '@logtape/logtape';
import type { Db } from '../db/database.ts';
import { recordOutboxEvent, type OutboxEventKind } from '../db/outbox-events.ts';
import { inTransaction } from '../db/transaction.ts';
import { auditService } from '../audit/audit.service.ts';
import type { Clock } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { notify } from '../notifications/notifier.ts';
import { roleRepository } from '../roles/role.repository.ts';
import { joinRequestMail } from './membership.mails.ts';
import { membershipRepository, type MembershipRow } from './membership.repository.ts';
import type { MembershipStatus } from './membership.table.ts';

const logger = getLogger(['benevalibre', 'memberships', 'remote']);

/** What the inbox knows of the remote Person (from its signed actor document). */
export interface RemotePerson {
  iri: string;
  name: string | null;
  handle: string | null;
}

export interface RemoteMemberDeps {
  db: Db;
  clock: Clock;
  origin: string;
  settings: { get(): Promise<{ name: string }> };
}

/** The remote actor id of an account, or null for this site's own accounts. */
export async function remoteIriOf(db: Db, accountId: string): Promise<string | null> {
  const row = await db.selectFrom('accounts').select('remote_iri').where('id', '=', accountId).where('status', '=', 'remote').executeTakeFirst();
  return row?.remote_iri ?? null;
}

/** Whether the association has active members from other sites (who must be sent its members-only news). */
export async function hasRemoteMembers(db: Db, associationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
    .select('memberships.id')
    .where('memberships.association_id', '=', associationId)
    .where('memberships.status', '=', 'active')
    .where('accounts.status', '=', 'remote')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records, in the caller's transaction, what a remote member's site must learn about
 * its membership; nothing for this site's own accounts. `payload` keeps what the
 * publisher needs once the membership row is gone (a refusal, a removal).
 */
export async function recordRemoteMemberEvent(
  trx: Db, clock: Clock, kind: OutboxEventKind, membership: MembershipRow, extra: Record<string, unknown> = {},
): Promise<void> {
  const remoteIri = await remoteIriOf(trx, membership.account_id);
  if (!remoteIri) return;
  await recordOutboxEvent(trx, clock, {
    kind, associationId: membership.association_id, subjectType: 'membership', subjectId: membership.id,
    payload: { person: remoteIri, join: membership.join_activity_iri, ...extra },
  });
}

export function remoteMemberService(deps: RemoteMemberDeps) {
  const { db, clock, origin } = deps;
  const now = () => clock.now().toISOString();

  /** The remote account of `person` (created on its first Join; name refreshed). */
  async function remoteAccount(trx: Db, person: RemotePerson): Promise<string> {
    const label = person.name?.trim() || person.handle || new URL(person.iri).host;
    const existing = await trx.selectFrom('accounts').select(['id', 'status']).where('remote_iri', '=', person.iri).executeTakeFirst();
    if (existing) {
      await trx.updateTable('accounts').set({ pseudo: label.slice(0, 100), updated_at: now() }).where('id', '=', existing.id).execute();
      return existing.id;
    }
    const id = newId();
    await trx.insertInto('accounts').values({
      id, email: null, password_hash: null, first_name: null, last_name: null, pseudo: label.slice(0, 100), theme: 'auto', language: 'fr',
      is_admin: 0, status: 'remote', terms_accepted_at: null, age_confirmed_at: null, former_member_number: null,
      created_at: now(), updated_at: now(), activated_at: null, deleted_at: null, handle: null, remote_iri: person.iri,
    }).execute();
    return id;
  }

  return {
    /**
     * A remote Person's Join of one of our associations: joins with the default role
     * exactly like a local join (active, or pending when moderated) and records the
     * answer (Accept with the Membership, or TentativeAccept). A Join from someone
     * already a member (a new Join after a lost answer) is answered with the current
     * state under the new Join's id. Returns null when the association does not take
     * members (unknown, inactive, no default role).
     */
    async join(associationId: string, person: RemotePerson, joinIri: string): Promise<{ status: MembershipStatus; membershipId: string } | null> {
      const site = (await deps.settings.get()).name; // before the transaction: settings read the main connection
      return inTransaction(db, async (trx) => {
        const members = membershipRepository(trx);
        const association = await members.findAssociation(associationId);
        if (!association || association.is_active !== 1 || association.id !== associationId) return null;
        const role = await roleRepository(trx).findDefault(association.id);
        if (!role) return null;
        const accountId = await remoteAccount(trx, person);
        const existing = await members.findWithRole(association.id, accountId);
        if (existing) {
          await members.update(existing.membership.id, { join_activity_iri: joinIri });
          const membership = { ...existing.membership, join_activity_iri: joinIri };
          await recordRemoteMemberEvent(trx, clock, membership.status === 'active' ? 'membership.accepted' : 'membership.pending', membership);
          return { status: membership.status, membershipId: membership.id };
        }
        const status: MembershipStatus = association.moderate_membership === 1 ? 'pending' : 'active';
        const membership: MembershipRow = {
          id: newId(), association_id: association.id, account_id: accountId, role_id: role.id, status, function: 'none',
          created_at: now(), approved_at: status === 'active' ? now() : null, approved_by: null, join_activity_iri: joinIri,
        };
        await members.insert(membership);
        const name = person.handle ? `@${person.handle}` : person.iri;
        await auditService(trx, clock).record({ accountId, label: name }, {
          associationId: association.id, action: 'membership.join', targetType: 'membership', targetId: membership.id,
          changes: { account: [null, name], role: [null, role.name], status: [null, status] },
        });
        await recordRemoteMemberEvent(trx, clock, status === 'active' ? 'membership.accepted' : 'membership.pending', membership);
        if (status === 'pending') {
          const url = `${origin}/associations/${association.handle}/membres`;
          for (const r of await members.recipientsWith(association.id, 'manage_members')) {
            await notify(trx, { accountId: r.id, kind: 'membership_request', site, clock, url, render: (ctx) => joinRequestMail(ctx, name, association.name, url) });
          }
        }
        return { status, membershipId: membership.id };
      });
    },

    /** A remote Person's Leave: its membership ends like a local leave (a lone manager cannot be remote). */
    async leave(associationId: string, personIri: string): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const account = await trx.selectFrom('accounts').select('id').where('remote_iri', '=', personIri).where('status', '=', 'remote').executeTakeFirst();
        if (!account) return false;
        const members = membershipRepository(trx);
        const found = await members.findWithRole(associationId, account.id);
        if (!found) return false;
        await members.delete(found.membership.id);
        await auditService(trx, clock).record({ accountId: account.id, label: personIri }, {
          associationId, action: 'membership.leave', targetType: 'membership', targetId: found.membership.id,
          changes: { account: [personIri, null], role: [found.role.name, null] },
        });
        logger.info('Remote member {person} left association {associationId}', { person: personIri, associationId });
        return true;
      });
    },
  };
}

export type RemoteMemberService = ReturnType<typeof remoteMemberService>;
