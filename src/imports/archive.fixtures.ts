/**
 * A realistic Bénévalibre 2.x migration file, written by hand from spec §A11 (not from
 * our writer): several users, categories whose default category is unknown here, roles
 * with varied permissions, pending and active memberships, anonymous members and ~1,000
 * actions with every field variant (multi-day, travel-only, "1 02:00:00", ISO 8601,
 * decimals as strings and numbers, natural keys as lists and scalars).
 */
import { ROLE_PERMISSION_FIELDS } from './archive.schema.ts';

export const ASSOCIATION = 'Les Amis du Jardin partagé';
export const FILE_TOKEN = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const KNOWN_DEFAULT = 'Autre';
export const UNKNOWN_DEFAULTS = ['Jardinage collectif', 'Vie associative'];

export const USERS = [
  { email: 'marie@exemple.fr', first_name: 'Marie', last_name: 'Curie', pseudo: 'marie' },
  { email: 'paul@exemple.fr', first_name: 'Paul', last_name: 'Éluard', pseudo: '' },
  { email: 'Lea@Exemple.fr', first_name: 'Léa', last_name: 'Seydoux', pseudo: 'léa' },
  { email: 'karim@exemple.fr', first_name: 'Karim', last_name: 'Benali', pseudo: '' },
  { email: 'zoe@exemple.fr', first_name: 'Zoé', last_name: 'Lemoine', pseudo: 'zozo' },
];
export const ANONYMOUS = ['Enfant Tom', 'Classe de CM2'];
/** Bénévalibre names an anonymous member by its uuid; the first one has none (older or hand-written files name it by name). */
export const ANONYMOUS_UUID = 'c1f0e8a2-3b4d-4e5f-9a6b-7c8d9e0f1a2b';
const CATEGORIES: [name: string, defaultCategory: string | null][] = [
  ['Potager', UNKNOWN_DEFAULTS[0]!], ['Réunions', UNKNOWN_DEFAULTS[1]!], ['Divers', KNOWN_DEFAULT], ['Compost', null],
];
const ROLES: [name: string, isDefault: boolean, permissions: string[]][] = [
  ['Présidence', false, Object.keys(ROLE_PERMISSION_FIELDS)],
  ['Trésorerie', false, ['list_members', 'manage_benevalos']],
  ['Animation', false, ['manage_benevalo_categories', 'manage_benevalo_levels', 'manage_projects']],
  ['Bénévole', true, []],
];
const MEMBERSHIPS: [email: string, role: string, active: boolean][] = [
  ['marie@exemple.fr', 'Présidence', true], ['paul@exemple.fr', 'Trésorerie', true], ['Lea@Exemple.fr', 'Animation', true],
  ['karim@exemple.fr', 'Bénévole', true], ['zoe@exemple.fr', 'Bénévole', false],
];

/** Action number i's fields: every variant cycles through the list. */
export function actionFields(i: number): Record<string, unknown> {
  const assoc = [ASSOCIATION];
  const day = new Date(Date.UTC(2024, 0, 1) + (i % 600) * 86_400_000).toISOString().slice(0, 10);
  const variant = i % 8;
  const f: Record<string, unknown> = {
    association: i % 2 === 0 ? assoc : ASSOCIATION,
    date: day,
    end_date: null,
    title: `Action ${i}`,
    description: i % 3 === 0 ? '' : `Description de l’action ${i}`,
    duration: '02:30:00',
    distance: '0.00',
    is_active: i % 4 !== 3,
    user: [USERS[i % USERS.length]!.email],
    anonymous_member: null,
    category: [CATEGORIES[i % CATEGORIES.length]![0], ASSOCIATION],
    project: i % 5 === 0 ? null : [i % 2 === 0 ? 'Fête des semis' : 'Rénovation de la serre', ASSOCIATION],
    level: i % 3 === 0 ? null : i % 3 === 1 ? ['Débutant', ASSOCIATION] : 'Confirmé',
  };
  if (variant === 1) Object.assign(f, { end_date: nextDay(day, 2), duration: '1 02:00:00' }); // multi-day, 26 h
  if (variant === 2) Object.assign(f, { duration: '00:00:00', distance: '12.5' }); // travel only
  if (variant === 3) Object.assign(f, { duration: 'PT1H45M', distance: 7.25 }); // ISO 8601, decimal as a number
  if (variant === 4) Object.assign(f, { duration: '00:45:00.000000', distance: 3 });
  if (variant === 5) Object.assign(f, { user: null, anonymous_member: i % 16 === 5 ? [ANONYMOUS_UUID, ASSOCIATION] : [ANONYMOUS[0]!, ASSOCIATION] });
  if (variant === 6) Object.assign(f, { user: null, duration: 'PT3H0M0S' }); // no author
  return f;
}

function nextDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function benevalibreFile(options: { actions?: number; date?: string; endpoint?: string } = {}) {
  const assoc = [ASSOCIATION];
  const objects: Record<string, unknown>[] = [
    ...USERS.map((fields) => ({ model: 'accounts.user', fields })),
    {
      model: 'associations.association',
      fields: {
        name: ASSOCIATION, description: 'Un jardin ouvert à tous.', website_url: 'https://jardin.exemple.fr', activity_field: null, is_hidden: false,
        moderate_membership: true, moderate_benevalo: false, country: 'FR', postal_code: '69003', has_employees: false, income: 4200,
      },
    },
    ...CATEGORIES.map(([name, d], i) => ({
      model: 'associations.associationbenevalocategory',
      fields: { name, description: i === 0 ? 'Semis, arrosage' : null, association: assoc, default_category: d === null ? null : i % 2 ? d : [d] },
    })),
    ...['Débutant', 'Confirmé'].map((name) => ({ model: 'associations.associationbenevalolevel', fields: { name, description: null, association: assoc } })),
    ...['Fête des semis', 'Rénovation de la serre'].map((name) => ({ model: 'associations.associationproject', fields: { name, description: '', association: assoc } })),
    ...ROLES.map(([name, isDefault, permissions]) => ({
      model: 'associations.associationrole',
      fields: {
        name, description: null, association: assoc, is_default: isDefault,
        ...Object.fromEntries(Object.keys(ROLE_PERMISSION_FIELDS).map((p) => [p, permissions.includes(p)])),
      },
    })),
    ...MEMBERSHIPS.map(([email, role, active]) => ({
      model: 'associations.associationmembership',
      fields: { user: [email], association: assoc, role: [role, ASSOCIATION], is_active: active },
    })),
    ...ANONYMOUS.map((name, i) => ({
      model: 'associations.associationanonymousmember',
      fields: i === 0 ? { name, association: assoc, is_active: true } : { uuid: ANONYMOUS_UUID, name, association: assoc, is_active: true, expiration_date: '2027-06-30T00:00:00Z', created_at: '2025-01-01T10:00:00Z', last_visit: null },
    })),
    ...Array.from({ length: options.actions ?? 1000 }, (_, i) => ({ model: 'benevalibre.benevalo', pk: i + 1, fields: actionFields(i) })),
  ];
  return {
    metadata: { app_version: '2.3.1', date: options.date ?? '2026-11-20T09:30:00+01:00', endpoint: options.endpoint ?? 'https://benevalibre.exemple.org/api/v1/associations/42/migrate', token: FILE_TOKEN },
    objects,
  };
}
