// Frozen in time: associations, roles, memberships, anonymous members, instance
// administration, handles and the audit trail (product spec §A2, §A3, §A9, §A10).
// Reference data is embedded (never imported): its codes are shared by every instance.
import type { Kysely } from 'kysely';

// Reference data of product spec §A10, frozen in time: codes are shared by every
// instance (statistics are compared across instances by them), so they never change.

const ACTIVITY_GROUPS: [code: string, position: number, nameFr: string, nameEn: string][] = [
  ["1", 1, "Culture", "Culture"],
  ["2", 2, "Sports", "Sports"],
  ["3", 3, "Loisirs et vie sociale", "Leisure and social life"],
  ["4", 4, "Action sociale (avec ou sans hébergement), action humanitaire ou caritative", "Social, humanitarian or charitable action (with or without accommodation)"],
  ["5", 5, "Santé", "Health"],
  ["6", 6, "Enseignement, formation, recherche", "Education, training, research"],
  ["7", 7, "Défense de droits, de causes ou d'intérêts", "Defence of rights, causes or interests"],
  ["8", 8, "Développement local et gestion de services économiques", "Local development and management of economic services"],
];

const ACTIVITY_FIELDS: [code: string, group: string, position: number, nameFr: string][] = [
  ["1.1", "1", 1, "Association culturelle ou artistique (musique, danse photographie, théâtre, lecture, écriture, arts plastiques…) y compris enseignement d'activités culturelles"],
  ["1.2", "1", 2, "MJC, centre d'action culturelle, club culturel"],
  ["1.3", "1", 3, "Spectacle vivant (création, production, prestation de soutien, conseils, gestion administrative…)"],
  ["1.4", "1", 4, "Gestion de salles de spectacles"],
  ["1.5", "1", 5, "Association de défense et/ou de gestion du patrimoine culturel et historique : protection, valorisation, étude du patrimoine, attractions touristiques culturelles"],
  ["1.6", "1", 6, "Bibliothèque, musée, médiathèque, ludothèque…"],
  ["1.7", "1", 7, "Échanges culturels internationaux"],
  ["1.8", "1", 8, "Autre activité culturelle ou artistique"],
  ["2.1", "2", 1, "Club de sport, enseignement des disciplines sportives, ligue ou fédération sportives"],
  ["2.2", "2", 2, "Gestion d'installations sportives et autres activités liées au sport"],
  ["2.3", "2", 3, "Chasse et pêche"],
  ["2.4", "2", 4, "Autre association orientée vers le sport"],
  ["3.1", "3", 1, "Scoutisme ou autres association de loisirs pour les jeunes"],
  ["3.2", "3", 2, "Centre aéré associatif"],
  ["3.3", "3", 3, "Club du 3ème âge ou autre association de loisirs pour les personnes âgées"],
  ["3.4", "3", 4, "Comité des fêtes"],
  ["3.5", "3", 5, "Association de retraités ou de personnels d'une entreprise ou d'une administration"],
  ["3.6", "3", 6, "Association de quartier ou locale, amicale ou groupement de personnes originaires d'une même région ou d'un même pays"],
  ["3.7", "3", 7, "Tourisme social (hébergement, restauration)"],
  ["3.8", "3", 8, "Autre association de loisir"],
  ["4.1", "4", 1, "Association familiale, de soutien aux familles, à des mères de famille isolées, d'aide à l'enfance"],
  ["4.2", "4", 2, "Aide à l'insertion sociale et professionnelle, aide à l'emploi, (jeunes ou adultes en difficulté, chômeurs de longue durée, etc.)"],
  ["4.3", "4", 3, "Aide pour le travail des personnes handicapées"],
  ["4.4", "4", 4, "Accueil de jeunes enfants"],
  ["4.5", "4", 5, "Accueil et/ou hébergement d'enfants en difficulté"],
  ["4.6", "4", 6, "Accueil et/ou hébergement (médicalisé ou non) de personnes handicapées (enfants, adultes…)"],
  ["4.7", "4", 7, "Hébergement (médicalisé ou non) pour personnes âgées, dont EHPAD"],
  ["4.8", "4", 8, "Aide au logement"],
  ["4.9", "4", 9, "Foyers de jeunes travailleurs"],
  ["4.10", "4", 10, "Aide à domicile"],
  ["4.11", "4", 11, "Aide aux migrants"],
  ["4.12", "4", 12, "Association caritative ou à but humanitaire (y compris aide internationale)"],
  ["4.13", "4", 13, "Autre association d'action sociale"],
  ["5.1", "5", 1, "Association dispensant des soins (activités hospitalières, soins de médecine générale ou spécialisée, soins infirmiers ou de rééducation…)"],
  ["5.2", "5", 2, "Association d'aide aux malades (visites à l'hôpital, prêt de matériel médical, etc.) ou à leurs proches"],
  ["5.3", "5", 3, "Groupement de malades"],
  ["5.4", "5", 4, "Recherche médicale"],
  ["5.5", "5", 5, "Autre association de santé"],
  ["6.1", "6", 1, "Enseignement primaire ou secondaire (technique, professionnel ou général)"],
  ["6.2", "6", 2, "Enseignement supérieur"],
  ["6.3", "6", 3, "Formation continue d'adultes"],
  ["6.4", "6", 4, "Recherche hors recherche médicale"],
  ["6.5", "6", 5, "Autre activité d'enseignement (hors enseignement culturel, artistique ou sportif)"],
  ["7.1", "7", 1, "Association de parents d'élèves"],
  ["7.2", "7", 2, "Association d'élèves, d'étudiants, d'anciens élèves ou étudiants"],
  ["7.3", "7", 3, "Association patriotique ou d'anciens combattants"],
  ["7.4", "7", 4, "Association cultuelle, religieuse ou paroissiale"],
  ["7.5", "7", 5, "Organisation politique, club ou cercle de réflexion"],
  ["7.6", "7", 6, "Protection de l'environnement, des animaux, de la flore et de la faune, gestion de jardins, parcs ou réserves"],
  ["7.7", "7", 7, "Défense des consommateurs, des usagers de services publics"],
  ["7.8", "7", 8, "Groupement professionnel ou syndical"],
  ["7.9", "7", 9, "Association de locataires ou de propriétaires"],
  ["7.10", "7", 10, "Association de défense des droits humains, des droits des femmes, de minorités"],
  ["7.11", "7", 11, "Autre association de défense de causes, de droits et d'intérêts"],
  ["8.1", "8", 1, "Association de développement économique et de développement local (y compris organisation de circuits courts type AMAP)"],
];
const REFERENCE_CATEGORIES: [code: string, position: number, nameFr: string, nameEn: string][] = [
  ['gouvernance', 1, "Gouvernance (conseil d'administration, bureau, assemblées)", 'Governance (board, bureau, general meetings)'],
  ['administration', 2, 'Gestion administrative et financière (secrétariat, comptabilité, dossiers)', 'Administrative and financial management (secretariat, accounting, files)'],
  ['animation', 3, "Animation et encadrement d'activités (ateliers, entraînements, sorties)", 'Running and supervising activities (workshops, training sessions, outings)'],
  ['evenements', 4, "Organisation d'événements (préparation, logistique, tenue de stand)", 'Organising events (preparation, logistics, stands)'],
  ['accompagnement', 5, 'Accompagnement et aide aux personnes (écoute, visites, aide aux devoirs)', 'Supporting and helping people (listening, visits, homework help)'],
  ['communication', 6, 'Communication et promotion', 'Communication and promotion'],
  ['formation', 7, "Formation (se former, former d'autres bénévoles)", 'Training (being trained, training other volunteers)'],
  ['logistique', 8, 'Logistique, entretien et travaux (matériel, locaux, transport)', 'Logistics, maintenance and works (equipment, premises, transport)'],
  ['representation', 9, 'Représentation et partenariats', 'Representation and partnerships'],
  ['autre', 10, 'Autre', 'Other'],
];

const PERMISSIONS = [
  'list_members',
  'manage_members',
  'manage_declarations',
  'manage_categories',
  'manage_levels',
  'manage_projects',
  'manage_roles',
  'manage_association',
] as const;

const DEFAULT_ROLES: [name: string, description: string, isDefault: boolean, permissions: readonly string[]][] = [
  ['Responsable', "Gère l'association : tous les droits.", false, PERMISSIONS],
  ['Coordination', 'Voit et gère les membres, valide les déclarations.', false, ['list_members', 'manage_members', 'manage_declarations']],
  ['Bénévole', 'Déclare son bénévolat.', true, []],
];

const DEFAULT_LEVELS = ['Participation', 'Encadrement', 'Expertise'];

/** Ids of seeded rows are fixed UUIDv7-shaped values so every instance seeds the same way. */
const seedId = (kind: number, n: number) =>
  `01900000-0000-7000-8${kind.toString(16).padStart(3, '0')}-${n.toString(16).padStart(12, '0')}`;


export async function up(db: Kysely<any>): Promise<void> {
  // Reference data ---------------------------------------------------------------------
  await db.schema
    .createTable('activity_groups')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_fr', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('activity_fields')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('group_code', 'text', (c) => c.notNull().references('activity_groups.code'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_fr', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('reference_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_fr', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('activity_groups').values(ACTIVITY_GROUPS.map(([code, position, name_fr, name_en]) => ({ code, position, name_fr, name_en }))).execute();
  await db.insertInto('activity_fields').values(ACTIVITY_FIELDS.map(([code, group_code, position, name_fr]) => ({ code, group_code, position, name_fr }))).execute();
  await db
    .insertInto('reference_categories')
    .values(REFERENCE_CATEGORIES.map(([code, position, name_fr, name_en]) => ({ code, position, name_fr, name_en })))
    .execute();

  // Instance defaults, copied into each new association --------------------------------
  await db.schema
    .createTable('default_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('reference_code', 'text', (c) => c.notNull().references('reference_categories.code'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('default_levels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  let roleTable = db.schema
    .createTable('default_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull());
  for (const p of PERMISSIONS) roleTable = roleTable.addColumn(p, 'integer', (c) => c.notNull().defaultTo(0));
  await roleTable.execute();

  await db
    .insertInto('default_categories')
    .values(
      REFERENCE_CATEGORIES.map(([code, position, name_fr]) => ({
        id: seedId(1, position),
        name: name_fr,
        name_key: name_fr.toLocaleLowerCase('fr'),
        description: null,
        reference_code: code,
        position,
      })),
    )
    .execute();
  await db
    .insertInto('default_levels')
    .values(DEFAULT_LEVELS.map((name, i) => ({ id: seedId(2, i + 1), name, name_key: name.toLocaleLowerCase('fr'), description: null, position: i + 1 })))
    .execute();
  await db
    .insertInto('default_roles')
    .values(
      DEFAULT_ROLES.map(([name, description, isDefault, perms], i) => ({
        id: seedId(3, i + 1),
        name,
        name_key: name.toLocaleLowerCase('fr'),
        description,
        is_default: isDefault ? 1 : 0,
        position: i + 1,
        ...Object.fromEntries(PERMISSIONS.map((p) => [p, perms.includes(p) ? 1 : 0])),
      })),
    )
    .execute();

  // Handles: one namespace per instance for accounts, associations and federations. A
  // released handle stays reserved for 90 days (released_at) so links do not change owner.
  await db.schema
    .createTable('handles')
    .addColumn('handle', 'text', (c) => c.primaryKey())
    .addColumn('owner_type', 'text', (c) => c.notNull()) // account | association | federation
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('released_at', 'text')
    .execute();
  await db.schema.createIndex('handles_owner').on('handles').columns(['owner_type', 'owner_id']).execute();
  await db.schema.alterTable('accounts').addColumn('handle', 'text').execute();
  await db.schema.createIndex('accounts_handle_unique').on('accounts').column('handle').unique().execute();

  // Associations -----------------------------------------------------------------------
  await db.schema
    .createTable('associations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handle', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique()) // case-insensitive uniqueness
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'text')
    .addColumn('activity_field_code', 'text', (c) => c.references('activity_fields.code'))
    .addColumn('country', 'text', (c) => c.notNull().defaultTo('FR'))
    .addColumn('postal_code', 'text')
    .addColumn('has_employees', 'text', (c) => c.notNull().defaultTo('unknown')) // yes | no | unknown
    .addColumn('yearly_income_cents', 'integer')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Europe/Paris'))
    .addColumn('is_hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('moderate_membership', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('moderate_declarations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .execute();
  await db.schema
    .createTable('association_logos')
    .addColumn('association_id', 'text', (c) => c.primaryKey().references('associations.id').onDelete('cascade'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('default_category_id', 'text', (c) => c.references('default_categories.id').onDelete('set null'))
    .addColumn('reference_code', 'text', (c) => c.notNull().references('reference_categories.code'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('categories_name_unique', ['association_id', 'name_key'])
    .execute();
  await db.schema
    .createTable('levels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('levels_name_unique', ['association_id', 'name_key'])
    .execute();
  let roles = db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull());
  for (const p of PERMISSIONS) roles = roles.addColumn(p, 'integer', (c) => c.notNull().defaultTo(0));
  await roles.addUniqueConstraint('roles_name_unique', ['association_id', 'name_key']).execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
    .addColumn('status', 'text', (c) => c.notNull()) // pending | active
    .addColumn('function', 'text', (c) => c.notNull().defaultTo('none')) // governance | supervision | none (CEC)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addUniqueConstraint('memberships_unique', ['association_id', 'account_id'])
    .execute();
  await db.schema.createIndex('memberships_account').on('memberships').column('account_id').execute();

  await db.schema
    .createTable('anonymous_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text') // YYYY-MM-DD, in the association's time zone
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('last_visit_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('anonymous_members_association').on('anonymous_members').column('association_id').execute();
  await db.schema
    .createTable('anonymous_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('anonymous_member_id', 'text', (c) => c.notNull().references('anonymous_members.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  // Instance administration ------------------------------------------------------------
  await db.schema
    .createTable('instance_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull()) // JSON
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .execute();
  await db.schema
    .createTable('announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull()) // everyone | managers
    .addColumn('publish_at', 'text', (c) => c.notNull())
    .addColumn('expire_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Audit trail: who changed what, when. actor_label keeps the name if the account goes.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.references('associations.id').onDelete('cascade'))
    .addColumn('actor_account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('changes', 'text') // JSON { field: [before, after] }
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_association').on('audit_log').columns(['association_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'announcements',
    'instance_settings',
    'anonymous_sessions',
    'anonymous_members',
    'memberships',
    'roles',
    'levels',
    'categories',
    'association_logos',
    'associations',
    'handles',
    'default_roles',
    'default_levels',
    'default_categories',
    'reference_categories',
    'activity_fields',
    'activity_groups',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('accounts_handle_unique').execute();
  await db.schema.alterTable('accounts').dropColumn('handle').execute();
}
