/**
 * Writing a normalised archive back in the Bénévalibre 2.x migration format (spec §A11),
 * so `readArchive(writeArchive(a))` gives `a` back. `archive-export.ts` fills an
 * `Archive` from our tables (moving an association between instances of this project).
 */
import type { Archive } from './archive.ts';
import { ROLE_PERMISSION_FIELDS, type ArchiveFile } from './archive.schema.ts';

/** Minutes → Django's `[D ]HH:MM:SS`. */
export function djangoDuration(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const rest = minutes % 1440;
  const hhmm = `${String(Math.floor(rest / 60)).padStart(2, '0')}:${String(rest % 60).padStart(2, '0')}:00`;
  return days > 0 ? `${days} ${hhmm}` : hhmm;
}

/** Hundredths of a km → "12.50". */
const decimal = (h: number) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;

export function writeArchive(a: Archive): ArchiveFile {
  const assoc = [a.association.name];
  const owned = (model: string, fields: Record<string, unknown>) => ({ model, fields: { ...fields, association: assoc } });
  return {
    metadata: { app_version: a.metadata.appVersion, date: a.metadata.date, endpoint: a.metadata.endpoint, token: a.metadata.token },
    objects: [
      ...a.users.map((u) => ({ model: 'accounts.user', fields: { email: u.email, first_name: u.firstName, last_name: u.lastName, pseudo: u.pseudo } })),
      {
        model: 'associations.association',
        fields: {
          name: a.association.name, description: a.association.description, website_url: a.association.website ?? '', postal_code: a.association.postalCode ?? '',
          moderate_membership: a.association.moderateMembership, moderate_benevalo: a.association.moderateDeclarations, is_hidden: a.association.isHidden,
          country: a.association.country, has_employees: a.association.hasEmployees === 'unknown' ? null : a.association.hasEmployees === 'yes',
          income: a.association.incomeEuros, activity_field: a.association.activityField === null ? null : [a.association.activityField],
        },
      },
      ...a.categories.map((c) => owned('associations.associationbenevalocategory', {
        name: c.name, description: c.description, default_category: c.defaultCategory === null ? null : [c.defaultCategory],
      })),
      ...a.levels.map((l) => owned('associations.associationbenevalolevel', { name: l.name, description: l.description })),
      ...a.projects.map((p) => owned('associations.associationproject', { name: p.name, description: p.description })),
      ...a.roles.map((r) => owned('associations.associationrole', {
        name: r.name, description: r.description, is_default: r.isDefault,
        ...Object.fromEntries(Object.entries(ROLE_PERMISSION_FIELDS).map(([field, permission]) => [field, r.permissions[permission]])),
      })),
      ...a.memberships.map((m) => owned('associations.associationmembership', { user: [m.email], role: [m.role, a.association.name], is_active: m.isActive })),
      ...a.anonymousMembers.map((n) => owned('associations.associationanonymousmember', {
        ...(n.uuid === null ? {} : { uuid: n.uuid }), name: n.name, is_active: n.isActive, expiration_date: n.expiresOn === null ? null : `${n.expiresOn}T00:00:00Z`,
      })),
      ...a.actions.map((x) => ({
        model: 'benevalibre.benevalo',
        pk: x.pk,
        fields: {
          association: assoc, date: x.date, end_date: x.endDate, title: x.title, description: x.description,
          duration: djangoDuration(x.durationMinutes), distance: decimal(x.distanceHundredths), is_active: x.isActive,
          user: x.author.type === 'account' ? [x.author.email] : null,
          anonymous_member: x.author.type === 'anonymous' ? [x.author.uuid ?? x.author.name, a.association.name] : null,
          category: [x.category, a.association.name], project: x.project === null ? null : [x.project, a.association.name],
          level: x.level === null ? null : [x.level, a.association.name],
        },
      })),
    ],
  };
}
