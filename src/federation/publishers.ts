/**
 * Publishers by outbox event kind: what the federation layer sends when a committed
 * outbox event is dispatched (outbox-dispatch.ts). A publisher reads the record as it is
 * now and either calls `ctx.sendActivity()` (standard activities: Fedify's typed classes)
 * or `deliverRaw(ctx.data, …)` (activities carrying our terms, signed with a proof).
 * Activity ids must derive from the event id (`activityIri(origin, event.id)`): a
 * dispatch may run twice (at least once) and must send the same activity again.
 */
import type { Context } from '@fedify/fedify';
import type { Selectable } from 'kysely';
import type { OutboxEventsTable } from './federation.table.ts';
import type { FederationData } from './federation.ts';
import { accountDeletionPublishers } from './publish-account-deletion.ts';
import { associationDeletionPublishers } from './publish-association-deletion.ts';
import { associationUpdatePublishers } from './publish-association-update.ts';
import { declarationDecisionPublishers } from './publish-declaration-decision.ts';
import { membersNewsPublishers } from './publish-members-news.ts';
import { membershipPublishers } from './publish-membership.ts';
import { newsPublishers } from './publish-news.ts';
import { remoteDeclarationPublishers } from './declarations/send.ts';

export type OutboxEventRow = Selectable<OutboxEventsTable>;

export type Publisher = (ctx: Context<FederationData>, event: OutboxEventRow) => Promise<void>;

/** kind → publisher. news.* by the news module; the next issue adds memberships and declarations. */
export const publishers: Readonly<Record<string, Publisher>> = {
  ...newsPublishers,
  ...membershipPublishers,
  ...membersNewsPublishers,
  ...remoteDeclarationPublishers,
  ...declarationDecisionPublishers,
  ...accountDeletionPublishers,
  ...associationDeletionPublishers,
  ...associationUpdatePublishers,
};
