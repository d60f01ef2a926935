/** The whole database as Kysely sees it: each feature contributes its tables. */
import type {
  AccountsTable,
  ApiTokensTable,
  AvatarsTable,
  EmailTokensTable,
  SessionsTable,
} from '../accounts/account.table.ts';
import type { AssociationLogosTable, AssociationsTable, CategoriesTable, LevelsTable } from '../associations/association.table.ts';
import type { AnnouncementsTable, AuditLogTable, HandlesTable, InstanceSettingsTable } from '../instance/instance.table.ts';
import type { AnonymousMembersTable, AnonymousSessionsTable, MembershipsTable } from '../memberships/membership.table.ts';
import type {
  ActivityFieldsTable,
  ActivityGroupsTable,
  DefaultCategoriesTable,
  DefaultLevelsTable,
  DefaultRolesTable,
  ReferenceCategoriesTable,
} from '../reference/reference.table.ts';
import type { RolesTable } from '../roles/role.table.ts';
import type { DeclarationsTable, ProjectsTable, ValidationsTable } from '../declarations/declaration.table.ts';
import type { JobsTable, KvTable } from '../jobs/job.table.ts';
import type { ImportsTable } from '../imports/import.table.ts';
import type {
  ActorKeysTable,
  FlagsTable,
  FollowsTable,
  InboxActivitiesTable,
  OutboxEventsTable,
  RemoteActorsTable,
  RemoteHostsTable,
} from '../federation/federation.table.ts';
import type { NewsTable } from '../news/news.table.ts';
import type { AssociationRateItemsTable, AssociationRatesTable, SmicRatesTable } from '../valuation/valuation.table.ts';
import type { DeliveriesTable } from '../federation/delivery/delivery.table.ts';
import type { FollowingTable, RemoteNewsTable } from '../federation/following.table.ts';
import type { RemoteMembershipsTable } from '../federation/remote-membership.table.ts';
import type { RemoteDeclarationsTable } from '../federation/declarations/remote-declaration.table.ts';
import type { RemoteCatalogItemsTable, RemoteCatalogsTable } from '../federation/declarations/remote-catalog.table.ts';
import type { DigestItemsTable, NotificationPreferencesTable } from '../notifications/notification.table.ts';
import type {
  StatisticsDirtyTable,
  StatisticsLedgerTable,
  StatisticsMembersTable,
  StatisticsMonthsTable,
  StatisticsTotalsTable,
} from '../statistics/statistics.table.ts';
import type { CecValidatorsTable } from '../cec/cec.table.ts';
import type { AttestationsTable } from '../attestations/attestation.table.ts';

export interface Database {
  accounts: AccountsTable;
  avatars: AvatarsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  email_tokens: EmailTokensTable;
  activity_groups: ActivityGroupsTable;
  activity_fields: ActivityFieldsTable;
  reference_categories: ReferenceCategoriesTable;
  default_categories: DefaultCategoriesTable;
  default_levels: DefaultLevelsTable;
  default_roles: DefaultRolesTable;
  handles: HandlesTable;
  associations: AssociationsTable;
  association_logos: AssociationLogosTable;
  categories: CategoriesTable;
  levels: LevelsTable;
  roles: RolesTable;
  memberships: MembershipsTable;
  anonymous_members: AnonymousMembersTable;
  anonymous_sessions: AnonymousSessionsTable;
  instance_settings: InstanceSettingsTable;
  announcements: AnnouncementsTable;
  audit_log: AuditLogTable;
  projects: ProjectsTable;
  declarations: DeclarationsTable;
  validations: ValidationsTable;
  jobs: JobsTable;
  kv: KvTable;
  notification_preferences: NotificationPreferencesTable;
  digest_items: DigestItemsTable;
  statistics_dirty: StatisticsDirtyTable;
  statistics_ledger: StatisticsLedgerTable;
  statistics_totals: StatisticsTotalsTable;
  statistics_members: StatisticsMembersTable;
  statistics_months: StatisticsMonthsTable;
  imports: ImportsTable;
  actor_keys: ActorKeysTable;
  remote_actors: RemoteActorsTable;
  follows: FollowsTable;
  news: NewsTable;
  outbox_events: OutboxEventsTable;
  remote_hosts: RemoteHostsTable;
  inbox_activities: InboxActivitiesTable;
  flags: FlagsTable;
  deliveries: DeliveriesTable;
  following: FollowingTable;
  remote_news: RemoteNewsTable;
  remote_memberships: RemoteMembershipsTable;
  remote_declarations: RemoteDeclarationsTable;
  remote_catalogs: RemoteCatalogsTable;
  remote_catalog_items: RemoteCatalogItemsTable;
  cec_validators: CecValidatorsTable;
  attestations: AttestationsTable;
  smic_rates: SmicRatesTable;
  association_rates: AssociationRatesTable;
  association_rate_items: AssociationRateItemsTable;
}
